/**
 * The wire shapes of activation, shared by the device and the server:
 * `POST /api/v1/auth/activate {code, password, deviceId?}` sets a member of
 * staff's first password with the code the SENCo handed them, and answers
 * `200 {token, staff}` exactly as sign-in does. A used, replaced, expired or
 * unknown code is a 400 `activation_invalid` whose message says which and
 * what to do.
 */
import { MIN_PASSWORD_LENGTH } from './password-rules';
import { z } from './zod';
import { idSchema } from './id-schema';

export { MIN_PASSWORD_LENGTH };

/** A new password: long enough (password-rules.ts), and within sign-in's own limit. */
export const newPasswordSchema = z
  .string()
  .check(
    z.minLength(
      MIN_PASSWORD_LENGTH,
      `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
    ),
    z.maxLength(1_000, 'Keep the password under 1,000 characters.'),
  );

export const activateRequestSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(100)),
  password: newPasswordSchema,
  deviceId: z.optional(idSchema),
});
export type ActivateRequest = z.infer<typeof activateRequestSchema>;
