/**
 * A child's whole record, for a subject access request (export) and for
 * erasure on request or after the school's retention period.
 *
 * What belongs to a child: the child record, every record whose `childId`
 * is the child (focus, plans, targets, passport, ticks, scores, reviews),
 * and the child's row in intervention groups and session registers. The
 * export holds only that row of a shared record: other children's
 * membership, attendance, ratings and the session's note (free text about
 * the whole group) are not this child's to take away, as in the app's own
 * export.
 *
 * Erasure removes the child's records from the server: their current state,
 * every change that carried them and every overwritten value in history. A
 * tombstone with no data stays for each record id, so a late push from an
 * offline tablet cannot bring the record back; and a revocation numbered in
 * the change log tells every device to delete it on its next pull. Groups and
 * registers that named the child are rewritten without the child and sent
 * out again as a new change, so devices replace their copies.
 */
import { randomUUID } from 'node:crypto';
import { ENTITY_NAMES, formatHlc } from '../../src/domain';
import type { ChildExport } from '../../src/domain/api';
import type { Executor } from '../db/connection';
import { lockSchoolForWrite, nextChangeSeq } from './change-counter';
import { moveScopeVersion } from './scope-version';
import type { StoredRecordState } from './sync-store';
import { findRecord, recordRowToState } from './sync-store';
import { cutRegister } from '../auth/permissions';

const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

type Attendance = { childId?: unknown };

/** The child's own records (deleted ones included), and the shared records that name the child. */
const collect = async (db: Executor, schoolId: string, childId: string) => {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('entity', 'in', ENTITY_NAMES as string[])
    .execute();
  const own: StoredRecordState[] = [];
  const shared: StoredRecordState[] = [];
  for (const row of rows) {
    const state = recordRowToState(row);
    if (
      (state.entity === 'child' && state.entityId === childId) ||
      state.data.childId === childId
    ) {
      own.push(state);
    } else if (
      (state.entity === 'intervention' && strs(state.data.childIds).includes(childId)) ||
      (state.entity === 'interventionSession' &&
        Array.isArray(state.data.attendance) &&
        (state.data.attendance as Attendance[]).some((a) => a?.childId === childId))
    ) {
      shared.push(state);
    }
  }
  return { own, shared };
};

/** A shared record (a group, a register) with only this child's row in it. */
const childsRowOf = (record: StoredRecordState, childId: string): Record<string, unknown> =>
  record.entity === 'intervention'
    ? { ...record.data, childIds: [childId] }
    : // `collect` keeps only registers with a line about the child, so the cut is never empty.
      (cutRegister(record.data, (id) => id === childId) ?? {});

export type { ChildExport };

/** The child's full record (its shape is the API's: src/domain/api/children.ts), or undefined when the school has no such child. */
export const exportChildRecord = async (
  db: Executor,
  schoolId: string,
  childId: string,
  nowIso: string,
): Promise<ChildExport | undefined> => {
  const child = await findRecord(db, schoolId, 'child', childId);
  if (!child || Object.keys(child.data).length === 0) return undefined;
  const { own, shared } = await collect(db, schoolId, childId);
  const ids = own.map((record) => record.entityId);
  const history =
    ids.length === 0
      ? []
      : await db
          .selectFrom('record_history')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('entity_id', 'in', ids)
          .orderBy('at')
          .execute();
  return {
    childId,
    exportedAt: nowIso,
    records: [
      ...own.map((record) => ({ record, data: record.data })),
      ...shared.map((record) => ({ record, data: childsRowOf(record, childId) })),
    ].map(({ record, data }) => ({
      entity: record.entity,
      id: record.entityId,
      isDeleted: record.isDeleted,
      data,
    })),
    history: history.map((row) => ({
      entity: row.entity,
      id: row.entity_id,
      field: row.field,
      value: JSON.parse(row.value) as unknown,
      at: row.at,
      reason: row.reason,
    })),
  };
};

/** The rows of one record, in any table keyed by (school, entity, id). */
const rowsOf = (schoolId: string, record: { entity: string; entityId: string }) => ({
  school_id: schoolId,
  entity: record.entity,
  entity_id: record.entityId,
});

