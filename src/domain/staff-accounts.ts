/**
 * The wire shapes for sign-in accounts of staff records (SENCo only):
 *
 * `GET /api/v1/staff-accounts` -> `{accounts: [{staffId, email, role, isActive}]}`:
 *   which staff records already have a sign-in account.
 * `POST /api/v1/staff-accounts` with `{staffIds: [...]}` -> `{results: [...]}`:
 *   creates an account for each staff record (synced to the server first)
 *   that has none, with an activation code returned ONCE, in this answer
 *   only (the server keeps only its hash). The person sets their own
 *   password with it (`POST /auth/activate`), once, within 14 days. Each
 *   result is one of `created {email, activationCode, activationExpiresAt}`,
 *   `exists`, `not_found` (the staff record has not reached the server:
 *   sync, then try again) or `email_taken` (another account in this school
 *   has the email).
 * `POST /api/v1/staff-accounts/:id/activation-code` -> `{staffId, activationCode, activationExpiresAt}`:
 *   a fresh code for an active account of this school; the person's earlier
 *   unused code stops working. 404 for an id that is not an account here.
 */
import { z } from './zod';
import { idSchema } from './id-schema';
import { ROLES } from './records';

/**
 * The most staff records one request may turn into accounts. Why a bound:
 * every new account costs a deliberately slow password hash on the server,
 * so one request must not keep it busy for long; the app sends a long list
 * in several requests.
 */
export const STAFF_ACCOUNTS_PER_REQUEST = 50;

export const createStaffAccountsRequestSchema = z.object({
  staffIds: z.array(idSchema).check(z.minLength(1), z.maxLength(STAFF_ACCOUNTS_PER_REQUEST)),
});
export type CreateStaffAccountsRequest = z.infer<typeof createStaffAccountsRequestSchema>;

export const STAFF_ACCOUNT_STATUSES = ['created', 'exists', 'not_found', 'email_taken'] as const;

export const staffAccountResultSchema = z.object({
  staffId: idSchema,
  status: z.enum(STAFF_ACCOUNT_STATUSES),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  activationCode: z.optional(z.string()),
  /** When the code stops working (ISO time, 14 days on). */
  activationExpiresAt: z.optional(z.string()),
});
export type StaffAccountResult = z.infer<typeof staffAccountResultSchema>;

export const createStaffAccountsResponseSchema = z.object({
  results: z.array(staffAccountResultSchema),
});

export const staffAccountsListSchema = z.object({
  accounts: z.array(
    z.object({
      staffId: idSchema,
      email: z.string(),
      role: z.enum(ROLES),
      isActive: z.boolean(),
    }),
  ),
});
export type StaffAccountsList = z.infer<typeof staffAccountsListSchema>;

export const activationCodeResponseSchema = z.object({
  staffId: idSchema,
  activationCode: z.string(),
  activationExpiresAt: z.string(),
});
export type ActivationCodeAnswer = z.infer<typeof activationCodeResponseSchema>;
