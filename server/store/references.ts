/**
 * Whether a record hangs together with the records it names, checked on
 * the server for every pushed change (apply-mutations.ts calls it once the
 * record's own shape has passed its schema). The schemas (src/domain) say
 * what one record may hold; only the server holds every other record, so
 * only it can say that a tick's target is that child's target, that the
 * children on a register were in the group, or that a score is on its
 * group's scale.
 *
 * The rules, each refused with a reason the person can act on:
 * - a tick names a child on the server and a target of that same child;
 * - a session names a group on the server, and every child on its register
 *   was in the group on the session's date (in its list now, or in a list
 *   it had that was changed on or after that day), at most once each;
 * - a score names a child on the server; with a group, the child was in it
 *   on the score's date, and the value is within the group's measure;
 * - a review names a child on the server, and its plan and targets are that
 *   child's;
 * - an SEN register entry names a child on the server, is not dated before
 *   the child was born, and its review (when the server has it) is the
 *   same child's;
 * - a correction (`supersedesId`) corrects an event of the same type about
 *   the same child (and target, or group);
 * - what happened is not dated more than a month after the server's clock
 *   (ranges.ts says why a month and not a day);
 * - a target's plan and parent target, when the server has them, are the
 *   same child's.
 *
 * Why "was in the group" reads the group's history and not only its list:
 * a TA who logged last Tuesday's session offline must not lose it because
 * the SENCo took a child out of the group on Wednesday. Why a day's margin
 * on the day a list was replaced: a session's date is a day in the
 * school's time zone, the server's clock is UTC.
 */
import {
  checkSchoolCalendar,
  readId,
  isDayByNow,
  isRecordedByNow,
  isScoreInRange,
  REJECT_CODES,
  senStatusAfterReview,
  type ReviewDecision,
  type SchoolCalendar,
  type SenStatus,
} from '../../src/domain';
import type { EntityName, Mutation } from '../../src/domain';
import type { Executor } from '../db/connection';
import type { HistoryEntry, RecordKey, StoredRecordState } from './sync-store';

