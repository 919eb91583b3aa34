/**
 * The wire shapes of activation, shared by the device and the server:
 * `POST /api/v1/auth/activate {code, password, deviceId?}` sets a member of
 * staff's first password with the code the SENCo handed them, and answers
 * `200 {token, staff}` exactly as sign-in does. A used, replaced, expired or
 * unknown code is a 400 `activation_invalid` whose message says which and
 * what to do.
 */
import { z } from './zod';

/**
 * What a new password must be: at least 10 characters (long beats
 * complicated, as the NCSC advises: no rules about symbols or digits), at
 * most 1,000 (sign-in's own limit).
 */
export const MIN_PASSWORD_LENGTH = 10;
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
  deviceId: z.optional(z.uuid()),
});
export type ActivateRequest = z.infer<typeof activateRequestSchema>;
