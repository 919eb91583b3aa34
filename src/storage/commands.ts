/**
 * Commands: the only way the app changes data. Each writes the record and its
 * outbox mutation in ONE Dexie transaction, with the device's next sequence
 * number and HLC taken inside that same transaction.
 *
 * Why one transaction: if the tab dies between the two writes, either both
 * happened or neither did. A tick can never be saved on the tablet but
 * forgotten by sync, and an outbox entry can never point at nothing.
 */
import {
  RECORD_TYPES,
  checkPatchFields,
  isEventType,
  localDate,
  newId,
  nextHlc,
  senRegisterEntryFor,
  senRegisterEntrySchema,
  type Child,
  type EntityName,
  type SenChangeSource,
  type Hlc,
  type Mutation,
  type MutationKind,
  type RecordData,
  type SupportLevel,
  type Outcome,
} from '../domain';
import { META_KEYS, getMeta, setMeta, type TrackerDb } from './db';
import type { LocalStore } from './local-store';
import { ValidationError, fieldErrorsOf } from './validation';

type Stamp = { seq: number; hlc: Hlc };

/** Next seq and HLC; must run inside a transaction that includes `meta`. */
const nextStamp = async (db: TrackerDb, deviceId: string, nowMs: number): Promise<Stamp> => {
  const lastSeq = (await getMeta<number>(db, META_KEYS.lastSeq)) ?? 0;
  const lastHlc = await getMeta<Hlc>(db, META_KEYS.lastHlc);
  const stamp = { seq: lastSeq + 1, hlc: nextHlc(lastHlc, nowMs, deviceId) };
  await setMeta(db, META_KEYS.lastSeq, stamp.seq);
  await setMeta(db, META_KEYS.lastHlc, stamp.hlc);
  return stamp;
};

const writeOutbox = async (
  store: LocalStore,
  kind: MutationKind,
  entity: EntityName,
  entityId: string,
  data: Record<string, unknown> | undefined,
): Promise<Mutation> => {
  const { db, deviceId } = store;
  const { seq, hlc } = await nextStamp(db, deviceId, store.now());
  const mutation: Mutation = {
    id: newId(),
    deviceId,
    seq,
    hlc,
    kind,
    entity,
    entityId,
    ...(data === undefined ? {} : { data }),
  };
  await db.outbox.add({
    seq,
    mutation,
    state: 'pending',
    createdAt: new Date(store.now()).toISOString(),
  });
  return mutation;
};

/** Record an event (tick, session log, score, review). Returns its id. */
export const recordEvent = async <E extends EntityName>(
  store: LocalStore,
  entity: E,
  input: unknown,
): Promise<string> => {
  if (!isEventType(entity)) throw new Error(`${entity} is not an event type`);
  const parsed = RECORD_TYPES[entity].schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const data = parsed.data as Record<string, unknown>;
  const id = newId();
  const { db } = store;
  await db.transaction('rw', [db.anyRecords(entity), db.outbox, db.meta], async () => {
    await db.anyRecords(entity).add({ id, ...data });
    await writeOutbox(store, 'event', entity, id, data);
  });
  store.notifyWrite();
  return id;
};

/**
 * Record several events of one type in ONE transaction: all are written, or
 * none (a register of scores for a whole group is saved as one).
 */
export const recordEvents = async <E extends EntityName>(
  store: LocalStore,
  entity: E,
  inputs: readonly unknown[],
): Promise<string[]> => {
  if (!isEventType(entity)) throw new Error(`${entity} is not an event type`);
  const rows: { id: string; data: Record<string, unknown> }[] = [];
  for (const input of inputs) {
    const parsed = RECORD_TYPES[entity].schema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    rows.push({ id: newId(), data: parsed.data as Record<string, unknown> });
  }
  if (rows.length === 0) return [];
  const { db } = store;
  await db.transaction('rw', [db.anyRecords(entity), db.outbox, db.meta], async () => {
    for (const { id, data } of rows) {
      await db.anyRecords(entity).add({ id, ...data });
      await writeOutbox(store, 'event', entity, id, data);
    }
  });
  store.notifyWrite();
  return rows.map((row) => row.id);
};

/**
 * How a change of a child's SEN status came about, for the register entry
 * written with it: its source, the day the new status starts (today when
 * not given) and the review that made it. `false` writes no entry (a
 * correction of the history that brings the child's status into line
 * writes its own).
 */
export type SenChangeHow = { source: SenChangeSource; date?: string; reviewId?: string } | false;

/** The tables a patch of `entities` writes, besides the entities' own. */
const alsoWritten = (store: LocalStore, entities: readonly EntityName[]) =>
  entities.includes('child') ? [store.db.anyRecords('senRegisterEntry')] : [];

/**
 * Writes one checked patch, inside a transaction that holds the entity's
 * table, the outbox and meta (and, for a child, the SEN register history).
 * A new entity must be complete, or the server would refuse it: its first
 * patch carries every field, defaults included.
 *
 * Why the register entry is written here, with the child: every change of
 * a child's SEN status (a review, an import, the SENCo's edit) passes
 * through this one place, so none can change the status and leave the
 * history behind, and both reach the server in the same push.
 */
