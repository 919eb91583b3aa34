/**
 * Repositories for who may use the server: schools (with their change
 * counter), staff accounts, sign-in sessions and devices. Every function
 * takes the database or a transaction first; the caller owns the transaction.
 */
import { randomUUID } from 'node:crypto';
import type { DeviceRevocation, Role } from '../../src/domain';
import type { Db } from '../db/connection';
import { sql } from 'kysely';
import type { Selectable, Transaction } from 'kysely';
import type { DatabaseSchema, StaffTable } from '../db/schema';
import { toNumber } from '../db/schema';

export type Executor = Db | Transaction<DatabaseSchema>;

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

// ---------------------------------------------------------------- schools

export const countSchools = async (db: Executor): Promise<number> => {
  const row = await db
    .selectFrom('schools')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
};

export const insertSchool = async (
  db: Executor,
  school: { id: string; name: string; createdAt: string },
): Promise<void> => {
  await db
    .insertInto('schools')
    .values({
      id: school.id,
      name: school.name,
      created_at: school.createdAt,
      scope_version: randomUUID(),
    })
    .execute();
};

/**
 * Gives the school a new scope version, in the transaction of a write that
 * can change what a reader may see (scope.ts, SCOPE_ENTITIES), so every
 * scope cached under the old one is no longer used (scope-cache.ts).
 *
 * Why a random token and not a counter: a transaction that rolls back
 * takes its counter value with it, and the next write would hand out the
 * same number for a different state, so a scope computed inside the
 * rolled-back transaction could be served for it. A token is never reused.
 */
export const moveScopeVersion = async (db: Executor, schoolId: string): Promise<void> => {
  await db
    .updateTable('schools')
    .set({ scope_version: randomUUID() })
    .where('id', '=', schoolId)
    .execute();
};

/**
 * Hands out the school's next change number.
 *
 * Why a counter row per school and not a global sequence: on PostgreSQL the
 * row lock this UPDATE takes is held until the transaction commits, so within
 * one school change numbers are handed out in commit order, and a pull reader
 * can never skip a row that commits later with a lower number (a plain
 * sequence would allow exactly that). SQLite serialises writers anyway.
 */
