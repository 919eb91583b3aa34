/**
 * How long a new password must be. Its own module, with no schemas, so the
 * sign-in screen (in the page's first script) can say it without loading zod.
 * Why length alone: long beats complicated, as the NCSC advises; rules about
 * symbols and digits make passwords people write down.
 */
export const MIN_PASSWORD_LENGTH = 10;
