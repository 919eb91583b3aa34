/**
 * Repositories for synced data: the idempotency record of every mutation
 * (applied_mutations), the current state of every record (records), the
 * change log devices pull from (changes) and every value a patch replaced
 * or that lost a race (record_history). Functions take db/trx first.
 *
 * A push reads and writes these tables a whole batch at a time: one lookup
 * per table and multi-row inserts (server/db/bulk.ts), each split into
 * statements within both engines' limits on bound values.
 */
import type { EntityState, FieldHlcs, MutationKind, MutationStatus } from '../../src/domain';
import type { Executor } from '../db/connection';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { AppliedMutationsTable, DatabaseSchema, RecordsTable } from '../db/schema';
import { toNumber } from '../db/schema';
import { inStatementChunks, insertRows } from '../db/bulk';
import type { FullRow } from '../db/bulk';

// ---------------------------------------------------------------- applied mutations

export type AppliedMutation = {
  mutationId: string;
  schoolId: string;
  deviceId: string;
  seq: number;
  status: MutationStatus;
  code: string | null;
  message: string | null;
  changeSeq: number | null;
  receivedAt: string;
};

const appliedRowToMutation = (row: Selectable<AppliedMutationsTable>): AppliedMutation => ({
  mutationId: row.mutation_id,
  schoolId: row.school_id,
  deviceId: row.device_id,
  seq: toNumber(row.seq),
  status: row.status as MutationStatus,
  code: row.code,
  message: row.message,
  changeSeq: row.change_seq === null ? null : toNumber(row.change_seq),
  receivedAt: row.received_at,
});

/**
 * What the server already answered in this school for any of these
 * mutation ids. Why only this school: a mutation id is unique within a
 * school, so an id another school used is, here, a fresh id; answering it
 * differently would tell a school what another school's devices sent.
 */
export const findAppliedMutations = async (
  db: Executor,
  schoolId: string,
  mutationIds: readonly string[],
): Promise<Map<string, AppliedMutation>> => {
  const found = new Map<string, AppliedMutation>();
  for (const ids of inStatementChunks([...new Set(mutationIds)], 1)) {
    const rows = await db
      .selectFrom('applied_mutations')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('mutation_id', 'in', ids)
      .execute();
    for (const row of rows) found.set(row.mutation_id, appliedRowToMutation(row));
  }
  return found;
};

export const insertAppliedMutations = async (
  db: Executor,
  mutations: readonly AppliedMutation[],
): Promise<void> => {
  await insertRows(
    db,
    'applied_mutations',
    mutations.map((m) => ({
      mutation_id: m.mutationId,
      school_id: m.schoolId,
      device_id: m.deviceId,
      seq: m.seq,
      status: m.status,
      code: m.code,
      message: m.message,
      change_seq: m.changeSeq,
      received_at: m.receivedAt,
    })),
  );
};

// ---------------------------------------------------------------- records

export type StoredRecordState = EntityState & {
  schoolId: string;
  entity: string;
  entityId: string;
  createdSeq: number;
  updatedSeq: number;
};

export const recordRowToState = (row: Selectable<RecordsTable>): StoredRecordState => ({
  schoolId: row.school_id,
  entity: row.entity,
  entityId: row.entity_id,
  data: JSON.parse(row.data) as Record<string, unknown>,
  fieldHlcs: JSON.parse(row.field_hlcs) as FieldHlcs,
  isDeleted: row.is_deleted === 1,
  createdSeq: toNumber(row.created_seq),
  updatedSeq: toNumber(row.updated_seq),
});

/** The record with this id in this school only: other schools' rows are never read. */
export const findRecord = async (
  db: Executor,
  schoolId: string,
  entity: string,
  entityId: string,
): Promise<StoredRecordState | undefined> => {
  const row = await db
    .selectFrom('records')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row && recordRowToState(row);
};

/** Which record: its type and id (the school is given separately). */
export type RecordKey = { entity: string; entityId: string };

/** A record's row as it is written: the inverse of `recordRowToState`. */
export const recordStateToRow = (record: StoredRecordState): FullRow<'records'> => ({
  school_id: record.schoolId,
  entity: record.entity,
  entity_id: record.entityId,
  data: JSON.stringify(record.data),
  field_hlcs: JSON.stringify(record.fieldHlcs),
  is_deleted: record.isDeleted ? 1 : 0,
  created_seq: record.createdSeq,
  updated_seq: record.updatedSeq,
});

/**
 * The rows of those of these records that exist in this school: one query
 * per chunk, "(school, type, id in ...) or (school, type, id in ...)".
 * Why the school in every branch: only then does SQLite search the primary
 * key for each branch rather than scan the whole school's records
 * (EXPLAIN QUERY PLAN: MULTI-INDEX OR); PostgreSQL does the same either way.
 */
export const findRecordRows = async (
  db: Executor,
  schoolId: string,
  keys: readonly RecordKey[],
): Promise<Selectable<RecordsTable>[]> => {
  const rows: Selectable<RecordsTable>[] = [];
  for (const chunk of recordKeyChunks(keys)) {
    rows.push(
      ...(await db
        .selectFrom('records')
        .selectAll()
        .where(hasRecordKey(schoolId, chunk))
        .execute()),
    );
  }
  return rows;
};

