/**
 * Keeps a device's copy inside its scope when the scope changes between
 * two pulls (a child moved class, a TA left a group, a role changed): the
 * scope each device was last served is tracked (scope.ts `DeviceScope`),
 * and a pull that finds it changed learns here
 * - every record visible under the old scope but not the new one, which
 *   the pull sends in `revoked` and the device deletes in the same
 *   transaction as the page;
 * - whether the scope grew, in which case the pull restarts from change 0
 *   (`restart`), sending only the changes of records that are newly
 *   visible up to where the device had got to ("backfill"), then
 *   everything visible as usual. The device never replays what it already
 *   holds, so nothing flickers back.
 *
 * A record about several children (a session register) may be sent cut
 * down to the lines the reader may see (permissions.ts `readView`); a
 * change of scope that changes that cut sends the record again, as a
 * growth of scope does.
 */
import type { RevokedRecord } from '../../src/domain';
import { isEntityName } from '../../src/domain';
import type { ReaderScope } from '../auth/permissions';
import { isSameView, readView } from '../auth/permissions';
import type { Executor } from '../db/connection';
import type { DeviceScope, StoredScope } from './scope';
import { findDeviceScope, saveDeviceScope, storedToScope } from './scope';
import type { CachedScope } from './scope-cache';

/** The device pulling, named by its session. */
export type TrackedReader = {
  schoolId: string;
  staffId: string;
  deviceId: string;
  sessionHash: string;
};

/** Where a pull starts, and what the device must drop first, after its scope was checked. */
export type ScopeTracking = {
  /** The cursor the page starts after: 0 on a restart. */
  from: number;
  revoked: RevokedRecord[];
  restart: boolean;
  /** During a backfill: the scope the device held, and the change it had got to. */
  backfill: { from: ReaderScope | null; until: number };
};

const WHOLE_SCHOOL = (staffId: string): StoredScope => ({
  staffId,
  role: 'senco',
  classIds: [],
  childIds: [],
  interventionIds: [],
  runsInterventionIds: [],
});

/** What of a record the reader is sent (permissions.ts `readView`); null when nothing. */
export const viewOf = (
  scope: ReaderScope,
  entity: string,
  data: unknown,
  entityId: string,
): Record<string, unknown> | null =>
  isEntityName(entity)
    ? readView(scope, entity, (data ?? {}) as Record<string, unknown>, entityId)
    : null;

const sameStored = (a: StoredScope | null, b: StoredScope | null): boolean =>
  a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** Is the device's stored scope already `next`, so there is nothing to write? */
const isUnchanged = (held: DeviceScope | undefined, next: DeviceScope): boolean =>
  !!held &&
  held.sessionHash === next.sessionHash &&
  held.hash === next.hash &&
  held.backfillUntil === next.backfillUntil &&
  sameStored(held.backfillFrom, next.backfillFrom);

/** Compares two scopes over every record of the school: what left, and whether anything arrived. */
const diffScopes = async (
  db: Executor,
  schoolId: string,
  before: ReaderScope[],
  after: ReaderScope,
): Promise<{ revoked: RevokedRecord[]; hasGrown: boolean }> => {
  const rows = await db
    .selectFrom('records')
    .select(['entity', 'entity_id', 'data'])
    .where('school_id', '=', schoolId)
    .execute();
  const revoked: RevokedRecord[] = [];
  let hasGrown = false;
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const views = before.map((scope) => viewOf(scope, row.entity, data, row.entity_id));
    const view = viewOf(after, row.entity, data, row.entity_id);
    if (view === null && views.some((held) => held !== null)) {
      revoked.push({ entity: row.entity, entityId: row.entity_id });
    }
    // Why a changed view counts as growth: a register the device holds cut
    // to other lines (a child joined or left the reader's class) must be
    // sent again, and the device replaces an event with what it is sent.
    if (view !== null && !views.some((held) => isSameView(held, view))) hasGrown = true;
  }
  return { revoked, hasGrown };
};

/** A pull whose session names no device: nothing is tracked, the cursor stands. */
export const untrackedPull = (after: number): ScopeTracking => ({
  from: after,
  revoked: [],
  restart: false,
  backfill: { from: null, until: 0 },
});

/**
 * Compares the scope the device was last served with `current`, stores
 * what it is served now, and says where its pull starts and what it must
 * drop. Run in the pull's transaction.
 */
export const trackDeviceScope = async (
  db: Executor,
  reader: TrackedReader,
  after: number,
  current: CachedScope,
  nowIso: string,
): Promise<ScopeTracking> => {
  const { scope, stored, hash } = current;
  const tracking = untrackedPull(after);
  const held = await findDeviceScope(db, reader.schoolId, reader.deviceId);
  const isContinuingRestart =
    after === 0 && held?.sessionHash === reader.sessionHash && held.backfillUntil > 0;
  let next: DeviceScope;
  if (after === 0 && !isContinuingRestart) {
    // A device starting from nothing holds nothing: no revocation, no backfill.
    next = {
      sessionHash: reader.sessionHash,
      scope: stored,
      hash,
      backfillFrom: null,
      backfillUntil: 0,
    };
  } else {
    // A device this server never tracked pulled before scoping existed, so
    // it may hold the whole school.
    const heldScope =
      held && held.scope.staffId === reader.staffId ? held.scope : WHOLE_SCHOOL(reader.staffId);
    const heldHash = held && held.scope.staffId === reader.staffId ? held.hash : '';
    const isBackfilling = !!held && held.backfillUntil > after;
    next = {
      sessionHash: reader.sessionHash,
      scope: stored,
      hash,
      backfillFrom: isBackfilling ? held.backfillFrom : null,
      backfillUntil: isBackfilling ? held.backfillUntil : 0,
    };
    if (heldHash !== hash) {
      const before = [storedToScope(heldScope)];
      if (isBackfilling && held.backfillFrom) before.push(storedToScope(held.backfillFrom));
      const diff = await diffScopes(db, reader.schoolId, before, scope);
      tracking.revoked = diff.revoked;
      if (diff.hasGrown) {
        tracking.restart = true;
        tracking.from = 0;
        // Why a full replay when a backfill was already under way: the
        // device then holds two partial scopes, and sending everything
        // visible again is the one answer that is surely complete.
        next = {
          ...next,
          backfillFrom: isBackfilling ? null : heldScope,
          backfillUntil: isBackfilling ? Math.max(held.backfillUntil, after) : after,
        };
      }
    }
  }
  tracking.backfill = {
    from: next.backfillFrom ? storedToScope(next.backfillFrom) : null,
    until: next.backfillUntil,
  };
  // Most pulls find the scope the device already holds: nothing to write.
  if (!isUnchanged(held, next)) {
    await saveDeviceScope(db, reader.schoolId, reader.deviceId, next, nowIso);
  }
  return tracking;
};
