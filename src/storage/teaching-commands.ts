/**
 * The teacher's commands for Assess-Plan-Do-Review: focus children, learning
 * plans, targets, lessons, tick corrections, passports and reviews. Each one
 * checks its input (including checks across fields) BEFORE it writes, and
 * then writes through `patchEntity` / `recordEvent`, so the record and its
 * outbox entry land in one transaction and bad input writes nothing.
 */
import {
  changedFields,
  checkPlanDates,
  checkReviewDates,
  newId,
  type LearningPlan,
  type Outcome,
  type Passport,
  type RecordData,
  type StoredRecord,
  type SupportLevel,
  type Target,
} from '../domain';
import { patchEntity, recordEvent, tickTarget } from './commands';
import type { LocalStore } from './local-store';
import { ValidationError } from './validation';

const nowIso = (store: LocalStore): string => new Date(store.now()).toISOString();

// ---------------------------------------------------------------- focus children

export type FocusChildInput = {
  childId: string;
  classId: string;
  staffId: string;
  reason: string;
  until: string;
};

export const addFocusChild = async (store: LocalStore, input: FocusChildInput): Promise<string> => {
  const id = newId();
  await patchEntity(store, 'focusChild', id, { ...input, isArchived: false });
  return id;
};

/** Removing is archiving: the record (and why the child was watched) stays in the history. */
export const removeFocusChild = (store: LocalStore, focusId: string): Promise<void> =>
  patchEntity(store, 'focusChild', focusId, { isArchived: true });

// ---------------------------------------------------------------- learning plans and targets

/**
 * Create (no id) or edit a learning plan. Only changed fields are sent, so
 * two staff editing different fields at once both keep their change.
 */
export const saveLearningPlan = async (
  store: LocalStore,
  id: string | undefined,
  fields: Partial<LearningPlan>,
): Promise<string> => {
  const planId = id ?? newId();
  const existing = id ? await store.db.records('learningPlan').get(id) : undefined;
  const errors = checkPlanDates({ ...existing, ...fields });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const changed = changedFields<LearningPlan>(existing, fields);
  if (Object.keys(changed).length > 0) await patchEntity(store, 'learningPlan', planId, changed);
  return planId;
};

export const archiveLearningPlan = (store: LocalStore, planId: string): Promise<void> =>
  patchEntity(store, 'learningPlan', planId, { isArchived: true });

export const saveTarget = async (
  store: LocalStore,
  id: string | undefined,
  fields: Partial<Target>,
): Promise<string> => {
  const targetId = id ?? newId();
  if (fields.parentTargetId && fields.parentTargetId === targetId) {
    throw new ValidationError({ parentTargetId: 'A target cannot sit under itself.' });
  }
  const existing = id ? await store.db.records('target').get(id) : undefined;
  const changed = changedFields<Target>(existing, fields);
  if (Object.keys(changed).length > 0) await patchEntity(store, 'target', targetId, changed);
  return targetId;
};

export const archiveTarget = (store: LocalStore, targetId: string): Promise<void> =>
  patchEntity(store, 'target', targetId, { isArchived: true });

// ---------------------------------------------------------------- lessons

export const startLesson = async (
  store: LocalStore,
  input: { classId: string; staffId: string; subject: string },
): Promise<string> => {
  const id = newId();
  await patchEntity(store, 'lesson', id, {
    ...input,
    startedAt: nowIso(store),
    hiddenTargetIds: [],
  });
  return id;
};

export const endLesson = (store: LocalStore, lessonId: string): Promise<void> =>
  patchEntity(store, 'lesson', lessonId, { endedAt: nowIso(store) });

/**
 * Hide or show a target for this lesson. The whole list is one field, so two
 * adults hiding different targets at the same moment keep the later list;
 * only the teacher running the lesson hides targets, so that is acceptable.
 */
export const setTargetHidden = async (
  store: LocalStore,
  lessonId: string,
  targetId: string,
  isHidden: boolean,
): Promise<void> => {
  const lesson = await store.db.records('lesson').get(lessonId);
  const current = lesson?.hiddenTargetIds ?? [];
  const next = isHidden
    ? [...new Set([...current, targetId])]
    : current.filter((hiddenId) => hiddenId !== targetId);
  await patchEntity(store, 'lesson', lessonId, { hiddenTargetIds: next });
};

/** A one-off target for one child, for this lesson only. */
export const addLessonTarget = async (
  store: LocalStore,
  input: { lessonId: string; childId: string; text: string; startDate: string },
): Promise<string> => {
  const id = newId();
  const fields: RecordData<'target'> = {
    childId: input.childId,
    lessonId: input.lessonId,
    level: 'lesson',
    text: input.text,
    startDate: input.startDate,
    isArchived: false,
  };
  await patchEntity(store, 'target', id, fields);
  return id;
};

// ---------------------------------------------------------------- tick corrections

/** The tick to correct or undo, as a screen holds it. */
export type StandingTick = Pick<
  StoredRecord<'tick'>,
  'id' | 'targetId' | 'childId' | 'lessonId' | 'outcome' | 'support' | 'note'
>;

/**
 * Change a tick: a new tick that supersedes the old one, keeping what was
 * not changed. Why a new event and not an edit: ticks are facts; the history
 * must show what was first recorded and what it was changed to.
 */
export const changeTick = (
  store: LocalStore,
  previous: StandingTick,
  change: { outcome?: Outcome; support?: SupportLevel | null; note?: string | null },
): Promise<string> => {
  const support = change.support === null ? undefined : (change.support ?? previous.support);
  const note = change.note === null ? undefined : (change.note ?? previous.note);
  return tickTarget(store, {
    targetId: previous.targetId,
    childId: previous.childId,
    ...(previous.lessonId ? { lessonId: previous.lessonId } : {}),
    outcome: change.outcome ?? previous.outcome,
    ...(support ? { support } : {}),
    ...(note ? { note } : {}),
    supersedesId: previous.id,
  });
};

/** Undo: a tick that withdraws the earlier one, so the history stays true. */
export const withdrawTick = (store: LocalStore, previous: StandingTick): Promise<string> =>
  recordEvent(store, 'tick', {
    targetId: previous.targetId,
    childId: previous.childId,
    ...(previous.lessonId ? { lessonId: previous.lessonId } : {}),
    outcome: previous.outcome,
    supersedesId: previous.id,
    isWithdrawn: true,
    recordedAt: nowIso(store),
  });

// ---------------------------------------------------------------- passport

export const savePassport = async (
  store: LocalStore,
  id: string | undefined,
  childId: string,
  fields: Partial<Omit<Passport, 'childId'>>,
): Promise<string> => {
  const passportId = id ?? newId();
  const existing = id ? await store.db.records('passport').get(id) : undefined;
  const changed = changedFields<Passport>(existing, existing ? fields : { ...fields, childId });
  if (Object.keys(changed).length > 0) await patchEntity(store, 'passport', passportId, changed);
  return passportId;
};

// ---------------------------------------------------------------- reviews

export type ReviewInput = Omit<RecordData<'review'>, 'recordedAt' | 'recordedBy' | 'supersedesId'>;

/**
 * Save a review with its decisions, and move the plan's review date on to
 * the next one so the plan stops being flagged as due.
 */
export const recordReview = async (store: LocalStore, input: ReviewInput): Promise<string> => {
  const errors = checkReviewDates(input);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const id = await recordEvent(store, 'review', { ...input, recordedAt: nowIso(store) });
  if (input.planId && input.nextReviewDate) {
    await patchEntity(store, 'learningPlan', input.planId, { reviewDate: input.nextReviewDate });
  }
  return id;
};
