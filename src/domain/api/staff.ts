/**
 * Staff (SENCo and admins): the list of sign-in accounts with who is
 * active, deactivating and reactivating a person, and making sign-in
 * accounts for imported staff records (shapes and rules in
 * ../staff-accounts.ts).
 */
import { z } from '../zod';
import { idSchema } from '../id-schema';
import { ROLES } from '../records';

export {
  activationCodeResponseSchema,
  type ActivationCodeAnswer,
  createStaffAccountsRequestSchema,
  createStaffAccountsResponseSchema,
  staffAccountResultSchema,
  staffAccountsListSchema,
  STAFF_ACCOUNTS_PER_REQUEST,
  STAFF_ACCOUNT_STATUSES,
  type CreateStaffAccountsRequest,
  type StaffAccountResult,
  type StaffAccountsList,
} from '../staff-accounts';

export const staffSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  isActive: z.boolean(),
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const staffListResponseSchema = z.object({ staff: z.array(staffSummarySchema) });

export const staffActiveResponseSchema = z.object({ id: idSchema, isActive: z.boolean() });
