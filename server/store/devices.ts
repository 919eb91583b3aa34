/**
 * Reading the devices table for the SENCo: which device belongs to whom and
 * when it last pushed or pulled, in one school only.
 */
import type { Executor } from './accounts';

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