/** Erases a child from the server (see the header). Returns how many records were erased. */
export const eraseChild = async (
  trx: Executor,
  ctx: { schoolId: string; staffId: string; deviceId: string; nowIso: string },
  childId: string,
): Promise<number> => {
  await lockSchoolForWrite(trx, ctx.schoolId);
  const { own, shared } = await collect(trx, ctx.schoolId, childId);
  if (own.length === 0) return 0;
  const { schoolId } = ctx;
  const seq = await nextChangeSeq(trx, schoolId);
  // The child, its focus records and its groups are all inputs to scopes.
  await moveScopeVersion(trx, schoolId);
  for (const record of own) {
    const where = rowsOf(schoolId, record);
    await trx
      .deleteFrom('changes')
      .where((eb) => eb.and(where))
      .execute();
    await trx
      .deleteFrom('record_history')
      .where((eb) => eb.and(where))
      .execute();
    await trx
      .updateTable('records')
      .set({ data: '{}', field_hlcs: '{}', is_deleted: 1, updated_seq: seq })
      .where((eb) => eb.and(where))
      .execute();
    await trx
      .insertInto('revocations')
      .values({ school_id: schoolId, seq, entity: record.entity, entity_id: record.entityId })
      .execute();
  }
  for (const record of shared) {
    // Why rewrite in place: the register and the group stay true for the
    // other children, but must no longer say anything about this one.
    const data: Record<string, unknown> =
      record.entity === 'intervention'
        ? { ...record.data, childIds: strs(record.data.childIds).filter((id) => id !== childId) }
        : {
            ...record.data,
            attendance: (record.data.attendance as Attendance[]).filter(
              (a) => a?.childId !== childId,
            ),
          };
    const history = await trx
      .selectFrom('record_history')
      .select(['field', 'value', 'hlc', 'at'])
      .where((eb) => eb.and(rowsOf(schoolId, record)))
      .execute();
    // Older values of the group's child list may name the child: drop those.
    for (const entry of history) {
      if (entry.value.includes(childId)) {
        await trx
          .deleteFrom('record_history')
          .where((eb) => eb.and(rowsOf(schoolId, record)))
          .where('field', '=', entry.field)
          .where('hlc', '=', entry.hlc)
          .execute();
      }
    }
    const changes = await trx
      .selectFrom('changes')
      .select(['seq', 'data'])
      .where((eb) => eb.and(rowsOf(schoolId, record)))
      .execute();
    for (const change of changes) {
      if (change.data?.includes(childId)) {
        const old = JSON.parse(change.data) as Record<string, unknown>;
        const cleaned =
          record.entity === 'intervention'
            ? {
                ...old,
                ...('childIds' in old
                  ? { childIds: strs(old.childIds).filter((id) => id !== childId) }
                  : {}),
              }
            : { ...old, attendance: data.attendance };
        await trx
          .updateTable('changes')
          .set({ data: JSON.stringify(cleaned) })
          .where('school_id', '=', schoolId)
          .where('seq', '=', change.seq)
          .execute();
      }
    }
    const changeSeq = await nextChangeSeq(trx, schoolId);
    const kind = record.entity === 'intervention' ? 'patch' : 'event';
    const hlc = formatHlc({ wallMs: Date.parse(ctx.nowIso), counter: 0, deviceId: ctx.deviceId });
    await trx
      .insertInto('changes')
      .values({
        school_id: schoolId,
        seq: changeSeq,
        mutation_id: randomUUID(),
        device_id: ctx.deviceId,
        staff_id: ctx.staffId,
        kind,
        entity: record.entity,
        entity_id: record.entityId,
        data: JSON.stringify(kind === 'patch' ? { childIds: data.childIds } : data),
        hlc,
        received_at: ctx.nowIso,
      })
      .execute();
    const fieldHlcs = { ...record.fieldHlcs, ...(kind === 'patch' ? { childIds: hlc } : {}) };
    await trx
      .updateTable('records')
      .set({
        data: JSON.stringify(data),
        field_hlcs: JSON.stringify(fieldHlcs),
        updated_seq: changeSeq,
      })
      .where((eb) => eb.and(rowsOf(schoolId, record)))
      .execute();
  }
  return own.length;
};

/** Children who left more than `months` ago (by `leftOn`), as of `today` (YYYY-MM-DD). */
export const listExpiredLeavers = async (
  db: Executor,
  schoolId: string,
  months: number,
  today: string,
): Promise<string[]> => {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const cutoff = new Date(Date.UTC(y, m - 1 - months, d)).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('records')
    .select(['entity_id', 'data'])
    .where('school_id', '=', schoolId)
    .where('entity', '=', 'child')
    .where('is_deleted', '=', 0)
    .execute();
  return rows
    .filter((row) => {
      const leftOn = (JSON.parse(row.data) as { leftOn?: unknown }).leftOn;
      return typeof leftOn === 'string' && leftOn < cutoff;
    })
    .map((row) => row.entity_id);
};
