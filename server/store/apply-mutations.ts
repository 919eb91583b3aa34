/**
 * Applies pushed mutations to a school's data: the one write path for sync
 * (and for the demo seed, which writes as a server device so every seeded
 * record reaches devices by pull). The caller owns the transaction: a whole
 * batch commits or rolls back together.
 *
 * Per mutation, in the order given: check the device, the idempotency record,
 * the entity and kind, clamp the HLC, check the record's shape (its schema)
 * and the records it names (references.ts), then insert an event or merge a
 * patch or delete, and write one change to the log for what actually
 * changed. A rejected mutation never stops the others, and what the server
 * saves about it (its reason) is always text both engines can hold.
 *
 * How, for speed: under the school's write lock, the batch reads what it
 * needs once (the idempotency records of its mutation ids, the stored state
 * of the records it touches, the change counter), decides every mutation in
 * order against that state as the earlier mutations of the batch leave it,
 * then writes everything with multi-row inserts and one counter update.
 * Each mutation sees exactly what it would have seen had every earlier one
 * been written before it: that is what `Batch` keeps.
 */
import type { z } from 'zod';
import {
  applyPatch,
  clampHlc,
  isEntityName,
  isEventType,
  isHlcInWindow,
  isPlaceholderId,
  maxHlc,
  nextHlc,
  parseHlc,
  RECORD_TYPES,
  REJECT_CODES,
  toStorableText,
} from '../../src/domain';
import type { EntityName, Mutation, MutationResult } from '../../src/domain';
import type { Selectable } from 'kysely';
import type { FullRow } from '../db/bulk';
import type { RecordsTable } from '../db/schema';
import type { Executor } from '../db/connection';
import { lockSchoolForWrite, setChangeSeq } from './change-counter';
import { moveScopeVersion } from './scope-version';
import { SCOPE_ENTITIES } from './scope';
import { describeLosses, describeRepeatedLosses } from './lost-changes';
import type { Loss } from './lost-changes';
import {
  checkEntityReferences,
  checkEventReferences,
  formerMembersOf,
  groupsNamed,
  loadFormerMembers,
  referencedKeys,
  referencedThrough,
} from './references';
import type { FormerMembers, ReferenceContext } from './references';
import {
  findAppliedMutations,
  findRecordRows,
  insertAppliedMutations,
  insertChanges,
  insertHistory,
  latestDeviceHlc,
  recordRowToState,
  recordStateToRow,
  saveRecordRows,
} from './sync-store';
import type {
  AppliedMutation,
  HistoryEntry,
  RecordKey,
  StoredChange,
  StoredRecordState,
} from './sync-store';

/** Who is writing. The school and author always come from the token, never the body. */
export type WriteContext = {
  schoolId: string;
  staffId: string;
  /** The envelope's device id; every mutation must carry the same one. */
  deviceId: string;
  /** The server's clock, injectable for tests. */
  nowMs: number;
  /**
   * Makes the check "may the signed-in person make this change, given the
   * record as stored?" (server/auth/permissions.ts). Set for every push; the
   * server's own writer (set-up, demo seed) leaves it out. Called once, under
   * the school's write lock. Why there: the person's scope must be the one
   * this batch's writes follow, not one read before a push that changed it
   * (a child moved out of their class) committed while this one waited for
   * the lock.
   */
  authorise?: (trx: Executor) => Promise<Authorise>;
};

/**
 * `true` to allow; `false` when this change is not the person's to make;
 * `'read_only'` when the person may make no change at all (a headteacher),
 * which is refused with its own sentence so they know why.
 */
export type Authorise = (
  mutation: Mutation & { entity: EntityName },
  stored: StoredRecordState | undefined,
) => boolean | 'read_only';

const MESSAGES = {
  wrongDevice:
    'This change was sent by a different device from the one that made it, so it was not kept.',
  unknownEntity:
    'The server does not know this kind of record, so the change was not kept. Please reload the page to update the app.',
  wrongKind: 'This kind of record cannot be changed in that way, so the change was not kept.',
  recordDeleted: 'This record was deleted by someone else, so this change was not kept.',
  emptyPatch: 'This change did not say what to change, so it was not kept.',
  eventWithoutData: 'This entry had no details, so it was not kept.',
  readOnly:
    'Your sign-in can see the whole school but not change it (a headteacher’s access is read-only), so this change was not kept.',
  forbidden:
    'You do not have permission to change this record, so the change was not kept. Ask your SENCo if you need to.',
  placeholderId: 'This change names no record (its id is all zeros or all f), so it was not kept.',
  hlcTooOld:
    'This change carries a time before 2000 (the device clock may be wrong), so it was not kept. Check the date and time on this device.',
} as const;