export const nextChangeSeq = async (db: Executor, schoolId: string): Promise<number> => {
  const row = await db
    .updateTable('schools')
    .set({ change_seq: sql<number>`change_seq + 1` })
    .where('id', '=', schoolId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  return toNumber(row.change_seq);
};

/**
 * Takes the school's write lock for the rest of the transaction (a no-op
 * UPDATE of its row) and returns the school's change counter as it stands.
 * Why: every read a push makes (is this id a duplicate, what does the record
 * hold now) must see the writes of a push that committed just before it, or
 * two devices patching the same record at once could overwrite each other's
 * fields on PostgreSQL. Pushes to one school therefore run one after
 * another; different schools never wait for each other. On SQLite this
 * starts the write transaction straight away.
 */
export const lockSchoolForWrite = async (db: Executor, schoolId: string): Promise<number> => {
  const row = await db
    .updateTable('schools')
    .set({ change_seq: sql<number>`change_seq` })
    .where('id', '=', schoolId)
    .returning('change_seq')
    .executeTakeFirst();
  if (!row) throw new Error(`No school ${schoolId}`);
  return toNumber(row.change_seq);
};

/**
 * Moves the school's change counter to `seq`, the last change number a batch
 * handed out. Only under the lock `lockSchoolForWrite` took in the same
 * transaction, so the numbers stay in commit order (see `nextChangeSeq`).
 */
export const setChangeSeq = async (db: Executor, schoolId: string, seq: number): Promise<void> => {
  await db.updateTable('schools').set({ change_seq: seq }).where('id', '=', schoolId).execute();
};

export const getChangeSeq = async (db: Executor, schoolId: string): Promise<number> => {
  const row = await db
    .selectFrom('schools')
    .select('change_seq')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return toNumber(row.change_seq);
};

// ---------------------------------------------------------------- staff

export const insertStaffAccount = async (db: Executor, account: StaffAccount): Promise<void> => {
  await db
    .insertInto('staff')
    .values({
      id: account.id,
      school_id: account.schoolId,
      email: account.email.trim().toLowerCase(),
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
      .where('email', '=', email.trim().toLowerCase())
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
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row && staffRowToAccount(row);
};

// ---------------------------------------------------------------- sessions

export type AuthSession = {
  tokenHash: string;
  staffId: string;
  schoolId: string;
  deviceId: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
};

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

export type SessionWithStaff = { session: AuthSession; staff: StaffAccount };

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
    .select([
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
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', nowIso)
    .where('st.is_active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
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
  };
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

// ---------------------------------------------------------------- devices

/** Records that a device pushed or pulled, creating its row the first time. */
export const touchDevice = async (
  db: Executor,
  device: { id: string; schoolId: string; staffId: string },
  what: 'push' | 'pull',
  at: string,
): Promise<void> => {
  const column = what === 'push' ? 'last_push_at' : 'last_pull_at';
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      school_id: device.schoolId,
      staff_id: device.staffId,
      first_seen_at: at,
      last_push_at: what === 'push' ? at : null,
      last_pull_at: what === 'pull' ? at : null,
    })
    // Why never the owner: a device is bound to its person at sign-in
    // (devices.ts `bindDevice`); pushing or pulling only says when it was seen.
    .onConflict((oc) => oc.columns(['school_id', 'id']).doUpdateSet({ [column]: at }))
    .execute();
};

// ---------------------------------------------------------------- managing staff and devices

export type DeviceRow = {
  id: string;
  staffId: string;
  staffName: string;
  firstSeenAt: string;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Live (not revoked, not expired) sign-in sessions on this device. */
  liveSessions: number;
  revocation: DeviceRevocation | null;
};

export const listDevices = async (
  db: Executor,
  schoolId: string,
  nowIso: string,
): Promise<DeviceRow[]> => {
  const rows = await db
    .selectFrom('devices as d')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.school_id', '=', 'd.school_id').onRef('s.id', '=', 'd.staff_id'),
    )
    .select([
      'd.id',
      'd.staff_id',
      's.name',
      'd.first_seen_at',
      'd.last_push_at',
      'd.last_pull_at',
      'd.revoked_mode',
      'd.revoked_at',
      'd.wiped_at',
      'd.dropped_changes',
    ])
    .where('d.school_id', '=', schoolId)
    // Only devices someone signed in on: the server's own set-up writer
    // (the demo seed) is not a device anyone can lose or forget to sync.
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('auth_sessions as a')
          .select('a.token_hash')
          .whereRef('a.device_id', '=', 'd.id'),
      ),
    )
    .orderBy('s.name')
    .orderBy('d.first_seen_at')
    .execute();
  const sessions = await db
    .selectFrom('auth_sessions')
    .select(['device_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .groupBy('device_id')
    .execute();
  const live = new Map(sessions.map((row) => [row.device_id, toNumber(row.n)]));
  return rows.map((row) => ({
    id: row.id,
    staffId: row.staff_id,
    staffName: row.name,
    firstSeenAt: row.first_seen_at,
    lastPushAt: row.last_push_at,
    lastPullAt: row.last_pull_at,
    liveSessions: live.get(row.id) ?? 0,
    revocation:
      (row.revoked_mode === 'hand_back' || row.revoked_mode === 'lost') && row.revoked_at
        ? {
            mode: row.revoked_mode,
            at: row.revoked_at,
            wipedAt: row.wiped_at,
            droppedChanges: row.dropped_changes === null ? null : toNumber(row.dropped_changes),
          }
        : null,
  }));
};

export const findDevice = async (db: Executor, schoolId: string, deviceId: string) =>
  db
    .selectFrom('devices')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', deviceId)
    .executeTakeFirst();

export const listStaffAccounts = async (db: Executor, schoolId: string) =>
  (
    await db
      .selectFrom('staff')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('name')
      .execute()
  ).map(staffRowToAccount);

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

/** Deactivates (or reactivates) a person; deactivating ends all their sessions. */
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
