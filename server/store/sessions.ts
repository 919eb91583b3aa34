/**
 * The auth_sessions table: sign-in sessions, each named by the hash of its
 * bearer token, with the member of staff it speaks for. Only the hash is
 * stored, so a copy of the database cannot be used to sign in. Revoking a
 * device's sessions with a mode is device-revocation.ts.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/connection';
import type { AuthSessionsTable, StaffTable } from '../db/schema';
import type { StaffAccount } from './staff';
import { staffRowToAccount } from './staff';

export type AuthSession = {
  tokenHash: string;
  staffId: string;
  schoolId: string;
  deviceId: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
};

export type SessionWithStaff = { session: AuthSession; staff: StaffAccount };

export const insertSession = async (db: Executor, session: AuthSession): Promise<void> => {
  await db
    .insertInto('auth_sessions')
    .values({
      token_hash: session.tokenHash,
      staff_id: session.staffId,
      school_id: session.schoolId,
      device_id: session.deviceId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_used_at: session.lastUsedAt,
      revoked_at: null,
    })
    .execute();
};

/**
 * The columns `toSessionWithStaff` reads, from `auth_sessions as s` joined
 * to `staff as st`.
 */
export const SESSION_WITH_STAFF_COLUMNS = [
  's.token_hash',
  's.staff_id',
  's.school_id',
  's.device_id',
  's.created_at',
  's.expires_at',
  's.last_used_at',
  'st.id',
  'st.email',
  'st.name',
  'st.role',
  'st.password_hash',
  'st.is_active',
] as const;

/** A row of `SESSION_WITH_STAFF_COLUMNS`: the session's columns, then its account's. */
type SessionWithStaffRow = Pick<
  Selectable<AuthSessionsTable>,
  | 'token_hash'
  | 'staff_id'
  | 'school_id'
  | 'device_id'
  | 'created_at'
  | 'expires_at'
  | 'last_used_at'
> &
  Omit<Selectable<StaffTable>, 'school_id'>;

/** A row of `SESSION_WITH_STAFF_COLUMNS` as the session and its account. */
export const toSessionWithStaff = (row: SessionWithStaffRow): SessionWithStaff => ({
  session: {
    tokenHash: row.token_hash,
    staffId: row.staff_id,
    schoolId: row.school_id,
    deviceId: row.device_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  },
  staff: staffRowToAccount({
    id: row.id,
    school_id: row.school_id,
    email: row.email,
    name: row.name,
    role: row.role,
    password_hash: row.password_hash,
    is_active: row.is_active,
  }),
});

/** A session that is live (not revoked, not expired) and whose staff account is active. */
export const findLiveSession = async (
  db: Executor,
  tokenHash: string,
  nowIso: string,
): Promise<SessionWithStaff | undefined> => {
  const row = await db
    .selectFrom('auth_sessions as s')
    // A member of staff is named by (school, id): ids are unique only within a school.
    .innerJoin('staff as st', (join) =>
      join.onRef('st.school_id', '=', 's.school_id').onRef('st.id', '=', 's.staff_id'),
    )
    .select(SESSION_WITH_STAFF_COLUMNS)
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', nowIso)
    .where('st.is_active', '=', 1)
    .executeTakeFirst();
  return row && toSessionWithStaff(row);
};

export const renewSession = async (
  db: Executor,
  tokenHash: string,
  lastUsedAt: string,
  expiresAt: string,
): Promise<void> => {
  await db
    .updateTable('auth_sessions')
    .set({ last_used_at: lastUsedAt, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
};

export const revokeSession = async (db: Executor, tokenHash: string, at: string): Promise<void> => {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
};