type Outcome =
  | { status: 'applied'; changeSeq: number | null }
  | { status: 'duplicate' }
  | { status: 'rejected'; code: string; message: string };

const reject = (code: string, message: string): Outcome => ({ status: 'rejected', code, message });

/** "outcome: Invalid option" style text from a zod error: the field, then what is wrong. */
export const describeZodError = (error: z.ZodError, prefix?: string): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');

type ObjectSchema = z.ZodObject<Record<string, z.ZodType>>;
const schemaOf = (entity: EntityName): ObjectSchema =>
  RECORD_TYPES[entity].schema as unknown as ObjectSchema;

export const applyMutations = async (
  trx: Executor,
  ctx: WriteContext,
  mutations: readonly Mutation[],
): Promise<MutationResult[]> => {
  if (mutations.length === 0) return [];
  // The lock first, so every read below sees the pushes committed before it.
  const lastSeq = await lockSchoolForWrite(trx, ctx.schoolId);
  const authorise = await ctx.authorise?.(trx);
  const batch = await loadBatch(trx, ctx, mutations, lastSeq, authorise);
  const results: MutationResult[] = [];
  for (const mutation of mutations) {
    results.push(await applyOne(trx, ctx, batch, mutation));
  }
  await writeBatch(trx, ctx, batch);
  // Why tell the device: an applied patch whose fields lost is otherwise
  // just "applied", and the person never learns their change was overwritten.
  // A patch sent again is told again (its first answer may never have arrived).
  const losses = new Map([
    ...(await describeLosses(trx, ctx.schoolId, batch.losses)),
    ...(await describeRepeatedLosses(
      trx,
      ctx.schoolId,
      ctx.deviceId,
      mutations
        .filter((m, i) => m.kind === 'patch' && results[i]?.status === 'duplicate')
        .map((m) => ({ mutationId: m.id, entity: m.entity, entityId: m.entityId })),
    )),
  ]);
  return losses.size === 0
    ? results
    : results.map((result) => {
        const lost = losses.get(result.id);
        return lost ? { ...result, lost } : result;
      });
};

const recordKey = (entity: string, entityId: string): string => `${entity}/${entityId}`;

/**
 * The state one batch works on: what the database held when the batch
 * began, with the batch's own writes so far laid over it, and the rows still
 * to be written. Nothing here is written until `writeBatch`.
 */
type Batch = {
  /** This school's earlier answers by mutation id: from the database, then this batch's own. */
  answered: Map<string, Pick<AppliedMutation, 'status' | 'code' | 'message'>>;
  /**
   * Records by key, as rows exactly as they are (or will be) stored, so a
   * record the batch wrote reads back just as it would from the database.
   * A key that is absent has no record.
   */
  records: Map<string, RecordRow>;
  /** The last change number handed out (the school's counter when the batch began). */
  lastSeq: number;
  /** The signed-in person's check, made under the lock (see WriteContext). */
  authorise: Authorise | undefined;
  /** Earlier children's lists of the groups the batch's sessions and scores name. */
  formerMembers: Map<string, FormerMembers[]>;
  /** The server's receive time, as stored. */
  at: string;
  clock: DeviceClock;
  // To write, in the order made:
  applied: AppliedMutation[];
  changes: StoredChange[];
  /**
   * Parsed records the reference checks have read, by key; dropped when the
   * batch saves that record. Why a cache: every tick names its target and
   * its child, so a batch of 500 ticks would parse the same few rows'
   * JSON a thousand times. Only the checks read these, and never change them.
   */
  peeked: Map<string, StoredRecordState | undefined>;
  /** Records to write, by key: a record written twice is written once, as it ended. */
  dirty: Map<string, FullRow<'records'>>;
  history: HistoryEntry[];
  /** Fields of applied patches that lost to a newer value, for the push result. */
  losses: Loss[];
};

type RecordRow = Selectable<RecordsTable>;

