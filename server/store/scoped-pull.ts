/**
 * A pull narrowed to what the reader may see (permissions.ts): one page of
 * the school's changes, each sent as the reader may see it, or not at all.
 *
 * Why visibility is judged on the record's CURRENT state, not the change's
 * data: a patch carries only the fields it changed (a child's new SEN status
 * says nothing about the class), so only the stored record tells whose it is.
 *
 * When the device's scope changed since its cursor, scope-tracking.ts says
 * what it must drop and where its pull starts again; this module sends the
 * page from there.
 *
 * Why an event's visibility is judged on its change alone: an event's change
 * carries the whole record, and an event is never changed afterwards (an
 * erasure rewrites the change and the record alike), so reading the stored
 * record would tell nothing more. Most of the log is events (ticks,
 * sessions), so most pages read no record at all.
 */
import type { Change, MutationKind, Role } from '../../src/domain';
import type { RevokedRecord } from '../../src/domain';
import type { ReaderScope } from '../auth/permissions';
import { isSameView } from '../auth/permissions';
import { toNumber } from '../db/schema';
import type { Executor } from '../db/connection';
import { findRecordData } from './sync-store';
import type { RecordKey } from './sync-store';
import type { ScopeCache } from './scope-cache';
import { scopeAtVersion } from './scope-cache';
import { trackDeviceScope, untrackedPull, viewOf } from './scope-tracking';

export type PullReader = {
  schoolId: string;
  staffId: string;
  role: Role;
  /** The device pulling, when its session names one: only then is its scope tracked. */
  deviceId: string | null;
  sessionHash: string;
};

export type ScopedPage = {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
  revoked: RevokedRecord[];
  restart: boolean;
};

/** Most change rows one pull reads before answering, so a narrow scope cannot make it scan forever. */
const MAX_SCAN = 5_000;

/**
 * The sessions a device must drop when it is sent nothing of this session
 * although it sees the session's group: the session itself (an erasure may
 * have rewritten it without the reader's last child) and the one it
 * corrects. Why the corrected one: a correction that took the reader's
 * children off the register leaves the earlier version standing on their
 * device otherwise, saying those children were there.
 */
const withdrawnSessions = (
  scope: ReaderScope,
  entity: string,
  data: Record<string, unknown> | null,
  entityId: string,
): string[] => {
  if (entity !== 'interventionSession' || !data) return [];
  const interventionId = data.interventionId;
  if (typeof interventionId !== 'string' || !scope.interventionIds.has(interventionId)) return [];
  const corrects = data.supersedesId;
  return typeof corrects === 'string' ? [entityId, corrects] : [entityId];
};

