/**
 * Repositories for synced data: the idempotency record of every mutation
 * (applied_mutations), the current state of every record (records), the
 * change log devices pull from (changes) and every value a patch replaced
 * or that lost a race (record_history). Functions take db/trx first.
 */
import type { EntityState, FieldHlcs, MutationKind, MutationStatus } from '../../src/domain';
import type { Executor } from './accounts';
import type { Selectable } from 'kysely';
import type { ChangesTable, RecordsTable } from '../db/schema';
import { toNumber } from '../db/schema';

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

export const findAppliedMutation = async (
  db: Executor,
  mutationId: string,
): Promise<AppliedMutation | undefined> => {
  const row = await db
    .selectFrom('applied_mutations')
    .selectAll()
    .where('mutation_id', '=', mutationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    mutationId: row.mutation_id,
    schoolId: row.school_id,
    deviceId: row.device_id,
    seq: toNumber(row.seq),
    status: row.status as MutationStatus,
    code: row.code,
    message: row.message,
    changeSeq: row.change_seq === null ? null : toNumber(row.change_seq),
    receivedAt: row.received_at,
  };
};

export const insertAppliedMutation = async (db: Executor, m: AppliedMutation): Promise<void> => {
  await db
    .insertInto('applied_mutations')
    .values({
      mutation_id: m.mutationId,
      school_id: m.schoolId,
      device_id: m.deviceId,
      seq: m.seq,
      status: m.status,
      code: m.code,
      message: m.message,
      change_seq: m.changeSeq,
      received_at: m.receivedAt,
    })
    .execute();
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

export const insertRecord = async (db: Executor, record: StoredRecordState): Promise<void> => {
  await db
    .insertInto('records')
    .values({
      school_id: record.schoolId,
      entity: record.entity,
      entity_id: record.entityId,
      data: JSON.stringify(record.data),
      field_hlcs: JSON.stringify(record.fieldHlcs),
      is_deleted: record.isDeleted ? 1 : 0,
      created_seq: record.createdSeq,
      updated_seq: record.updatedSeq,
    })
    .execute();
};

export const updateRecord = async (db: Executor, record: StoredRecordState): Promise<void> => {
  await db
    .updateTable('records')
    .set({
      data: JSON.stringify(record.data),
      field_hlcs: JSON.stringify(record.fieldHlcs),
      is_deleted: record.isDeleted ? 1 : 0,
      updated_seq: record.updatedSeq,
    })
    .where('school_id', '=', record.schoolId)
    .where('entity', '=', record.entity)
    .where('entity_id', '=', record.entityId)
    .execute();
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

export const changeRowToChange = (row: Selectable<ChangesTable>): StoredChange => ({
  schoolId: row.school_id,
  seq: toNumber(row.seq),
  mutationId: row.mutation_id,
  deviceId: row.device_id,
  staffId: row.staff_id,
  kind: row.kind as MutationKind,
  entity: row.entity,
  entityId: row.entity_id,
  data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  hlc: row.hlc,
  receivedAt: row.received_at,
});

export const insertChange = async (db: Executor, change: StoredChange): Promise<void> => {
  await db
    .insertInto('changes')
    .values({
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
    })
    .execute();
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

export const insertHistory = async (db: Executor, entries: HistoryEntry[]): Promise<void> => {
  if (entries.length === 0) return;
  await db
    .insertInto('record_history')
    .values(
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
    )
    .execute();
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
