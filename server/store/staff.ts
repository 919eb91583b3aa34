/**
 * The staff table: a school's staff accounts (who they are, their role,
 * their password hash, whether they may still sign in), mapped to
 * `StaffAccount`. A member of staff is named by (school, id): ids are
 * unique only within a school, and so is an email.
 */
import type { Role } from '../../src/domain';
import type { Executor } from '../db/connection';
import type { Selectable } from 'kysely';
import type { StaffTable } from '../db/schema';

export type StaffAccount = {
  id: string;
  schoolId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  isActive: boolean;
};

export const staffRowToAccount = (row: Selectable<StaffTable>): StaffAccount => ({
  id: row.id,
  schoolId: row.school_id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  passwordHash: row.password_hash,
  isActive: row.is_active === 1,
});

/** An email as it is stored and looked up: one address however it was typed. */
const emailKey = (email: string): string => email.trim().toLowerCase();

export const insertStaffAccount = async (db: Executor, account: StaffAccount): Promise<void> => {
  await db
    .insertInto('staff')
    .values({
      id: account.id,
      school_id: account.schoolId,
      email: emailKey(account.email),
      name: account.name,
      role: account.role,
      password_hash: account.passwordHash,
      is_active: account.isActive ? 1 : 0,
    })
    .execute();
};

/**
 * Every account with this email, in any school. Why a list: an email is
 * unique only within a school, so one address may have an account in two
 * schools; sign-in tries each and the password decides.
 */
export const findStaffAccountsByEmail = async (
  db: Executor,
  email: string,
): Promise<StaffAccount[]> =>
  (
    await db
      .selectFrom('staff')
      .selectAll()
      .where('email', '=', emailKey(email))
      .orderBy('school_id')
      .orderBy('id')
      .execute()
  ).map(staffRowToAccount);

/** The account with this email in this school, if any. */
export const findStaffByEmailInSchool = async (
  db: Executor,
  schoolId: string,
  email: string,
): Promise<StaffAccount | undefined> => {
  const row = await db
    .selectFrom('staff')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('email', '=', emailKey(email))
    .executeTakeFirst();
  return row && staffRowToAccount(row);
};

export const findStaffById = async (
  db: Executor,
  schoolId: string,
  staffId: string,
): Promise<StaffAccount | undefined> => {
  const row = await db
    .selectFrom('staff')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row && staffRowToAccount(row);
};

export const listStaffAccounts = async (db: Executor, schoolId: string) =>
  (
    await db
      .selectFrom('staff')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('name')
      .execute()
  ).map(staffRowToAccount);

/**
 * Deactivates (or reactivates) a person; deactivating ends all their
 * sessions in the same transaction, so no device of theirs syncs again.
 */
export const setStaffActive = async (
  db: Executor,
  schoolId: string,
  staffId: string,
  isActive: boolean,
  at: string,
): Promise<void> => {
  await db
    .updateTable('staff')
    .set({ is_active: isActive ? 1 : 0 })
    .where('school_id', '=', schoolId)
    .where('id', '=', staffId)
    .execute();
  if (!isActive) {
    await db
      .updateTable('auth_sessions')
      .set({ revoked_at: at })
      .where('school_id', '=', schoolId)
      .where('staff_id', '=', staffId)
      .where('revoked_at', 'is', null)
      .execute();
  }
};

/**
 * Stores a stronger hash of the same password, found cheaper at sign-in.
 * Why only while the old hash is still there: a password set meanwhile (an
 * activation, a reset) is newer and must not be put back by a stale rehash.
 * True when it was stored.
 */
export const upgradePasswordHash = async (
  db: Executor,
  account: { schoolId: string; id: string },
  oldHash: string,
  newHash: string,
): Promise<boolean> => {
  const result = await db
    .updateTable('staff')
    .set({ password_hash: newHash })
    .where('school_id', '=', account.schoolId)
    .where('id', '=', account.id)
    .where('password_hash', '=', oldHash)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};