const loadBatch = async (
  trx: Executor,
  ctx: WriteContext,
  mutations: readonly Mutation[],
  lastSeq: number,
  authorise: Authorise | undefined,
): Promise<Batch> => {
  const keys = new Map<string, RecordKey>();
  for (const m of mutations) {
    if (isEntityName(m.entity)) {
      // The record itself and the records its data names (references.ts).
      for (const key of [{ entity: m.entity, entityId: m.entityId }, ...referencedKeys(m)]) {
        keys.set(recordKey(key.entity, key.entityId), key);
      }
    }
  }
  const answered = await findAppliedMutations(
    trx,
    ctx.schoolId,
    mutations.map((m) => m.id),
  );
  const rows = await findRecordRows(trx, ctx.schoolId, [...keys.values()]);
  const loaded = new Set(rows.map((row) => recordKey(row.entity, row.entity_id)));
  const groups = rows.filter((row) => row.entity === 'intervention').map(recordRowToState);
  const through = referencedThrough(groups).filter(
    (key) => !loaded.has(recordKey(key.entity, key.entityId)),
  );
  if (through.length > 0) rows.push(...(await findRecordRows(trx, ctx.schoolId, through)));
  const formerMembers = await loadFormerMembers(trx, ctx.schoolId, groupsNamed(mutations));
  return {
    answered,
    formerMembers,
    records: new Map(rows.map((row) => [recordKey(row.entity, row.entity_id), row])),
    lastSeq,
    authorise,
    at: new Date(ctx.nowMs).toISOString(),
    clock: { loaded: false },
    applied: [],
    changes: [],
    dirty: new Map(),
    peeked: new Map(),
    history: [],
    losses: [],
  };
};

/** The record as stored, taking this batch's earlier writes into account. */
const currentRecord = (
  batch: Batch,
  entity: string,
  entityId: string,
): StoredRecordState | undefined => {
  const row = batch.records.get(recordKey(entity, entityId));
  return row && recordRowToState(row);
};

/** `currentRecord` for readers that never change what they get (see `Batch.peeked`). */
const peekRecord = (
  batch: Batch,
  entity: string,
  entityId: string,
): StoredRecordState | undefined => {
  const key = recordKey(entity, entityId);
  if (batch.peeked.has(key)) return batch.peeked.get(key);
  const state = currentRecord(batch, entity, entityId);
  batch.peeked.set(key, state);
  return state;
};

/** What the reference checks (references.ts) see: the batch's view of the school. */
const referenceContext = (ctx: WriteContext, batch: Batch): ReferenceContext => ({
  lookup: (entity, entityId) => peekRecord(batch, entity, entityId),
  formerMembers: (interventionId) =>
    formerMembersOf(batch.formerMembers, batch.history, interventionId),
  nowMs: ctx.nowMs,
});

const saveRecord = (batch: Batch, state: StoredRecordState): void => {
  const key = recordKey(state.entity, state.entityId);
  const row = recordStateToRow(state);
  batch.records.set(key, row);
  batch.dirty.set(key, row);
  batch.peeked.delete(key);
};

/**
 * Writes what the batch decided. The counter moves once, to the last change
 * number handed out; the lock taken in `applyMutations` is still held, so
 * change numbers stay in commit order. A batch that writes a record a
 * scope is computed from moves the school's scope version with it, so no
 * server keeps using a scope this batch changes (scope-cache.ts).
 */
const writeBatch = async (trx: Executor, ctx: WriteContext, batch: Batch): Promise<void> => {
  if (batch.changes.length > 0) await setChangeSeq(trx, ctx.schoolId, batch.lastSeq);
  if ([...batch.dirty.values()].some((row) => SCOPE_ENTITIES.has(row.entity))) {
    await moveScopeVersion(trx, ctx.schoolId);
  }
  await insertChanges(trx, batch.changes);
  await saveRecordRows(trx, [...batch.dirty.values()]);
  await insertHistory(trx, batch.history);
  await insertAppliedMutations(trx, batch.applied);
};

/** The newest HLC this device already has on the server, loaded once per batch when needed. */
type DeviceClock = { last?: string; loaded: boolean };

/**
 * The HLC a mutation is applied with. Why not just `clampHlc`: clamping
 * pulls every HLC of a fast clock back to the server's receive time, and
 * two edits from one device (in one batch, or in two batches within the
 * tolerance) could then tie or swap, so the device's own later edit would
 * lose to its earlier one. A clamped HLC is therefore moved just past the
 * newest HLC this device already has on the server (found by the
 * simulation test: skew 60 s + 15 ms, create then edit a target, one push).
 * The floor is read only on this rare path, when a clock runs ahead. The
 * read does not see this batch's changes (they are written at the end), and
 * need not: `clock.last` already holds every HLC the batch has handed out.
 */
