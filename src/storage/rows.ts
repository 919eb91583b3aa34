/**
 * What a read model may ask of a stored row, each question named once:
 *
 * - `isLive`: the row is there and is not a tombstone. A tombstone is an
 *   entity deleted on this device (`_deleted`, waiting to sync) or on the
 *   server (`_sync.isDeleted`, as last pulled). Why keep tombstones at all:
 *   the server refuses later edits of a deleted record (delete beats edit),
 *   and the device must not resurrect one from an old overlay.
 * - `isCountable`: live, and not an event the server refused. A refused
 *   event stays visible on the screens of the person who recorded it
 *   (marked, under Needs attention) but no report counts it.
 * - `isCurrent`: live and not archived. Archiving is a field, not a delete:
 *   an archived focus child, plan, target, group or provision leaves the
 *   day-to-day screens, can come back, and its history still counts.
 *
 * Whether a child is still on roll (`isOnRoll`, a leaving date) is the
 * domain's question: the reports ask it too.
 *
 * Also here, each read one way: the school's calendar as this device holds
 * it, names by id, and which records have a change waiting to be sent.
 */
import { calendarOf, childName, type EntityName, type SchoolCalendar } from '../domain';
import type { RowBookkeeping } from './db';
import type { LocalStore } from './local-store';

export const isLive = <R extends RowBookkeeping>(row: R | undefined): row is R =>
  !!row && !row._deleted && !row._sync?.isDeleted;

export const isCountable = <R extends RowBookkeeping>(row: R | undefined): row is R =>
  isLive(row) && !row._rejected;

export const isCurrent = <R extends RowBookkeeping & { isArchived?: boolean }>(
  row: R | undefined,
): row is R => isLive(row) && !row.isArchived;

/** The live rows of one record type. */
export const liveRows = async <E extends EntityName>(store: LocalStore, entity: E) =>
  (await store.db.records(entity).toArray()).filter(isLive);

/** Terms and closures of the school this device holds (England's defaults when none yet). */
export const schoolCalendar = async (store: LocalStore): Promise<SchoolCalendar> =>
  calendarOf((await liveRows(store, 'school'))[0]);

/** Ids of records with a change still waiting to be sent from this device. */
export const waitingIds = async (store: LocalStore): Promise<Set<string>> => {
  const pending = await store.db.outbox.where('state').equals('pending').toArray();
  return new Set(pending.map((entry) => entry.mutation.entityId));
};

/** Names by id of the children (or staff) this device holds. */
export const namesOf = async (
  store: LocalStore,
  entity: 'child' | 'staff',
  ids: readonly string[],
): Promise<Map<string, string>> => {
  const unique = [...new Set(ids)];
  if (entity === 'staff') {
    const rows = await store.db.records('staff').bulkGet(unique);
    return new Map(rows.filter(isLive).map((row) => [row.id, row.name]));
  }
  const rows = await store.db.records('child').bulkGet(unique);
  return new Map(rows.filter(isLive).map((row) => [row.id, childName(row)]));
};