const writePatch = async (
  store: LocalStore,
  entity: EntityName,
  id: string,
  data: Record<string, unknown>,
  deletedMessage: string,
  senChange: SenChangeHow = { source: 'edit' },
): Promise<void> => {
  const table = store.db.anyRecords(entity);
  const existing = await table.get(id);
  if (existing?._deleted) throw new ValidationError({ _: deletedMessage });
  let sent = data;
  if (!existing) {
    const full = RECORD_TYPES[entity].schema.safeParse(data);
    if (!full.success) throw new ValidationError(fieldErrorsOf(full.error));
    sent = full.data as Record<string, unknown>;
  }
  await table.put({ ...(existing ?? { id }), ...sent });
  await writeOutbox(store, 'patch', entity, id, sent);
  if (entity !== 'child' || senChange === false) return;
  const before = existing as Partial<Child> | undefined;
  const entry = senRegisterEntryFor(
    id,
    before,
    { ...before, ...(sent as Partial<Child>) },
    {
      source: senChange.source,
      // Why the file's date for an import: the register's line should start
      // when the provision did (the MIS's SEN start date), not on import day.
      date:
        senChange.date ??
        (senChange.source === 'import' &&
        'senStatus' in sent &&
        typeof sent.senStartDate === 'string'
          ? sent.senStartDate
          : localDate(new Date(store.now()))),
      ...(senChange.reviewId ? { reviewId: senChange.reviewId } : {}),
      recordedAt: new Date(store.now()).toISOString(),
    },
  );
  if (!entry) return;
  const parsed = senRegisterEntrySchema.safeParse(entry);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const entryId = newId();
  await store.db.anyRecords('senRegisterEntry').add({ id: entryId, ...parsed.data });
  await writeOutbox(store, 'event', 'senRegisterEntry', entryId, parsed.data);
};

/**
 * Change some fields of an entity (creating it if new). Each field is
 * checked on its own (domain/fields.ts), so a patch never fills in defaults
 * it did not mean to send.
 */
export const patchEntity = async <E extends EntityName>(
  store: LocalStore,
  entity: E,
  id: string,
  fields: Partial<RecordData<E>>,
  senChange?: SenChangeHow,
): Promise<void> => {
  if (isEventType(entity)) throw new Error(`${entity} is an event type: record a new event`);
  const { data, errors } = checkPatchFields(entity, fields);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const { db } = store;
  await db.transaction(
    'rw',
    [db.anyRecords(entity), ...alsoWritten(store, [entity]), db.outbox, db.meta],
    () => writePatch(store, entity, id, data, 'This record has been deleted.', senChange),
  );
  store.notifyWrite();
};

/**
 * Delete (archive) an entity: a tombstone, not a removal. Why a tombstone:
 * the server must keep refusing edits made offline before the delete was
 * seen (delete beats a concurrent edit), and a device that was offline
 * must learn of the delete by pull.
 */
export const deleteEntity = async (
  store: LocalStore,
  entity: EntityName,
  id: string,
): Promise<void> => {
  if (isEventType(entity)) throw new Error(`${entity} is an event type: record a correction`);
  const { db } = store;
  await db.transaction('rw', [db.anyRecords(entity), db.outbox, db.meta], async () => {
    const existing = await db.anyRecords(entity).get(id);
    if (!existing) throw new ValidationError({ _: 'There is no such record on this device.' });
    if (existing._deleted) throw new ValidationError({ _: 'This record has been deleted.' });
    await db.anyRecords(entity).put({ ...existing, _deleted: true });
    await writeOutbox(store, 'delete', entity, id, undefined);
  });
  store.notifyWrite();
};

// ---------------------------------------------------------------- teacher commands

export type TickInput = {
  targetId: string;
  childId: string;
  outcome: Outcome;
  support?: SupportLevel;
  note?: string;
  lessonId?: string;
  supersedesId?: string;
};

/**
 * One tap in a lesson. Ticks are events, not fields: a teacher and a TA
 * ticking the same target at once must both survive.
 */
export const tickTarget = (store: LocalStore, input: TickInput): Promise<string> =>
  recordEvent(store, 'tick', {
    ...input,
    recordedAt: new Date(store.now()).toISOString(),
  });

/**
 * Change several entities at once, all or nothing: every field is checked
 * first, then every record and its outbox entry is written in ONE
 * transaction. Why: a roster import must never leave half a school on the
 * device (or on the way to the server) if anything in it is wrong.
 */
export const patchEntities = async (
  store: LocalStore,
  changes: readonly { entity: EntityName; id: string; fields: Record<string, unknown> }[],
  senChange?: SenChangeHow,
): Promise<void> => {
  const prepared: { entity: EntityName; id: string; data: Record<string, unknown> }[] = [];
  for (const [index, change] of changes.entries()) {
    if (isEventType(change.entity)) throw new Error(`${change.entity} is an event type`);
    const { data, errors } = checkPatchFields(change.entity, change.fields);
    const [field, message] = Object.entries(errors)[0] ?? [];
    if (field !== undefined) throw new ValidationError({ [`${index}.${field}`]: message! });
    prepared.push({ entity: change.entity, id: change.id, data });
  }
  if (prepared.length === 0) return;
  const { db } = store;
  const entities = [...new Set(prepared.map((change) => change.entity))];
  const tables = [...entities.map((e) => db.anyRecords(e)), ...alsoWritten(store, entities)];
  await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    for (const { entity, id, data } of prepared) {
      await writePatch(store, entity, id, data, 'A record has been deleted.', senChange);
    }
  });
  store.notifyWrite();
};