const effectiveHlc = async (
  trx: Executor,
  ctx: WriteContext,
  hlc: string,
  clock: DeviceClock,
): Promise<string> => {
  const clamped = clampHlc(hlc, ctx.nowMs);
  if (clamped === hlc) {
    clock.last = maxHlc(clock.last, hlc);
    return hlc;
  }
  if (!clock.loaded) {
    clock.last = maxHlc(clock.last, await latestDeviceHlc(trx, ctx.schoolId, ctx.deviceId));
    clock.loaded = true;
  }
  const result =
    clock.last !== undefined && clock.last >= clamped
      ? nextHlc(clock.last, parseHlc(clamped)!.wallMs, ctx.deviceId)
      : clamped;
  clock.last = result;
  return result;
};

const applyOne = async (
  trx: Executor,
  ctx: WriteContext,
  batch: Batch,
  mutation: Mutation,
): Promise<MutationResult> => {
  // Why answered and not recorded: a nil or max mutation id is no device's
  // id, and recording it would make the next such id a "duplicate".
  if (isPlaceholderId(mutation.id)) {
    return {
      id: mutation.id,
      status: 'rejected',
      code: REJECT_CODES.invalidData,
      message: MESSAGES.placeholderId,
    };
  }
  // Why a retried batch is harmless: a mutation id seen before (in an earlier
  // push, or earlier in this one) is answered as before, without effect.
  const previous = batch.answered.get(mutation.id);
  if (previous) return previousResult(mutation.id, previous);

  // Why before anything else: the device id in each mutation is what the
  // device's own outbox and seq refer to; a mismatch means a confused or forged batch.
  if (mutation.deviceId !== ctx.deviceId) {
    return record(ctx, batch, mutation, reject(REJECT_CODES.wrongDevice, MESSAGES.wrongDevice));
  }

  return record(ctx, batch, mutation, await decide(trx, ctx, batch, mutation));
};

const previousResult = (
  id: string,
  previous: { status: string; code: string | null; message: string | null },
): MutationResult =>
  // A mutation rejected before is rejected again with the same reason, so a
  // device that lost the first answer still learns why.
  previous.status === 'rejected'
    ? {
        id,
        status: 'rejected',
        code: previous.code ?? REJECT_CODES.invalidData,
        message: previous.message ?? 'This change was not kept.',
      }
    : { id, status: 'duplicate' };

const record = (
  ctx: WriteContext,
  batch: Batch,
  mutation: Mutation,
  given: Outcome,
): MutationResult => {
  // Why: a rejection message may quote a field name from the request, and
  // PostgreSQL cannot store a NUL; the message is kept short and storable.
  const outcome: Outcome =
    given.status === 'rejected'
      ? { ...given, message: toStorableText(given.message, 1_000) }
      : given;
  const answer: AppliedMutation = {
    mutationId: mutation.id,
    schoolId: ctx.schoolId,
    deviceId: ctx.deviceId,
    seq: mutation.seq,
    status: outcome.status,
    code: outcome.status === 'rejected' ? outcome.code : null,
    message: outcome.status === 'rejected' ? outcome.message : null,
    changeSeq: outcome.status === 'applied' ? outcome.changeSeq : null,
    receivedAt: batch.at,
  };
  batch.applied.push(answer);
  batch.answered.set(mutation.id, answer);
  return outcome.status === 'rejected'
    ? { id: mutation.id, status: 'rejected', code: outcome.code, message: outcome.message }
    : { id: mutation.id, status: outcome.status };
};

