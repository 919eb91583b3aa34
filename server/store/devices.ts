/**
 * The devices table: which device belongs to whom, and when it last pushed
 * or pulled, in one school only, and the devices list the SENCo sees. A
 * device is bound to one person at sign-in (`bindDevice`); after that, only
 * that person's sessions may speak for it. Revoking a device is
 * device-revocation.ts.
 */
import { newId } from '../../src/domain';
import type { DeviceRevocation } from '../../src/domain';
import type { Executor } from '../db/connection';
import { toNumber } from '../db/schema';
import { insertSession } from './sessions';

type DeviceOwner = { id: string; schoolId: string; staffId: string };

/** A device's row as first written: seen now, and pushed or pulled only if said. */
const newDeviceRow = (
  device: DeviceOwner,
  at: string,
  seen: { lastPushAt: string | null; lastPullAt: string | null },
) => ({
  id: device.id,
  school_id: device.schoolId,
  staff_id: device.staffId,
  first_seen_at: at,
  last_push_at: seen.lastPushAt,
  last_pull_at: seen.lastPullAt,
});

/** Records that a device pushed or pulled, creating its row the first time. */
export const touchDevice = async (
  db: Executor,
  device: DeviceOwner,
  what: 'push' | 'pull',
  at: string,
): Promise<void> => {
  const column = what === 'push' ? 'last_push_at' : 'last_pull_at';
  await db
    .insertInto('devices')
    .values(
      newDeviceRow(device, at, {
        lastPushAt: what === 'push' ? at : null,
        lastPullAt: what === 'pull' ? at : null,
      }),
    )
    // Why never the owner: a device is bound to its person at sign-in
    // (`bindDevice`); pushing or pulling only says when it was seen.
    .onConflict((oc) => oc.columns(['school_id', 'id']).doUpdateSet({ [column]: at }))
    .execute();
};

/**
 * The device id a new session speaks for. The device proposes the id it has
 * always used; the server keeps it only if no one else owns it.
 *
 * Why: every pulled HLC ends with the writing device's id, so any colleague
 * learns every device id in the school. Were a proposed id taken as given, a
 * colleague could sign in "as" someone's tablet and push under it (moving
 * its counters, so the real tablet's pushes were refused), or make the SENCo's
 * devices list show one person's tablet under another's name. So an id
 * already bound to another person, or to another school, is never given to
 * this session: it gets a fresh id, which the device then adopts. A session
 * with no proposal gets a fresh id too, so no session is ever invisible to
 * the devices list or survives revoking its devices.
 */
export const bindDevice = async (
  db: Executor,
  who: { schoolId: string; staffId: string },
  proposed: string | undefined,
  at: string,
): Promise<string> => {
  if (proposed !== undefined) {
    const owners = await db
      .selectFrom('devices')
      .select(['school_id', 'staff_id'])
      .where('id', '=', proposed)
      .execute();
    if (owners.length === 0) {
      // A device's first sign-in. Why `do nothing` and a second look: two
      // people signing in with one new id at the same moment must not both
      // get it; whoever's insert lands owns it.
      await insertDevice(db, { id: proposed, ...who }, at);
      const owner = await db
        .selectFrom('devices')
        .select('staff_id')
        .where('school_id', '=', who.schoolId)
        .where('id', '=', proposed)
        .executeTakeFirst();
      if (owner?.staff_id === who.staffId) return proposed;
    } else if (
      owners.length === 1 &&
      owners[0]!.school_id === who.schoolId &&
      owners[0]!.staff_id === who.staffId
    ) {
      return proposed;
    }
  }
  const fresh = newId();
  await insertDevice(db, { id: fresh, ...who }, at);
  return fresh;
};

const insertDevice = async (db: Executor, device: DeviceOwner, at: string): Promise<void> => {
  await db
    .insertInto('devices')
    .values(newDeviceRow(device, at, { lastPushAt: null, lastPullAt: null }))
    .onConflict((oc) => oc.columns(['school_id', 'id']).doNothing())
    .execute();
};

/**
 * A new session on the device it speaks for (see `bindDevice`): sign-in and
 * activation both end here, inside their own transaction. Returns the
 * device id the session was bound to.
 */
export const openDeviceSession = async (
  db: Executor,
  who: { schoolId: string; staffId: string },
  proposed: string | undefined,
  session: { tokenHash: string; nowMs: number; lifetimeMs: number },
): Promise<string> => {
  const at = new Date(session.nowMs).toISOString();
  const deviceId = await bindDevice(db, who, proposed, at);
  await insertSession(db, {
    tokenHash: session.tokenHash,
    staffId: who.staffId,
    schoolId: who.schoolId,
    deviceId,
    createdAt: at,
    expiresAt: new Date(session.nowMs + session.lifetimeMs).toISOString(),
    lastUsedAt: at,
  });
  return deviceId;
};

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

/** The SENCo's last revocation of a device, as its row keeps it; null when none. */
const revocationOf = (row: {
  revoked_mode: string | null;
  revoked_at: string | null;
  wiped_at: string | null;
  dropped_changes: number | string | null;
}): DeviceRevocation | null =>
  (row.revoked_mode === 'hand_back' || row.revoked_mode === 'lost') && row.revoked_at
    ? {
        mode: row.revoked_mode,
        at: row.revoked_at,
        wipedAt: row.wiped_at,
        droppedChanges: row.dropped_changes === null ? null : toNumber(row.dropped_changes),
      }
    : null;

/** The school's devices, for the SENCo's devices list. */
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
    revocation: revocationOf(row),
  }));
};

export const findDevice = async (db: Executor, schoolId: string, deviceId: string) =>
  db
    .selectFrom('devices')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', deviceId)
    .executeTakeFirst();
