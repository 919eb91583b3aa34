/**
 * The devices table: which device belongs to whom, and when it last pushed
 * or pulled, in one school only. A device is bound to one person at
 * sign-in (`bindDevice`); after that, only that person's sessions may speak
 * for it.
 */
import { newId } from '../../src/domain';
import type { Executor } from './accounts';
import { insertSession } from './accounts';

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

const insertDevice = async (
  db: Executor,
  device: { id: string; schoolId: string; staffId: string },
  at: string,
): Promise<void> => {
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      school_id: device.schoolId,
      staff_id: device.staffId,
      first_seen_at: at,
      last_push_at: null,
      last_pull_at: null,
    })
    .onConflict((oc) => oc.columns(['school_id', 'id']).doNothing())
    .execute();
};

export type DeviceSeenRow = {
  id: string;
  staffId: string;
  staffName: string;
  firstSeenAt: string;
  lastPushAt: string | null;
  lastPullAt: string | null;
};

export const listDevices = async (db: Executor, schoolId: string): Promise<DeviceSeenRow[]> => {
  const rows = await db
    .selectFrom('devices as d')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.school_id', '=', 'd.school_id').onRef('s.id', '=', 'd.staff_id'),
    )
    .select(['d.id', 'd.staff_id', 's.name', 'd.first_seen_at', 'd.last_push_at', 'd.last_pull_at'])
    .where('d.school_id', '=', schoolId)
    // Why: only devices someone signed in on. The server's own writer (the
    // school set-up) has a device row but no sign-in, and is nobody's tablet.
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('auth_sessions as a')
          .select('a.token_hash')
          .whereRef('a.device_id', '=', 'd.id')
          .whereRef('a.school_id', '=', 'd.school_id'),
      ),
    )
    .orderBy('s.name')
    .orderBy('d.first_seen_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    staffId: row.staff_id,
    staffName: row.name,
    firstSeenAt: row.first_seen_at,
    lastPushAt: row.last_push_at,
    lastPullAt: row.last_pull_at,
  }));
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
