/**
 * Read models for the teacher's loop: the classes a person works with, the
 * lesson (today's targets per focus child with everyone's ticks), the
 * child's page (targets with their recent run, passport, plan tree,
 * history), the review of a plan, and the reviews due soon. Plain async
 * functions; the UI turns them into live queries with `watch()`.
 */
import {
  buildTargetTree,
  childAnnualReview,
  isAnnualReviewReminderDue,
  type AnnualReviewDue,
  byRecordedAt,
  childName,
  correctionStatuses,
  isOnRoll,
  isReviewDue,
  localDate,
  rollUp,
  standingRecords,
  suggestReviewOutcome,
  summariseTicks,
  type Outcome,
  type ReviewTargetOutcome,
  type Role,
  type RollUp,
  type SchoolCalendar,
  type StoredRecord,
  type SupportLevel,
  type TickSummary,
  type TreeNode,
} from '../domain';
import type { StoredRow } from './db';
import type { LocalStore } from './local-store';
import { isCurrent, isLive, schoolCalendar, waitingIds } from './rows';

type Staff = { id: string; role: Role };

export type LessonTick = {
  id: string;
  targetId: string;
  childId: string;
  lessonId?: string;
  outcome: Outcome;
  support?: SupportLevel;
  note?: string;
  recordedAt: string;
  recordedBy?: string;
  supersedesId?: string;
  isWithdrawn?: boolean;
  isWaiting: boolean;
  rejectedReason?: string;
  staffName?: string;
};

const staffNames = async (store: LocalStore): Promise<Map<string, string>> =>
  new Map((await store.db.records('staff').toArray()).map((row) => [row.id, row.name]));

const toLessonTick = (
  row: StoredRow<'tick'>,
  waiting: Set<string>,
  names: Map<string, string>,
): LessonTick => ({
  id: row.id,
  targetId: row.targetId,
  childId: row.childId,
  lessonId: row.lessonId,
  outcome: row.outcome,
  support: row.support,
  note: row.note,
  recordedAt: row.recordedAt,
  recordedBy: row.recordedBy,
  supersedesId: row.supersedesId,
  isWithdrawn: row.isWithdrawn,
  isWaiting: waiting.has(row.id),
  rejectedReason: row._rejected?.message,
  staffName: row.recordedBy === undefined ? undefined : names.get(row.recordedBy),
});

const byChildName = (a: { child: StoredRecord<'child'> }, b: { child: StoredRecord<'child'> }) =>
  childName(a.child).localeCompare(childName(b.child));

// ---------------------------------------------------------------- classes

export type ClassSummary = { id: string; name: string; focusCount: number };