/** Only the data of those of these records that exist in this school (as `findRecordRows`). */
export const findRecordData = async (
  db: Executor,
  schoolId: string,
  keys: readonly RecordKey[],
): Promise<Pick<Selectable<RecordsTable>, 'entity' | 'entity_id' | 'data'>[]> => {
  const rows: Pick<Selectable<RecordsTable>, 'entity' | 'entity_id' | 'data'>[] = [];
  for (const chunk of recordKeyChunks(keys)) {
    rows.push(
      ...(await db
        .selectFrom('records')
        .select(['entity', 'entity_id', 'data'])
        .where(hasRecordKey(schoolId, chunk))
        .execute()),
    );
  }
  return rows;
};

// Three values a key at most: its id, and the school and type when it is
// the first of its type in the chunk.
const recordKeyChunks = (keys: readonly RecordKey[]) => inStatementChunks(keys, 3);

const hasRecordKey =
  (schoolId: string, chunk: readonly RecordKey[]) =>
  (eb: ExpressionBuilder<DatabaseSchema, 'records'>) => {
    const idsByEntity = new Map<string, Set<string>>();
    for (const { entity, entityId } of chunk) {
      const ids = idsByEntity.get(entity) ?? new Set<string>();
      idsByEntity.set(entity, ids.add(entityId));
    }
    return eb.or(
      [...idsByEntity].map(([entity, ids]) =>
        eb.and([
          eb('school_id', '=', schoolId),
          eb('entity', '=', entity),
          eb('entity_id', 'in', [...ids]),
        ]),
      ),
    );
  };

/**
 * Writes these records as they now are: new ones are inserted, existing
 * ones updated in place (their `created_seq` is kept). One multi-row upsert
 * per chunk; each record may appear once.
 */
export const saveRecordRows = async (
  db: Executor,
  rows: readonly FullRow<'records'>[],
): Promise<void> => {
  await insertRows(db, 'records', rows, {
    key: ['school_id', 'entity', 'entity_id'],
    update: ['data', 'field_hlcs', 'is_deleted', 'updated_seq'],
  });
};

/** Live (not deleted) records of one type in a school, e.g. for reports and tests. */
export const listRecords = async (
  db: Executor,
  schoolId: string,
  entity: string,
): Promise<StoredRecordState[]> => {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('entity', '=', entity)
    .where('is_deleted', '=', 0)
    .orderBy('created_seq')
    .execute();
  return rows.map(recordRowToState);
};

// ---------------------------------------------------------------- changes

export type StoredChange = {
  schoolId: string;
  seq: number;
  mutationId: string;
  deviceId: string;
  staffId: string;
  kind: MutationKind;
  entity: string;
  entityId: string;
  data: Record<string, unknown> | null;
  hlc: string;
  receivedAt: string;
};

export const insertChanges = async (
  db: Executor,
  changes: readonly StoredChange[],
): Promise<void> => {
  await insertRows(
    db,
    'changes',
    changes.map((change) => ({
      school_id: change.schoolId,
      seq: change.seq,
      mutation_id: change.mutationId,
      device_id: change.deviceId,
      staff_id: change.staffId,
      kind: change.kind,
      entity: change.entity,
      entity_id: change.entityId,
      data: change.data === null ? null : JSON.stringify(change.data),
      hlc: change.hlc,
      received_at: change.receivedAt,
    })),
  );
};

/**
 * The newest HLC among this device's changes in this school (what a clamped
 * HLC from the device must stay after; see apply-mutations.ts).
 */
export const latestDeviceHlc = async (
  db: Executor,
  schoolId: string,
  deviceId: string,
): Promise<string | undefined> => {
  const row = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('hlc').as('hlc'))
    .where('school_id', '=', schoolId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return row?.hlc ?? undefined;
};

/** The highest mutation seq the server holds from this device in this school (0 if none). */
export const latestDeviceSeq = async (
  db: Executor,
  schoolId: string,
  deviceId: string,
): Promise<number> => {
  const row = await db
    .selectFrom('applied_mutations')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('school_id', '=', schoolId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? 0 : toNumber(row.seq);
};

// ---------------------------------------------------------------- history

export type HistoryEntry = {
  schoolId: string;
  entity: string;
  entityId: string;
  field: string;
  value: unknown;
  hlc: string;
  reason: 'overwritten' | 'lost';
  replacedBySeq: number | null;
  mutationId: string;
  at: string;
};

export const insertHistory = async (
  db: Executor,
  entries: readonly HistoryEntry[],
): Promise<void> => {
  await insertRows(
    db,
    'record_history',
    entries.map((entry) => ({
      school_id: entry.schoolId,
      entity: entry.entity,
      entity_id: entry.entityId,
      field: entry.field,
      value: JSON.stringify(entry.value ?? null),
      hlc: entry.hlc,
      reason: entry.reason,
      replaced_by_seq: entry.replacedBySeq,
      mutation_id: entry.mutationId,
      at: entry.at,
    })),
  );
};

export const listHistory = async (
  db: Executor,
  schoolId: string,
  entity: string,
  entityId: string,
): Promise<HistoryEntry[]> => {
  const rows = await db
    .selectFrom('record_history')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .execute();
  return rows.map((row) => ({
    schoolId: row.school_id,
    entity: row.entity,
    entityId: row.entity_id,
    field: row.field,
    value: JSON.parse(row.value) as unknown,
    hlc: row.hlc,
    reason: row.reason as 'overwritten' | 'lost',
    replacedBySeq: row.replaced_by_seq === null ? null : toNumber(row.replaced_by_seq),
    mutationId: row.mutation_id,
    at: row.at,
  }));
};
