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
  localDate,
  newId,
  senRegisterHistory,
  senStatusAfterReview,
  senStatusStaysBecause,
  type SenStatus,
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
import { isLive } from './rows';
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

export type ReviewInput = Omit<
  RecordData<'review'>,
  'recordedAt' | 'recordedBy' | 'supersedesId' | 'senStatusFrom' | 'senStatusTo'
>;

export type ReviewOptions = {
  /**
   * The reviewer sets SEN status (the SENCo or an admin): a step up or down
   * moves the child's status with the review. Otherwise (a teacher) the step
   * is recorded on the review and waits for the SENCo to confirm, because
   * the register is the SENCo's (and the server refuses a teacher's write
   * to a child record).
   */
  setsSenStatus: boolean;
  /**
   * Who is reviewing: their own focus entries for the child run on to the
   * next review (a teacher manages only her own focus list; the SENCo, who
   * sets SEN status, may move everyone's).
   */
  reviewerId?: string;
};

/**
 * Save a review with its decisions; move the plan's review date on to the
 * next one so the plan stops being flagged as due; and, for a step up or
 * down, record the status it moves the child from and to, and move it when
 * the reviewer may. All in ONE transaction: a review that stepped a child up
 * with their status left behind would say one thing and show another.
 */
export const recordReview = async (
  store: LocalStore,
  input: ReviewInput,
  options: ReviewOptions = { setsSenStatus: false },
): Promise<string> => {
  const errors = checkReviewDates(input);
  if (input.decisions.includes('step_up') && input.decisions.includes('step_down')) {
    errors.decisions = senStatusStaysBecause('none', input.decisions) ?? 'Choose one step.';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const { db } = store;
  let id = '';
  await db.transaction(
    'rw',
    [
      db.records('review'),
      db.records('learningPlan'),
      db.records('child'),
      db.records('focusChild'),
      db.records('target'),
      db.records('senRegisterEntry'),
      db.outbox,
      db.meta,
    ],
    async () => {
      // Read inside the transaction: the step is from the status as it is now.
      const child = await db.records('child').get(input.childId);
      const current: SenStatus = child?.senStatus ?? 'none';
      const to = senStatusAfterReview(current, input.decisions);
      id = await recordEvent(store, 'review', {
        ...input,
        ...(to ? { senStatusFrom: current, senStatusTo: to } : {}),
        recordedAt: nowIso(store),
      });
      if (input.planId && input.nextReviewDate) {
        await patchEntity(store, 'learningPlan', input.planId, {
          reviewDate: input.nextReviewDate,
        });
      }
      // What the outcomes do to the targets: an achieved target is met, so
      // it closes and is no longer offered in lessons; one carried over stays
      // on the plan and is counted afresh from this review, so the next
      // review judges the next term's ticks. Partly or not achieved stay as
      // they are, for the reviewer to rewrite or keep.
      for (const { targetId, outcome } of input.targetOutcomes) {
        const target = await db.records('target').get(targetId);
        if (!isLive(target) || target.childId !== input.childId || target.isArchived) continue;
        if (outcome === 'achieved') {
          await patchEntity(store, 'target', targetId, { isArchived: true });
        } else if (outcome === 'carry_over' && target.startDate < input.date) {
          await patchEntity(store, 'target', targetId, { startDate: input.date });
        }
      }
      if (to && options.setsSenStatus) {
        await patchEntity(
          store,
          'child',
          input.childId,
          { senStatus: to, senStatusConfirmedOn: input.date },
          { source: 'review', date: input.date, reviewId: id },
        );
      }
      // A focus child stays a focus child until the review after this one:
      // ending the focus the week after a review would drop them from the
      // lesson screen before their new targets had a lesson.
      if (input.nextReviewDate) {
        const focus = await db
          .records('focusChild')
          .where('childId')
          .equals(input.childId)
          .toArray();
        for (const entry of focus) {
          if (!isLive(entry)) continue;
          if (!options.setsSenStatus && entry.staffId !== options.reviewerId) continue;
          if (entry.until >= input.nextReviewDate) continue;
          await patchEntity(store, 'focusChild', entry.id, { until: input.nextReviewDate });
        }
      }
    },
  );
  return id;
};

/**
 * The SENCo's answer to a step a teacher recorded at a review: move the
 * child's status as the review asked (`to`), or keep it (`to` the status it
 * has). Either way the step is settled, and stops asking.
 */
export const settleSenStatusStep = (
  store: LocalStore,
  childId: string,
  to: SenStatus,
  on: string,
  reviewId?: string,
): Promise<void> =>
  patchEntity(
    store,
    'child',
    childId,
    { senStatus: to, senStatusConfirmedOn: on },
    { source: 'review', date: on, ...(reviewId ? { reviewId } : {}) },
  );

// ---------------------------------------------------------------- the SEN register

/**
 * The SENCo sets a child's SEN status by hand, from a given day: the child
 * moves, and the register history gains a dated line (written with the
 * child, see `patchEntity`).
 */
export const changeSenStatus = async (
  store: LocalStore,
  childId: string,
  to: SenStatus,
  on: string,
): Promise<void> => {
  const child = await store.db.records('child').get(childId);
  if (!isLive(child)) throw new ValidationError({ _: 'This child is not on this device.' });
  if (child.senStatus === to)
    throw new ValidationError({ status: 'The child already has this status.' });
  await patchEntity(
    store,
    'child',
    childId,
    { senStatus: to, senStatusConfirmedOn: on },
    { source: 'edit', date: on },
  );
};

/**
 * The SENCo corrects a line of a child's register history (its date or its
 * status). The correction is a new entry naming the one it corrects, so the
 * line as first written, and who corrected it when, are kept. When the
 * corrected line is the child's latest, the child's status follows it, in
 * the same transaction (and with no second line: the correction is the line).
 */
export const correctSenRegisterEntry = async (
  store: LocalStore,
  entryId: string,
  fix: { status: SenStatus; date: string },
): Promise<string> => {
  const { db } = store;
  let id = '';
  await db.transaction(
    'rw',
    [db.records('senRegisterEntry'), db.records('child'), db.outbox, db.meta],
    async () => {
      const entry = await db.records('senRegisterEntry').get(entryId);
      if (!entry)
        throw new ValidationError({ _: 'This line of the history is not on this device.' });
      if (entry.status === fix.status && entry.date === fix.date) {
        throw new ValidationError({
          _: 'Nothing to correct: the date and the status are as they were.',
        });
      }
      const child = await db.records('child').get(entry.childId);
      if (child?.dateOfBirth && fix.date < child.dateOfBirth) {
        throw new ValidationError({ date: "The date is before the child's date of birth." });
      }
      if (fix.date > localDate(new Date(store.now()))) {
        throw new ValidationError({ date: 'The date is in the future.' });
      }
      const { id: _id, supersedesId: _s, recordedBy: _r, ...kept } = entry;
      id = await recordEvent(store, 'senRegisterEntry', {
        ...kept,
        status: fix.status,
        date: fix.date,
        supersedesId: entry.id,
        recordedAt: nowIso(store),
      });
      const all = await db
        .records('senRegisterEntry')
        .where('childId')
        .equals(entry.childId)
        .toArray();
      const history = senRegisterHistory(entry.childId, all);
      const latest = history.at(-1);
      if (latest?.entryId === id && child && child.senStatus !== fix.status) {
        await patchEntity(store, 'child', entry.childId, { senStatus: fix.status }, false);
      }
    },
  );
  return id;
};