/** A teacher's classes, a TA's supported classes, or (SENCo) every class. */
export const classesFor = async (store: LocalStore, staff: Staff): Promise<ClassSummary[]> => {
  const { db } = store;
  const [classes, focusRows] = await Promise.all([
    db.records('class').toArray(),
    db.records('focusChild').toArray(),
  ]);
  const mine = classes.filter(isLive).filter((row) => {
    if (staff.role === 'teacher') return (row.teacherIds ?? []).includes(staff.id);
    if (staff.role === 'ta') return (row.taIds ?? []).includes(staff.id);
    return true;
  });
  return mine
    .map((row) => ({
      id: row.id,
      name: row.name,
      focusCount: new Set(
        focusRows
          .filter((focus) => isCurrent(focus) && focus.classId === row.id)
          .map((focus) => focus.childId),
      ).size,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

// ---------------------------------------------------------------- focus children of a class

export type ClassFocusView = {
  classId: string;
  className: string;
  focus: { focus: StoredRecord<'focusChild'>; child: StoredRecord<'child'>; staffName?: string }[];
  /** Children of the class who are not focus children yet. */
  others: StoredRecord<'child'>[];
  calendar: SchoolCalendar;
};

export const classFocusView = async (
  store: LocalStore,
  classId: string,
): Promise<ClassFocusView | undefined> => {
  const { db } = store;
  const schoolClass = await db.records('class').get(classId);
  if (!isLive(schoolClass)) return undefined;
  const [focusRows, children, names, calendar] = await Promise.all([
    db.records('focusChild').where('classId').equals(classId).toArray(),
    db.records('child').where('classId').equals(classId).toArray(),
    staffNames(store),
    schoolCalendar(store),
  ]);
  const today = localDate(new Date(store.now()));
  const liveChildren = children.filter((row) => isLive(row) && isOnRoll(row, today));
  const byId = new Map(liveChildren.map((row) => [row.id, row]));
  const focus = focusRows
    .filter((row) => isCurrent(row) && byId.has(row.childId))
    .map((row) => ({
      focus: row,
      child: byId.get(row.childId)!,
      staffName: names.get(row.staffId),
    }))
    .sort(byChildName);
  const focusIds = new Set(focus.map((entry) => entry.child.id));
  return {
    classId,
    className: schoolClass.name,
    focus,
    others: liveChildren
      .filter((row) => !focusIds.has(row.id))
      .sort((a, b) => childName(a).localeCompare(childName(b))),
    calendar,
  };
};

// ---------------------------------------------------------------- lessons

export type LessonSummary = StoredRecord<'lesson'> & { className: string };

/** This person's lessons started since `since` and not yet ended. */
export const openLessons = async (
  store: LocalStore,
  staffId: string,
  since: string,
): Promise<LessonSummary[]> => {
  const { db } = store;
  const rows = (await db.records('lesson').where('staffId').equals(staffId).toArray()).filter(
    (row) => isLive(row) && !row.endedAt && row.startedAt >= since,
  );
  const classes = new Map((await db.records('class').toArray()).map((row) => [row.id, row]));
  return rows
    .map((row) => ({ ...row, className: classes.get(row.classId)?.name ?? 'a class' }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
};

export type LessonTargetView = {
  target: StoredRecord<'target'>;
  /** This person's standing tick, if any. */
  mine?: LessonTick;
  /** Standing ticks by other adults in this lesson (e.g. a TA on another tablet). */
  others: LessonTick[];
};

export type LessonChildView = {
  child: StoredRecord<'child'>;
  focusReason: string;
  targets: LessonTargetView[];
  hidden: StoredRecord<'target'>[];
};

export type LessonView = {
  lesson: StoredRecord<'lesson'>;
  className: string;
  children: LessonChildView[];
  /** Every child in the class, for a one-off target. */
  classChildren: { id: string; name: string }[];
};

/** Termly next steps are ticked in lessons; EHCP outcomes and annual targets are long-range. */
const isLessonTarget = (row: StoredRow<'target'>, lessonId: string): boolean =>
  isCurrent(row) &&
  (row.lessonId ? row.lessonId === lessonId : (row.level ?? 'termly') === 'termly');

/**
 * The lesson: each focus child of the class with today's targets (their
 * termly targets plus one-offs for this lesson, minus hidden ones), plus any
 * other child given a one-off target. Ticks count when made for this lesson
 * or during it, by anyone: a TA's ticks from another tablet appear here
 * once they have synced.
 */
export const lessonView = async (
  store: LocalStore,
  lessonId: string,
  me: string,
): Promise<LessonView | undefined> => {
  const { db } = store;
  const lessonRow = await db.records('lesson').get(lessonId);
  if (!isLive(lessonRow)) return undefined;
  const lesson = lessonRow;
  const [schoolClass, focusRows, classChildren, lessonTargets] = await Promise.all([
    db.records('class').get(lesson.classId),
    db.records('focusChild').where('classId').equals(lesson.classId).toArray(),
    db.records('child').where('classId').equals(lesson.classId).toArray(),
    db.records('target').where('lessonId').equals(lessonId).toArray(),
  ]);
  const focusByChild = new Map<string, StoredRow<'focusChild'>>();
  for (const row of focusRows) {
    if (isCurrent(row) && !focusByChild.has(row.childId)) focusByChild.set(row.childId, row);
  }
  const childIds = [
    ...new Set([...focusByChild.keys(), ...lessonTargets.filter(isLive).map((row) => row.childId)]),
  ];
  const [children, targets, waiting, names] = await Promise.all([
    db.records('child').bulkGet(childIds),
    db.records('target').where('childId').anyOf(childIds).toArray(),
    waitingIds(store),
    staffNames(store),
  ]);
  const shown = targets.filter((row) => isLessonTarget(row, lessonId));
  const tickRows = await db
    .records('tick')
    .where('targetId')
    .anyOf(shown.map((row) => row.id))
    .toArray();
  const endedAt = lesson.endedAt;
  // Which version stands is decided over every tick of the targets, and only
  // then is the standing one asked whether it belongs to this lesson: a
  // correction must find the tick it corrects, wherever that was made.
  const standing = standingRecords(tickRows.map((row) => toLessonTick(row, waiting, names)))
    .sort(byRecordedAt)
    .filter(
      (tick) =>
        tick.lessonId === lessonId ||
        (!tick.lessonId &&
          tick.recordedAt >= lesson.startedAt &&
          (!endedAt || tick.recordedAt <= endedAt)),
    );
  const hiddenIds = new Set(lesson.hiddenTargetIds ?? []);

  const childViews: LessonChildView[] = [];
  for (const childRow of children) {
    if (!isLive(childRow)) continue;
    const own = shown
      .filter((row) => row.childId === childRow.id)
      .sort((a, b) =>
        // Standing targets first in a stable order, one-offs after them.
        a.lessonId === b.lessonId ? a.text.localeCompare(b.text) : a.lessonId ? 1 : -1,
      );
    childViews.push({
      child: childRow,
      focusReason: focusByChild.get(childRow.id)?.reason ?? 'One-off target',
      targets: own
        .filter((row) => !hiddenIds.has(row.id))
        .map((row) => {
          const ticks = standing.filter((tick) => tick.targetId === row.id);
          // A tick still waiting on this device has no author yet: it is ours.
          const mine = ticks.filter((tick) => (tick.recordedBy ?? me) === me).at(-1);
          return {
            target: row,
            ...(mine ? { mine } : {}),
            others: ticks.filter((tick) => (tick.recordedBy ?? me) !== me),
          };
        }),
      hidden: own.filter((row) => hiddenIds.has(row.id)),
    });
  }
  childViews.sort(byChildName);
  const today = localDate(new Date(store.now()));
  return {
    lesson,
    className: schoolClass?.name ?? 'Class',
    children: childViews,
    classChildren: classChildren
      .filter((row) => isLive(row) && isOnRoll(row, today))
      .map((row) => ({ id: row.id, name: childName(row) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
};

// ---------------------------------------------------------------- the child's page

export type ChildTargetView = StoredRecord<'target'> & {
  summary: TickSummary;
  /** The last standing ticks, oldest first: the compact run. */
  recent: LessonTick[];
  /** An EHCP outcome's or annual target's progress, rolled up from its termly steps (ehcp.ts). */
  rolled?: RollUp;
};

export type PlanView = {
  plan: StoredRecord<'learningPlan'>;
  tree: TreeNode<ChildTargetView>[];
  isReviewDue: boolean;
};

export type HistoryItem =
  | {
      kind: 'tick';
      at: string;
      tick: LessonTick;
      targetText: string;
      /** Superseded by a later correction, or itself an undo. */
      status: 'standing' | 'changed' | 'withdrawn' | 'undo';
    }
  | { kind: 'review'; at: string; review: StoredRecord<'review'>; staffName?: string };

export type ChildPage = {
  child: StoredRecord<'child'>;
  className?: string;
  focus: StoredRecord<'focusChild'>[];
  activeTargets: ChildTargetView[];
  plans: PlanView[];
  /** Targets with no plan (other than one-off lesson targets). */
  unplanned: TreeNode<ChildTargetView>[];
  passport?: StoredRecord<'passport'>;
  history: HistoryItem[];
  calendar: SchoolCalendar;
};

export const RECENT_RUN_LENGTH = 10;

export const childPage = async (
  store: LocalStore,
  childId: string,
  today: string,
): Promise<ChildPage | undefined> => {
  const { db } = store;
  const childRow = await db.records('child').get(childId);
  if (!isLive(childRow)) return undefined;
  const [focusRows, plans, targets, tickRows, passports, reviews, waiting, names, calendar] =
    await Promise.all([
      db.records('focusChild').where('childId').equals(childId).toArray(),
      db.records('learningPlan').where('childId').equals(childId).toArray(),
      db.records('target').where('childId').equals(childId).toArray(),
      db.records('tick').where('childId').equals(childId).toArray(),
      db.records('passport').where('childId').equals(childId).toArray(),
      db.records('review').where('childId').equals(childId).toArray(),
      waitingIds(store),
      staffNames(store),
      schoolCalendar(store),
    ]);
  const className = childRow.classId
    ? (await db.records('class').get(childRow.classId))?.name
    : undefined;
  const ticks = tickRows.map((row) => toLessonTick(row, waiting, names));
  const standing = standingRecords(ticks).sort(byRecordedAt);
  const liveTargets = targets.filter(isCurrent);
  const allTargets = targets.filter(isLive);
  const liveReviews = reviews.filter(isLive);
  const views: ChildTargetView[] = liveTargets.map((row) => {
    const own = ticks.filter((tick) => tick.targetId === row.id);
    return {
      ...row,
      summary: summariseTicks(own),
      recent: standing.filter((tick) => tick.targetId === row.id).slice(-RECENT_RUN_LENGTH),
      // Archived steps count too: a review archives the steps it marks achieved.
      ...((row.level ?? 'termly') === 'termly' || row.lessonId
        ? {}
        : { rolled: rollUp(row, allTargets, ticks, liveReviews) }),
    };
  });
  const byText = (a: ChildTargetView, b: ChildTargetView) => a.text.localeCompare(b.text);
  const livePlans = plans.filter(isCurrent).sort((a, b) => b.startDate.localeCompare(a.startDate));
  const planIds = new Set(livePlans.map((plan) => plan.id));

  const statuses = correctionStatuses(ticks);
  const targetText = new Map(targets.map((row) => [row.id, row.text]));
  const history: HistoryItem[] = [
    ...ticks.map((tick): HistoryItem => ({
      kind: 'tick',
      at: tick.recordedAt,
      tick,
      targetText: targetText.get(tick.targetId) ?? 'A target no longer on this device',
      status: statuses.get(tick.id) ?? 'standing',
    })),
    ...reviews.filter(isLive).map((review): HistoryItem => ({
      kind: 'review',
      at: review.recordedAt,
      review,
      ...(review.recordedBy && names.has(review.recordedBy)
        ? { staffName: names.get(review.recordedBy) }
        : {}),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return {
    child: childRow,
    className,
    focus: focusRows.filter(isCurrent),
    activeTargets: views.filter((view) => !view.lessonId && view.level === 'termly').sort(byText),
    plans: livePlans.map((plan) => ({
      plan,
      tree: buildTargetTree(
        views.filter((view) => view.planId === plan.id && !view.lessonId).sort(byText),
      ),
      isReviewDue: isReviewDue(plan.reviewDate, today),
    })),
    unplanned: buildTargetTree(
      views
        .filter((view) => !view.lessonId && (!view.planId || !planIds.has(view.planId)))
        .sort(byText),
    ),
    passport: passports.find(isLive),
    history,
    calendar,
  };
};

// ---------------------------------------------------------------- review

export type ReviewTargetView = {
  target: StoredRecord<'target'>;
  summary: TickSummary;
  suggestion: ReviewTargetOutcome;
};

export type ReviewView = {
  plan: StoredRecord<'learningPlan'>;
  child: StoredRecord<'child'>;
  targets: ReviewTargetView[];
  previous: StoredRecord<'review'>[];
  calendar: SchoolCalendar;
};

/** Per target of the plan: its ticks since the target started, and a suggested outcome. */
export const reviewView = async (
  store: LocalStore,
  planId: string,
): Promise<ReviewView | undefined> => {
  const { db } = store;
  const planRow = await db.records('learningPlan').get(planId);
  if (!isLive(planRow)) return undefined;
  const plan = planRow;
  const [childRow, targets, reviews, calendar] = await Promise.all([
    db.records('child').get(plan.childId),
    db.records('target').where('planId').equals(planId).toArray(),
    db.records('review').where('childId').equals(plan.childId).toArray(),
    schoolCalendar(store),
  ]);
  if (!isLive(childRow)) return undefined;
  const live = targets.filter((row) => isCurrent(row) && !row.lessonId);
  const tickRows = await db
    .records('tick')
    .where('targetId')
    .anyOf(live.map((row) => row.id))
    .toArray();
  const waiting = new Set<string>();
  const names = new Map<string, string>();
  return {
    plan,
    child: childRow,
    targets: live
      .map((row) => {
        const since = row.startDate;
        // Standing first, then the date: a correction finds its tick wherever it is.
        const summary = summariseTicks(
          standingRecords(
            tickRows
              .filter((tick) => tick.targetId === row.id)
              .map((tick) => toLessonTick(tick, waiting, names)),
          ).filter((tick) => tick.recordedAt >= since),
        );
        return { target: row, summary, suggestion: suggestReviewOutcome(summary) };
      })
      .sort((a, b) => a.target.text.localeCompare(b.target.text)),
    previous: reviews
      .filter((row) => isLive(row) && row.planId === planId)
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)),
    calendar,
  };
};

export type ReviewDue = { plan: StoredRecord<'learningPlan'>; childName: string };

/** Learning plans of the children this person watches whose review is due in two weeks. */
export const reviewsDue = async (
  store: LocalStore,
  staff: Staff,
  today: string,
): Promise<ReviewDue[]> => {
  const { db } = store;
  const classIds = new Set((await classesFor(store, staff)).map((row) => row.id));
  const focusRows = (await db.records('focusChild').toArray()).filter(
    (row) =>
      isCurrent(row) &&
      (staff.role === 'teacher'
        ? row.staffId === staff.id || classIds.has(row.classId)
        : staff.role === 'ta'
          ? classIds.has(row.classId)
          : true),
  );
  const childIds = [...new Set(focusRows.map((row) => row.childId))];
  const [plans, children] = await Promise.all([
    db.records('learningPlan').where('childId').anyOf(childIds).toArray(),
    db.records('child').bulkGet(childIds),
  ]);
  const names = new Map(children.filter(isLive).map((row) => [row.id, childName(row)]));
  return plans
    .filter((row) => isCurrent(row) && isReviewDue(row.reviewDate, today))
    .map((row) => ({ plan: row, childName: names.get(row.childId) ?? 'Unknown child' }))
    .sort((a, b) => a.plan.reviewDate.localeCompare(b.plan.reviewDate));
};

export type AnnualReviewReminder = { childId: string; childName: string; due: AnnualReviewDue };

/**
 * EHC plans whose annual review is within eight weeks or overdue (ehcp.ts),
 * for the children this person works with: the SENCo's and an admin's whole
 * school, a teacher's or TA's classes and focus children.
 */
export const annualReviewsDue = async (
  store: LocalStore,
  staff: Staff,
  today: string,
): Promise<AnnualReviewReminder[]> => {
  const { db } = store;
  const everyone = staff.role === 'senco' || staff.role === 'admin';
  const classIds = new Set((await classesFor(store, staff)).map((row) => row.id));
  const focusIds = new Set(
    (await db.records('focusChild').toArray())
      .filter((row) => isCurrent(row) && row.staffId === staff.id)
      .map((row) => row.childId),
  );
  const children = (await db.records('child').toArray()).filter(
    (row) =>
      isLive(row) &&
      isOnRoll(row, today) &&
      (everyone || (row.classId && classIds.has(row.classId)) || focusIds.has(row.id)),
  );
  if (children.length === 0) return [];
  const ids = children.map((row) => row.id);
  const [plans, targets, reviews] = await Promise.all([
    db.records('learningPlan').where('childId').anyOf(ids).toArray(),
    db.records('target').where('childId').anyOf(ids).toArray(),
    db.records('review').where('childId').anyOf(ids).toArray(),
  ]);
  const live = { plans: plans.filter(isLive), targets: targets.filter(isLive) };
  const liveReviews = reviews.filter(isLive);
  return children
    .flatMap((child) => {
      const due = childAnnualReview({ child, ...live, reviews: liveReviews, today });
      return due && isAnnualReviewReminderDue(due)
        ? [{ childId: child.id, childName: childName(child), due }]
        : [];
    })
    .sort((a, b) => a.due.due.localeCompare(b.due.due));
};
