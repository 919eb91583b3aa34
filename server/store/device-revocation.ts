/**
 * Revoking a device for the SENCo, and what the revoked device may still
 * do. A revoked session keeps its mode (`hand_back` | `lost`), so the
 * device presenting its old token is told why it was refused and goes dark;
 * the device row keeps what the SENCo sees on the devices list: the mode,
 * when, and, once the device says so, when it wiped and how many unsent
 * changes it dropped.
 */
import type { RevocationMode } from '../../src/domain';
import { REVOCATION_MODES } from '../../src/domain';
import type { Executor } from '../db/connection';
import type { SessionWithStaff } from './sessions';
import { SESSION_WITH_STAFF_COLUMNS, toSessionWithStaff } from './sessions';

export type RevokedSession = SessionWithStaff & {
  mode: RevocationMode;
  /** Set once the device reported its wipe: the token is spent for good. */
  wipedAt: string | null;
};

const asMode = (value: string | null): RevocationMode | undefined =>
  REVOCATION_MODES.find((mode) => mode === value);

/**
 * Ends every session on one device with a mode, and notes it on the device
 * row. Sessions already revoked with a mode but not yet wiped take the new
 * mode too. Why: a SENCo who first chose "hand back" and then learns the
 * tablet was stolen must be able to stop it sending anything.
 */
export const revokeDevice = async (
  db: Executor,
  schoolId: string,
  deviceId: string,
  mode: RevocationMode,
  at: string,
): Promise<number> => {
  const live = await db
    .updateTable('auth_sessions')
    .set({ revoked_at: at, revoked_mode: mode })
    .where('school_id', '=', schoolId)
    .where('device_id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('auth_sessions')
    .set({ revoked_mode: mode })
    .where('school_id', '=', schoolId)
    .where('device_id', '=', deviceId)
    .where('revoked_mode', 'is not', null)
    .where('wiped_at', 'is', null)
    .execute();
  await db
    .updateTable('devices')
    .set({ revoked_mode: mode, revoked_at: at, wiped_at: null, dropped_changes: null })
    .where('school_id', '=', schoolId)
    .where('id', '=', deviceId)
    .execute();
  return Number(live.numUpdatedRows);
};

/**
 * The session of a token the SENCo revoked with a mode, whether or not it
 * has expired since. Why expired ones too: a lost tablet found after a
 * month must still wipe when it connects, not just ask for a sign-in.
 */
export const findRevokedSession = async (
  db: Executor,
  tokenHash: string,
): Promise<RevokedSession | undefined> => {
  const row = await db
    .selectFrom('auth_sessions as s')
    // A member of staff is named by (school, id): ids are unique only within a school.
    .innerJoin('staff as st', (join) =>
      join.onRef('st.school_id', '=', 's.school_id').onRef('st.id', '=', 's.staff_id'),
    )
    .select(SESSION_WITH_STAFF_COLUMNS)
    .select(['s.revoked_mode', 's.wiped_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is not', null)
    .where('s.revoked_mode', 'is not', null)
    .executeTakeFirst();
  const mode = asMode(row?.revoked_mode ?? null);
  if (!row || !mode) return undefined;
  return { mode, wipedAt: row.wiped_at, ...toSessionWithStaff(row) };
};

/**
 * Records the device's word that it wiped, once per revoked session: the
 * token is then spent (no more hand-back pushes, no second report).
 * Returns false if this session had reported already.
 */
export const recordDeviceWiped = async (
  db: Executor,
  revoked: RevokedSession,
  droppedChanges: number,
  at: string,
): Promise<boolean> => {
  const spent = await db
    .updateTable('auth_sessions')
    .set({ wiped_at: at })
    .where('token_hash', '=', revoked.session.tokenHash)
    .where('wiped_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) return false;
  if (revoked.session.deviceId) {
    await db
      .updateTable('devices')
      .set({ wiped_at: at, dropped_changes: droppedChanges })
      .where('school_id', '=', revoked.session.schoolId)
      .where('id', '=', revoked.session.deviceId)
      .execute();
  }
  return true;
};