type Data = Record<string, unknown>;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The record with this id as the batch sees it (stored, with the batch's earlier writes). */
export type Lookup = (entity: EntityName, entityId: string) => StoredRecordState | undefined;

/** A list of children a group had, and when it was replaced by another. */
export type FormerMembers = { childIds: string[]; replacedAt: string };

export type ReferenceContext = {
  lookup: Lookup;
  /** Every earlier children's list of a group, loaded with the batch. */
  formerMembers: (interventionId: string) => readonly FormerMembers[];
  nowMs: number;
};

export type ReferenceProblem = { code: string; message: string };

const MESSAGES = {
  noChild: 'The child this is about is not on the server, so it was not kept.',
  noTarget: 'The target this tick is for is not on the server, so the tick was not kept.',
  otherChildsTarget:
    "This tick's target is another child's target, so the tick was not kept. Tick the target from this child's own list.",
  noGroup: 'The group this is for is not on the server, so it was not kept.',
  notInGroup: (count: number) =>
    count === 1
      ? 'A child on this register was not in the group on that date, so the register was not kept. Ask your SENCo to add the child to the group first.'
      : `${count} children on this register were not in the group on that date, so the register was not kept. Ask your SENCo to add them to the group first.`,
  twiceOnRegister: 'A child is on this register twice, so the register was not kept.',
  scoreNotInGroup:
    'This child was not in the group on that date, so the score was not kept. Ask your SENCo to add the child to the group first.',
  outOfMeasure: (min: number, max: number, unit: string) =>
    `This score is outside the group's scale (${min} to ${max}${unit ? ` ${unit}` : ''}), so it was not kept. Check the number and enter it again.`,
  otherChildsPlan: "This names another child's learning plan, so it was not kept.",
  otherChildsTargetInReview: "This review names another child's target, so it was not kept.",
  calendar: (first: string) =>
    `This school calendar does not hang together (${first}), so it was not kept. Open the school calendar and check the terms and closures.`,
  stepNotDecided:
    "This review's change of SEN status does not follow from its decisions, so it was not kept.",
  otherChildsReview: "This SEN register entry names another child's review, so it was not kept.",
  beforeBirth:
    "This SEN register entry is dated before the child's date of birth, so it was not kept. Check the date.",
  otherChildsParent: "This target sits under another child's target, so it was not kept.",
  ownParent: 'A target cannot sit under itself, so it was not kept.',
  badCorrection:
    'This correction is for an entry that is not on the server or is about someone else, so it was not kept.',
  recordedAhead:
    'This was recorded with a time in the future (the device clock may be wrong), so it was not kept. Check the date and time on this device.',
  dayAhead:
    'This is dated in the future, so it was not kept. Check the date, and the date on this device.',
} as const;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * An id a pushed record names, as the record's schema will read it, or
 * nothing when it is not an id at all. Why before the schema: the batch
 * reads every record its changes name in one query, ahead of checking each
 * change, so a field holding NUL or five thousand characters must never
 * reach that query (PostgreSQL refuses NUL in text with a 500). Such a
 * change is refused by its schema a moment later.
 */
const recordId = readId;
const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const bad = (message: string): ReferenceProblem => ({
  code: REJECT_CODES.badReference,
  message,
});
const outOfRange = (message: string): ReferenceProblem => ({
  code: REJECT_CODES.outOfRange,
  message,
});

/**
 * The record as the server knows it, with its data: undefined when it is
 * absent or is a tombstone with nothing in it (deleted before the server
 * saw it, or erased), since then nothing about it can be checked. A
 * deleted record that kept its data still counts: a tick recorded before
 * its target was archived is still a true fact.
 */
const known = (ctx: ReferenceContext, entity: EntityName, id: unknown): Data | undefined => {
  const entityId = str(id);
  if (entityId === undefined) return undefined;
  const record = ctx.lookup(entity, entityId);
  if (!record || Object.keys(record.data).length === 0) return undefined;
  return record.data;
};

/** Whether `childId` was in the group on `date` (see the header). */
const wasInGroup = (
  ctx: ReferenceContext,
  interventionId: string,
  group: Data,
  childId: string,
  date: string,
): boolean => {
  if (strs(group.childIds).includes(childId)) return true;
  const dayBefore = new Date(Date.parse(`${date}T00:00:00.000Z`) - DAY_MS)
    .toISOString()
    .slice(0, 10);
  return ctx
    .formerMembers(interventionId)
    .some((former) => former.replacedAt >= dayBefore && former.childIds.includes(childId));
};

/** A correction must name an event of the same type that agrees on `sameFields`. */
const checkCorrection = (
  ctx: ReferenceContext,
  entity: EntityName,
  data: Data,
  sameFields: readonly string[],
): ReferenceProblem | undefined => {
  if (data.supersedesId === undefined) return undefined;
  const earlier = known(ctx, entity, data.supersedesId);
  if (!earlier || sameFields.some((field) => earlier[field] !== data[field])) {
    return bad(MESSAGES.badCorrection);
  }
  return undefined;
};

const checkWhen = (data: Data, nowMs: number): ReferenceProblem | undefined => {
  const recordedAt = str(data.recordedAt);
  if (recordedAt !== undefined && !isRecordedByNow(recordedAt, nowMs)) {
    return outOfRange(MESSAGES.recordedAhead);
  }
  const date = str(data.date);
  if (date !== undefined && !isDayByNow(date, nowMs)) return outOfRange(MESSAGES.dayAhead);
  return undefined;
};

type EventCheck = (data: Data, ctx: ReferenceContext) => ReferenceProblem | undefined;

const EVENT_CHECKS: Partial<Record<EntityName, EventCheck>> = {
  tick: (data, ctx) => {
    if (!known(ctx, 'child', data.childId)) return bad(MESSAGES.noChild);
    const target = known(ctx, 'target', data.targetId);
    if (!target) return bad(MESSAGES.noTarget);
    if (target.childId !== data.childId) return bad(MESSAGES.otherChildsTarget);
    return checkCorrection(ctx, 'tick', data, ['childId', 'targetId']);
  },
  interventionSession: (data, ctx) => {
    const interventionId = str(data.interventionId)!;
    const group = known(ctx, 'intervention', interventionId);
    if (!group) return bad(MESSAGES.noGroup);
    const register = (data.attendance ?? []) as { childId: string }[];
    const childIds = register.map((row) => row.childId);
    if (new Set(childIds).size !== childIds.length) return bad(MESSAGES.twiceOnRegister);
    const date = str(data.date)!;
    const outsiders = childIds.filter((id) => !wasInGroup(ctx, interventionId, group, id, date));
    if (outsiders.length > 0) return bad(MESSAGES.notInGroup(outsiders.length));
    return checkCorrection(ctx, 'interventionSession', data, ['interventionId']);
  },
  assessmentScore: (data, ctx) => {
    if (!known(ctx, 'child', data.childId)) return bad(MESSAGES.noChild);
    const interventionId = str(data.interventionId);
    if (interventionId !== undefined) {
      const group = known(ctx, 'intervention', interventionId);
      if (!group) return bad(MESSAGES.noGroup);
      const childId = str(data.childId)!;
      if (!wasInGroup(ctx, interventionId, group, childId, str(data.date)!)) {
        return bad(MESSAGES.scoreNotInGroup);
      }
      const measure = known(ctx, 'provision', group.provisionId)?.measure as
        { min: number; max: number; unit?: string } | null | undefined;
      if (measure && !isScoreInRange(data.value as number, measure)) {
        return outOfRange(MESSAGES.outOfMeasure(measure.min, measure.max, measure.unit ?? ''));
      }
    }
    return checkCorrection(ctx, 'assessmentScore', data, ['childId']);
  },
  review: (data, ctx) => {
    if (!known(ctx, 'child', data.childId)) return bad(MESSAGES.noChild);
    if (
      data.planId !== undefined &&
      known(ctx, 'learningPlan', data.planId)?.childId !== data.childId
    ) {
      return bad(MESSAGES.otherChildsPlan);
    }
    const outcomes = (data.targetOutcomes ?? []) as { targetId: string }[];
    if (outcomes.some((row) => known(ctx, 'target', row.targetId)?.childId !== data.childId)) {
      return bad(MESSAGES.otherChildsTargetInReview);
    }
    // Why the step is checked here and not only where it is shown: a step
    // stored on a review is put to the SENCo to confirm, so a step the
    // decisions do not make (monitoring to EHCP, or with no step chosen)
    // must not reach anyone's device.
    if (data.senStatusFrom !== undefined || data.senStatusTo !== undefined) {
      const from = data.senStatusFrom as SenStatus | undefined;
      const decisions = (data.decisions ?? []) as ReviewDecision[];
      if (from === undefined || senStatusAfterReview(from, decisions) !== data.senStatusTo) {
        return bad(MESSAGES.stepNotDecided);
      }
    }
    return checkCorrection(ctx, 'review', data, ['childId']);
  },
  // A record from a previous school is about a child this school holds.
  transferredRecord: (data, ctx) =>
    known(ctx, 'child', data.childId) ? undefined : bad(MESSAGES.noChild),
  senRegisterEntry: (data, ctx) => {
    const child = known(ctx, 'child', data.childId);
    if (!child) return bad(MESSAGES.noChild);
    if (data.reviewId !== undefined) {
      const review = known(ctx, 'review', data.reviewId);
      if (review && review.childId !== data.childId) return bad(MESSAGES.otherChildsReview);
    }
    const born = str(child.dateOfBirth);
    if (born !== undefined && str(data.date)! < born) return outOfRange(MESSAGES.beforeBirth);
    return checkCorrection(ctx, 'senRegisterEntry', data, ['childId']);
  },
};

/** Checks a new event (already parsed by its schema) against the records it names. */
export const checkEventReferences = (
  entity: EntityName,
  data: Data,
  ctx: ReferenceContext,
): ReferenceProblem | undefined => checkWhen(data, ctx.nowMs) ?? EVENT_CHECKS[entity]?.(data, ctx);

/**
 * Checks an entity as a patch leaves it, for the references the patch
 * touched (`patched`): a patch of a target's wording re-checks nothing.
 */
export const checkEntityReferences = (
  entity: EntityName,
  entityId: string,
  data: Data,
  patched: ReadonlySet<string>,
  ctx: ReferenceContext,
): ReferenceProblem | undefined => {
  const touches = (...fields: string[]) => fields.some((field) => patched.has(field));
  // Why the server checks the calendar as well as the editor: every report
  // counts school days from it, so terms that overlap or end before they
  // start (sent by a client of someone's own, or left by two SENCos'
  // edits merging field by field) would silently double or drop days.
  if (entity === 'school') {
    if (!touches('terms', 'closures')) return undefined;
    const calendar = {
      terms: data.terms ?? [],
      closures: data.closures ?? [],
    } as SchoolCalendar;
    const first = Object.values(checkSchoolCalendar(calendar))[0];
    return first === undefined
      ? undefined
      : { code: REJECT_CODES.invalidData, message: MESSAGES.calendar(first) };
  }
  if (entity !== 'target') return undefined;
  // Why only "not another child's": a plan of targets is written in any
  // order (a next step before the annual target it sits under), so a link
  // to a record the server has not seen yet is allowed; one to a record it
  // has, about another child, never is.
  const isOtherChilds = (linked: Data | undefined) =>
    linked !== undefined && linked.childId !== data.childId;
  if (
    data.planId !== undefined &&
    touches('planId', 'childId') &&
    isOtherChilds(known(ctx, 'learningPlan', data.planId))
  ) {
    return bad(MESSAGES.otherChildsPlan);
  }
  if (data.parentTargetId !== undefined && touches('parentTargetId', 'childId')) {
    if (data.parentTargetId === entityId) return bad(MESSAGES.ownParent);
    if (isOtherChilds(known(ctx, 'target', data.parentTargetId))) {
      return bad(MESSAGES.otherChildsParent);
    }
  }
  return undefined;
};

/**
 * For each kind of record, the fields of its data that name another
 * record, and that record's type (a review's target outcomes aside).
 */
const NAMING_FIELDS: ReadonlyMap<string, readonly (readonly [string, EntityName])[]> = new Map([
  [
    'tick',
    [
      ['childId', 'child'],
      ['targetId', 'target'],
      ['supersedesId', 'tick'],
    ],
  ],
  [
    'interventionSession',
    [
      ['interventionId', 'intervention'],
      ['supersedesId', 'interventionSession'],
    ],
  ],
  [
    'assessmentScore',
    [
      ['childId', 'child'],
      ['interventionId', 'intervention'],
      ['supersedesId', 'assessmentScore'],
    ],
  ],
  [
    'review',
    [
      ['childId', 'child'],
      ['planId', 'learningPlan'],
      ['supersedesId', 'review'],
    ],
  ],
  ['transferredRecord', [['childId', 'child']]],
  [
    'senRegisterEntry',
    [
      ['childId', 'child'],
      ['reviewId', 'review'],
      ['supersedesId', 'senRegisterEntry'],
    ],
  ],
  [
    'target',
    [
      ['planId', 'learningPlan'],
      ['parentTargetId', 'target'],
    ],
  ],
]);

/** The records a mutation's data names, so the batch reads them with its own records. */
export const referencedKeys = (mutation: Mutation): RecordKey[] => {
  const data = mutation.data ?? {};
  const keys: RecordKey[] = [];
  const add = (entity: EntityName, id: unknown) => {
    const entityId = recordId(id);
    if (entityId !== undefined) keys.push({ entity, entityId });
  };
  for (const [field, entity] of NAMING_FIELDS.get(mutation.entity) ?? []) add(entity, data[field]);
  if (mutation.entity === 'review') {
    for (const row of Array.isArray(data.targetOutcomes) ? data.targetOutcomes : []) {
      add('target', (row as Data | null)?.targetId);
    }
  }
  return keys;
};

/**
 * The records named by records the batch read for its references: a
 * group's provision, whose measure is a score's scale.
 */
export const referencedThrough = (
  records: readonly Pick<StoredRecordState, 'entity' | 'data'>[],
): RecordKey[] =>
  records.flatMap((record) =>
    record.entity === 'intervention' && typeof record.data.provisionId === 'string'
      ? [{ entity: 'provision', entityId: record.data.provisionId }]
      : [],
  );

/** The groups whose children's history a batch needs (its sessions' and scores' groups). */
export const groupsNamed = (mutations: readonly Mutation[]): string[] => [
  ...new Set(
    mutations.flatMap((m) => {
      if (m.entity !== 'interventionSession' && m.entity !== 'assessmentScore') return [];
      const interventionId = recordId(m.data?.interventionId);
      return interventionId === undefined ? [] : [interventionId];
    }),
  ),
];

/** Every earlier children's list of these groups, from the records' history. */
export const loadFormerMembers = async (
  db: Executor,
  schoolId: string,
  interventionIds: readonly string[],
): Promise<Map<string, FormerMembers[]>> => {
  const found = new Map<string, FormerMembers[]>();
  if (interventionIds.length === 0) return found;
  const rows = await db
    .selectFrom('record_history')
    .select(['entity_id', 'value', 'at'])
    .where('school_id', '=', schoolId)
    .where('entity', '=', 'intervention')
    .where('entity_id', 'in', [...interventionIds])
    .where('field', '=', 'childIds')
    .where('reason', '=', 'overwritten')
    .execute();
  for (const row of rows) {
    addFormer(found, row.entity_id, JSON.parse(row.value) as unknown, row.at);
  }
  return found;
};

/**
 * A group's earlier lists: those loaded with the batch, and those the batch
 * itself replaced so far (its history is written only at the end).
 */
export const formerMembersOf = (
  loaded: ReadonlyMap<string, readonly FormerMembers[]>,
  batchHistory: readonly HistoryEntry[],
  interventionId: string,
): FormerMembers[] => [
  ...(loaded.get(interventionId) ?? []),
  ...batchHistory
    .filter(
      (entry) =>
        entry.entity === 'intervention' &&
        entry.entityId === interventionId &&
        entry.field === 'childIds' &&
        entry.reason === 'overwritten',
    )
    .map((entry) => ({ childIds: strs(entry.value), replacedAt: entry.at })),
];

const addFormer = (
  found: Map<string, FormerMembers[]>,
  interventionId: string,
  value: unknown,
  replacedAt: string,
): void => {
  const list = found.get(interventionId) ?? [];
  list.push({ childIds: strs(value), replacedAt });
  found.set(interventionId, list);
};