const decide = async (
  trx: Executor,
  ctx: WriteContext,
  batch: Batch,
  mutation: Mutation,
): Promise<Outcome> => {
  if (!isEntityName(mutation.entity)) {
    return reject(REJECT_CODES.unknownEntity, MESSAGES.unknownEntity);
  }
  const entity = mutation.entity;
  if (isPlaceholderId(mutation.entityId)) {
    return reject(REJECT_CODES.invalidData, MESSAGES.placeholderId);
  }
  // Why refused, not clamped: an HLC before 2000 would lose every conflict
  // and sort before every real change; no device that has synced makes one.
  if (!isHlcInWindow(mutation.hlc)) return reject(REJECT_CODES.outOfRange, MESSAGES.hlcTooOld);
  // Why: events are append-only facts and entities are edited by patches;
  // crossing them would let a tick be rewritten or a child be "appended".
  if (isEventType(entity) !== (mutation.kind === 'event')) {
    return reject(REJECT_CODES.wrongKind, MESSAGES.wrongKind);
  }
  // Why before anything is written: every change is checked against who
  // signs it, on the record as the server holds it (roles and scope).
  const allowed = batch.authorise
    ? batch.authorise({ ...mutation, entity }, currentRecord(batch, entity, mutation.entityId))
    : true;
  if (allowed === 'read_only') return reject(REJECT_CODES.forbidden, MESSAGES.readOnly);
  if (!allowed) return reject(REJECT_CODES.forbidden, MESSAGES.forbidden);
  // Why clamp: a tablet whose clock runs days ahead must not win every
  // later conflict; its HLC is pulled back to the server's receive time.
  const hlc = await effectiveHlc(trx, ctx, mutation.hlc, batch.clock);
  switch (mutation.kind) {
    case 'event':
      return applyEvent(ctx, batch, mutation, entity, hlc);
    case 'patch':
      return applyEntityPatch(ctx, batch, mutation, entity, hlc);
    case 'delete':
      return applyDelete(ctx, batch, mutation, entity, hlc);
  }
};

/**
 * Applies one mutation of its kind to the batch, once `applyOne` has
 * authorised it and clamped its HLC (`hlc`).
 */
type ApplyKind = (
  ctx: WriteContext,
  batch: Batch,
  mutation: Mutation,
  entity: EntityName,
  hlc: string,
) => Outcome;

/** Adds a change to the log and returns its number: the school's next. */
const writeChange = (
  ctx: WriteContext,
  batch: Batch,
  mutation: Mutation,
  entity: EntityName,
  hlc: string,
  data: Record<string, unknown> | null,
): number => {
  const seq = ++batch.lastSeq;
  batch.changes.push({
    schoolId: ctx.schoolId,
    seq,
    mutationId: mutation.id,
    deviceId: ctx.deviceId,
    staffId: ctx.staffId,
    kind: mutation.kind,
    entity,
    entityId: mutation.entityId,
    data,
    hlc,
    receivedAt: batch.at,
  });
  return seq;
};

const applyEvent: ApplyKind = (ctx, batch, mutation, entity, hlc) => {
  if (!mutation.data) return reject(REJECT_CODES.invalidData, MESSAGES.eventWithoutData);
  // Why from the token: every change must be attributable to the person
  // signed in, whatever the device claims.
  const parsed = schemaOf(entity).safeParse({ ...mutation.data, recordedBy: ctx.staffId });
  if (!parsed.success) {
    return reject(REJECT_CODES.invalidData, describeZodError(parsed.error));
  }
  // Why insert-if-absent: an event is a fact; the same event id arriving
  // again (e.g. from a second outbox entry) is the same fact, not a new one.
  if (currentRecord(batch, entity, mutation.entityId)) {
    return { status: 'duplicate' };
  }
  const data = parsed.data as Record<string, unknown>;
  // Why on the server: only it holds the records this one names (a tick's
  // target, a register's group); a record that does not hang together with
  // them would mislead every report built on it.
  const problem = checkEventReferences(entity, data, referenceContext(ctx, batch));
  if (problem) return reject(problem.code, problem.message);
  const seq = writeChange(ctx, batch, mutation, entity, hlc, data);
  saveRecord(batch, {
    schoolId: ctx.schoolId,
    entity,
    entityId: mutation.entityId,
    data,
    fieldHlcs: {},
    isDeleted: false,
    createdSeq: seq,
    updatedSeq: seq,
  });
  return { status: 'applied', changeSeq: seq };
};