/** The school's change counter and scope version, as this transaction sees them. */
const readSchool = async (
  db: Executor,
  schoolId: string,
): Promise<{ headSeq: number; scopeVersion: string }> => {
  const row = await db
    .selectFrom('schools')
    .select(['change_seq', 'scope_version'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return { headSeq: toNumber(row.change_seq), scopeVersion: row.scope_version };
};

/** A change row as a pull reads it: only what a device is sent. */
type PulledRow = {
  seq: number | string;
  kind: string;
  entity: string;
  entity_id: string;
  data: string | null;
  hlc: string;
};

const recordKey = (entity: string, entityId: string): string => `${entity}/${entityId}`;

/**
 * The stored data of the records of the patches and deletes among `rows`
 * (what their visibility is judged on; see the header for events).
 */
const recordStates = async (
  db: Executor,
  schoolId: string,
  rows: readonly PulledRow[],
): Promise<Map<string, unknown>> => {
  const keys = new Map<string, RecordKey>();
  for (const row of rows) {
    if (row.kind !== 'event') {
      keys.set(recordKey(row.entity, row.entity_id), {
        entity: row.entity,
        entityId: row.entity_id,
      });
    }
  }
  if (keys.size === 0) return new Map();
  const found = await findRecordData(db, schoolId, [...keys.values()]);
  return new Map(
    found.map((record) => [
      recordKey(record.entity, record.entity_id),
      JSON.parse(record.data) as unknown,
    ]),
  );
};

export const pullScoped = async (
  db: Executor,
  scopes: ScopeCache,
  reader: PullReader,
  after: number,
  limit: number,
  nowIso: string,
): Promise<ScopedPage> => {
  // Read before the changes: on PostgreSQL the counter commits with the
  // changes it numbers, so every change up to it is already visible. And
  // before the scope: a cached scope is looked up by this version.
  const { headSeq, scopeVersion } = await readSchool(db, reader.schoolId);
  const current = await scopeAtVersion(db, scopes, reader, scopeVersion);
  const { scope } = current;

  // Why a cursor beyond the head starts again from nothing: the server was
  // restored from a backup older than the device's last pull, so the numbers
  // past the head will be given to new changes, which a device waiting for
  // "after its cursor" would never be sent. From 0, as a new device, it is
  // sent everything it may see, and `restart` lets it take the lower cursor;
  // what it holds already is applied again without change.
  const isBeyondHead = after > headSeq;
  const start = isBeyondHead ? 0 : after;

  // A change of the device's scope since its cursor: what it drops, and
  // whether it restarts (scope-tracking.ts).
  const tracking = reader.deviceId
    ? await trackDeviceScope(db, { ...reader, deviceId: reader.deviceId }, start, current, nowIso)
    : untrackedPull(start);
  const { from, revoked, backfill } = tracking;
  const restart = tracking.restart || isBeyondHead;

  // Records erased on request, since the cursor: every device removes them.
  const erased = await db
    .selectFrom('revocations')
    .select(['entity', 'entity_id'])
    .where('school_id', '=', reader.schoolId)
    .where('seq', '>', from)
    .where('seq', '<=', headSeq)
    .execute();
  revoked.push(...erased.map((row) => ({ entity: row.entity, entityId: row.entity_id })));

  const changes: Change[] = [];
  let scanned = 0;
  let position = from;
  let isExhausted = false;
  while (changes.length < limit && scanned < MAX_SCAN) {
    const rows: PulledRow[] = await db
      .selectFrom('changes')
      .select(['seq', 'kind', 'entity', 'entity_id', 'data', 'hlc'])
      .where('school_id', '=', reader.schoolId)
      .where('seq', '>', position)
      .where('seq', '<=', headSeq)
      .orderBy('seq')
      .limit(Math.min(limit + 1, 1_000))
      .execute();
    if (rows.length === 0) {
      isExhausted = true;
      break;
    }
    const records = await recordStates(db, reader.schoolId, rows);
    for (const row of rows) {
      scanned += 1;
      const change: Change = {
        seq: toNumber(row.seq),
        kind: row.kind as MutationKind,
        entity: row.entity,
        entityId: row.entity_id,
        data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
        hlc: row.hlc,
      };
      const state =
        change.kind === 'event'
          ? change.data
          : (records.get(recordKey(row.entity, row.entity_id)) ?? {});
      const view = viewOf(scope, change.entity, state, change.entityId);
      const isSent =
        view !== null &&
        // During a backfill, what the device already held is not sent again.
        !(
          backfill.from &&
          change.seq <= backfill.until &&
          isSameView(viewOf(backfill.from, change.entity, state, change.entityId), view)
        );
      if (isSent) {
        if (changes.length === limit) break;
        // An event's change is the whole record: send it as the reader may see it.
        changes.push(change.kind === 'event' ? { ...change, data: view } : change);
      } else if (view === null) {
        for (const entityId of withdrawnSessions(
          scope,
          change.entity,
          change.data,
          change.entityId,
        )) {
          revoked.push({ entity: change.entity, entityId });
          // The device deletes before it applies the page: a copy of the
          // session earlier in this page would otherwise survive the delete.
          for (let i = changes.length - 1; i >= 0; i--) {
            if (changes[i]!.entity === change.entity && changes[i]!.entityId === entityId) {
              changes.splice(i, 1);
            }
          }
        }
      }
      position = change.seq;
      if (scanned >= MAX_SCAN) break;
    }
  }
  // When every change up to the head was read, the cursor moves to the head,
  // past any number used only by an erasure.
  const hasMore = !isExhausted && position < headSeq;
  const cursor = hasMore ? position : Math.max(headSeq, from);
  return { changes, cursor, hasMore, revoked, restart };
};
