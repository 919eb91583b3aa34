/**
 * Sign-in accounts as the SENCo's screens see them: which staff records
 * have one, and setting a first password (activation). Finding and
 * creating accounts is accounts.ts's job.
 */
import type { Role } from '../../src/domain';
import type { Executor } from '../db/connection';

export type SignInAccount = { staffId: string; email: string; role: Role; isActive: boolean };

/** Every sign-in account of the school, by email. */
export const listSignInAccounts = async (
  db: Executor,
  schoolId: string,
): Promise<SignInAccount[]> => {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'email', 'role', 'is_active'])
    .where('school_id', '=', schoolId)
    .orderBy('email')
    .execute();
  return rows.map((row) => ({
    staffId: row.id,
    email: row.email,
    role: row.role as Role,
    isActive: row.is_active === 1,
  }));
};

export const setPasswordHash = async (
  db: Executor,
  schoolId: string,
  staffId: string,
  passwordHash: string,
): Promise<void> => {
  await db
    .updateTable('staff')
    .set({ password_hash: passwordHash })
    .where('school_id', '=', schoolId)
    .where('id', '=', staffId)
    .execute();
};