const applyEntityPatch: ApplyKind = (ctx, batch, mutation, entity, hlc) => {
  const fields = Object.entries(mutation.data ?? {});
  if (fields.length === 0) return reject(REJECT_CODES.invalidData, MESSAGES.emptyPatch);

  // Why field by field and not `.partial()`: a partial parse fills in
  // defaults for fields that were not sent, which would then win LWW and
  // silently overwrite other people's values.
  const schema = schemaOf(entity);
  const patch: Record<string, unknown> = {};
  for (const [field, value] of fields) {
    const fieldSchema = Object.prototype.hasOwnProperty.call(schema.shape, field)
      ? schema.shape[field]
      : undefined;
    if (!fieldSchema) {
      return reject(
        REJECT_CODES.invalidData,
        `${toStorableText(field, 60)}: This is not something that can be saved here.`,
      );
    }
    const parsed = fieldSchema.safeParse(value);
    if (!parsed.success) {
      return reject(REJECT_CODES.invalidData, describeZodError(parsed.error, field));
    }
    patch[field] = parsed.data;
  }

  const existing = currentRecord(batch, entity, mutation.entityId);
  // Why: a delete beats a concurrent edit. Someone archived the record; an
  // edit made offline before they did must not bring it back.
  if (existing?.isDeleted) return reject(REJECT_CODES.recordDeleted, MESSAGES.recordDeleted);

  const merged = applyPatch(existing, patch, hlc);
  const full = schema.safeParse(merged.state.data);
  if (!full.success) {
    return existing
      ? reject(REJECT_CODES.invalidData, describeZodError(full.error))
      : reject(
          REJECT_CODES.incomplete,
          `This new record is missing details it needs: ${describeZodError(full.error)}`,
        );
  }
  const problem = checkEntityReferences(
    entity,
    mutation.entityId,
    merged.state.data,
    new Set(Object.keys(patch)),
    referenceContext(ctx, batch),
  );
  if (problem) return reject(problem.code, problem.message);

  // Why only the winning fields: devices apply pulled patch changes in
  // order, so a change holding a losing value would move them away from the
  // server's state. A patch that lost every field writes no change at all.
  const changed = Object.keys(merged.effective).length > 0;
  const seq = changed ? writeChange(ctx, batch, mutation, entity, hlc, merged.effective) : null;

  // Keep the data as merged (not the parsed copy with defaults filled in), so
  // the server's record is exactly what devices rebuild from the changes.
  const state = {
    schoolId: ctx.schoolId,
    entity,
    entityId: mutation.entityId,
    data: merged.state.data,
    fieldHlcs: merged.state.fieldHlcs,
    isDeleted: false,
    createdSeq: existing?.createdSeq ?? seq ?? 0,
    updatedSeq: seq ?? existing?.updatedSeq ?? 0,
  };
  // An existing record that lost every field is left as it is.
  if (!existing || changed) saveRecord(batch, state);

  // Why history: a lost race must stay visible. Values this patch replaced,
  // and values of this patch that lost to a newer one, are both kept.
  const base = {
    schoolId: ctx.schoolId,
    entity,
    entityId: mutation.entityId,
    mutationId: mutation.id,
    at: batch.at,
  };
  batch.history.push(
    ...merged.overwritten.map((o) => ({
      ...base,
      field: o.field,
      value: o.value,
      hlc: o.hlc,
      reason: 'overwritten' as const,
      replacedBySeq: seq,
    })),
    ...merged.lost.map((field) => ({
      ...base,
      field,
      value: patch[field],
      hlc,
      reason: 'lost' as const,
      replacedBySeq: null,
    })),
  );
  batch.losses.push(
    ...merged.lost.map((field) => ({
      mutationId: mutation.id,
      entity,
      entityId: mutation.entityId,
      field,
      winnerHlc: merged.state.fieldHlcs[field] ?? '',
    })),
  );
  return { status: 'applied', changeSeq: seq };
};

const applyDelete: ApplyKind = (ctx, batch, mutation, entity, hlc) => {
  const existing = currentRecord(batch, entity, mutation.entityId);
  // Deleting twice changes nothing more.
  if (existing?.isDeleted) return { status: 'applied', changeSeq: null };
  const seq = writeChange(ctx, batch, mutation, entity, hlc, null);
  if (existing) {
    saveRecord(batch, { ...existing, isDeleted: true, updatedSeq: seq });
  } else {
    // A tombstone for a record this server never saw, so a late patch to it
    // is still refused (delete beats edit).
    saveRecord(batch, {
      schoolId: ctx.schoolId,
      entity,
      entityId: mutation.entityId,
      data: {},
      fieldHlcs: {},
      isDeleted: true,
      createdSeq: seq,
      updatedSeq: seq,
    });
  }
  return { status: 'applied', changeSeq: seq };
};
