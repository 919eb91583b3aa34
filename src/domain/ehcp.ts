/**
 * The EHCP year: how an outcome's progress rolls up from the termly steps
 * beneath it, when a child's annual review falls due (with its reminders),
 * and the provision a child received against the provision planned for them
 * (Section F). Pure functions over plain records, shared by the child's
 * page, the printed record, the reviews-due list and the annual review pack.
 *
 * The roll-up rule. Only termly next steps are ticked in lessons; an EHCP
 * outcome or an annual target is never ticked itself. Its progress is:
 * - steps: every termly step beneath it, at any depth (outcome -> annual
 *   target -> termly step), counted once each by its latest review outcome
 *   (latest review date, then the time it was recorded): achieved, partly,
 *   not achieved, carried over, or not reviewed yet. A step a review marked
 *   achieved is archived by that review and still counts: it is the
 *   outcome's progress. A step archived by hand that no review ever named
 *   was dropped, and does not count.
 * - ticks: every standing tick (standing.ts) on those steps, by outcome.
 *   A tick on the outcome or annual target itself (left from before this
 *   rule, or made on another device) is counted too, rather than lost.
 * - judged: the outcome's own latest review outcome, when a review (usually
 *   the annual review) judged the outcome itself.
 * The share of steps achieved is the headline ("2 of 5 steps achieved");
 * the ticks show how the current steps are going between reviews.
 *
 * Annual review due dates. The Code of Practice (2015) asks that an EHC plan
 * is reviewed at least every 12 months, the first within 12 months of the
 * plan being made, and that for a child under five the local authority
 * consider a review every three to six months: here a child under five on
 * the date of the last annual review (or of the plan's start, before the
 * first) is due six months on, everyone else twelve. Reminders come twice:
 * eight weeks before, to ask for the views and advice of the child, the
 * parents, staff and agencies; and two weeks before, the latest a school
 * may send that advice out to everyone invited to the meeting.
 */
import { toDayNumber, type IsoDate, type SchoolCalendar } from './calendar';
import { summariseTicks, type ReviewTargetOutcome, type TickLike, type TickSummary } from './plans';
import { deliveredSessions, plannedSessions, type SessionLog } from './provision';
import type { Intervention, Provision, Review, Target } from './records';
import { standingRecords } from './standing';

// ---------------------------------------------------------------- the roll-up

type TargetLike = Pick<Target, 'level' | 'text'> & {
  id: string;
  parentTargetId?: string;
  isArchived?: boolean;
};
type ReviewLike = Pick<Review, 'date' | 'targetOutcomes' | 'recordedAt'> & {
  id: string;
  supersedesId?: string;
};

export type StepStatus = ReviewTargetOutcome | 'not_reviewed';

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  achieved: 'Achieved',
  partly: 'Partly achieved',
  not_achieved: 'Not achieved',
  carry_over: 'Carried over',
  not_reviewed: 'Not reviewed yet',
};

export type RollUp = {
  /** Termly steps beneath the target, by their latest review outcome. */
  steps: Record<StepStatus, number>;
  stepCount: number;
  /** Standing ticks on those steps (and on the target itself). */
  ticks: TickSummary;
  /** The target's own latest review outcome, when a review judged it. */
  judged?: ReviewTargetOutcome;
};

/** Each target's latest review outcome: by review date, then recording time. */
export const latestReviewOutcomes = (
  reviews: readonly ReviewLike[],
): Map<string, ReviewTargetOutcome> => {
  const sorted = standingRecords(reviews).sort(
    (a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt),
  );
  const latest = new Map<string, ReviewTargetOutcome>();
  for (const review of sorted) {
    for (const { targetId, outcome } of review.targetOutcomes) latest.set(targetId, outcome);
  }
  return latest;
};

/** The targets beneath `rootId`, at any depth, each once (a loop cannot repeat one). */
const descendants = <T extends TargetLike>(rootId: string, targets: readonly T[]): T[] => {
  const byParent = new Map<string, T[]>();
  for (const target of targets) {
    if (!target.parentTargetId) continue;
    byParent.set(target.parentTargetId, [...(byParent.get(target.parentTargetId) ?? []), target]);
  }
  const seen = new Set([rootId]);
  const out: T[] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child);
      queue.push(child.id);
    }
  }
  return out;
};

/**
 * The rolled-up progress of a target (an EHCP outcome or annual target;
 * for a termly step, just its own). `targets` are all the child's targets,
 * archived ones included; `ticks` and `reviews` the child's, corrections
 * included (resolved here).
 */
export const rollUp = (
  target: TargetLike,
  targets: readonly TargetLike[],
  ticks: readonly TickLike[],
  reviews: readonly ReviewLike[],
): RollUp => {
  const outcomes = latestReviewOutcomes(reviews);
  const below =
    (target.level ?? 'termly') === 'termly'
      ? [target]
      : descendants(target.id, targets).filter((row) => (row.level ?? 'termly') === 'termly');
  const steps = below.filter((row) => !row.isArchived || outcomes.has(row.id));
  const counted: Record<StepStatus, number> = {
    achieved: 0,
    partly: 0,
    not_achieved: 0,
    carry_over: 0,
    not_reviewed: 0,
  };
  for (const step of steps) counted[outcomes.get(step.id) ?? 'not_reviewed'] += 1;
  const tickedIds = new Set([target.id, ...steps.map((step) => step.id)]);
  const judged = target.level === 'termly' ? undefined : outcomes.get(target.id);
  return {
    steps: counted,
    stepCount: steps.length,
    ticks: summariseTicks(ticks.filter((tick) => tickedIds.has(tick.targetId))),
    ...(judged ? { judged } : {}),
  };
};

/** "2 of 5 steps achieved", "No termly steps yet". */
export const rollUpHeadline = (rolled: RollUp): string =>
  rolled.stepCount === 0
    ? 'No termly steps yet'
    : `${rolled.steps.achieved} of ${rolled.stepCount} step${rolled.stepCount === 1 ? '' : 's'} achieved`;

/** "4 achieved, 2 partly, 1 not yet, 0 absent" */
export const tickCountsInWords = (ticks: TickSummary): string =>
  `${ticks.counts.achieved} achieved, ${ticks.counts.partly} partly, ${ticks.counts.not_yet} not yet, ${ticks.counts.absent} absent`;

// ---------------------------------------------------------------- annual review due dates

/**
 * `date` plus whole calendar months; a day the month lacks falls to its
 * last day (31 August + 6 months is 28 or 29 February).
 */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12;
  const lastDay = new Date(Date.UTC(toYear, toMonth + 1, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(toYear, 4)}-${pad(toMonth + 1)}-${pad(Math.min(day, lastDay))}`;
};

/** Whole years of age on `on`. */
export const ageOn = (dateOfBirth: IsoDate, on: IsoDate): number => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

export const ANNUAL_REVIEW_FIRST_REMINDER_DAYS = 56;
export const ANNUAL_REVIEW_PACK_DAYS = 14;

export type AnnualReviewDue = {
  due: IsoDate;
  /** The date it runs from: the last annual review, or the plan's start. */
  from: IsoDate;
  isFirst: boolean;
  months: 6 | 12;
  /** Days from today to the due date; negative when overdue. */
  daysLeft: number;
  /**
   * `later`: nothing to do yet; `gather`: ask for views and advice (eight
   * weeks); `send`: send the pack out (two weeks); `overdue`.
   */
  stage: 'later' | 'gather' | 'send' | 'overdue';
};

/**
 * When a child's next annual review falls due. `lastAnnualReview` is the
 * date of the last review recorded as the annual review; before the first,
 * `planStart` (the start of the plan that holds the EHCP outcomes).
 * Undefined when there is neither: no EHC plan on record to review.
 */
export const annualReviewDue = (input: {
  dateOfBirth?: IsoDate;
  lastAnnualReview?: IsoDate;
  planStart?: IsoDate;
  today: IsoDate;
}): AnnualReviewDue | undefined => {
  const from = input.lastAnnualReview ?? input.planStart;
  if (!from) return undefined;
  const months = input.dateOfBirth && ageOn(input.dateOfBirth, from) < 5 ? 6 : 12;
  const due = addMonths(from, months);
  const daysLeft = toDayNumber(due) - toDayNumber(input.today);
  const stage =
    daysLeft < 0
      ? 'overdue'
      : daysLeft <= ANNUAL_REVIEW_PACK_DAYS
        ? 'send'
        : daysLeft <= ANNUAL_REVIEW_FIRST_REMINDER_DAYS
          ? 'gather'
          : 'later';
  return { due, from, isFirst: !input.lastAnnualReview, months, daysLeft, stage };
};

/** The reminder a stage asks for, in the words of the reviews-due list. */
export const ANNUAL_REVIEW_STAGE_WORDS: Record<AnnualReviewDue['stage'], string> = {
  later: 'Not due yet.',
  gather: 'Ask the child, the parents, staff and agencies for their views and advice.',
  send: 'Send the annual review pack to everyone invited, at least two weeks before the meeting.',
  overdue: 'Overdue: the plan must be reviewed at least every year.',
};

/** Due within eight weeks, or overdue: shown in the reviews-due list. */
export const isAnnualReviewReminderDue = (due: AnnualReviewDue): boolean => due.stage !== 'later';

// ---------------------------------------------------------------- provision against the plan

export type ProvisionLine = {
  interventionId: string;
  groupName: string;
  provisionName: string;
  /** "3 × 30 minutes a week" */
  planned: string;
  plannedSessions: number;
  plannedMinutes: number;
  /** Sessions the child was present at, and their minutes. */
  attended: number;
  attendedMinutes: number;
  /** Sessions logged with the child absent. */
  missed: number;
};

/**
 * For each group the child belongs to (the provision planned for them, as
 * the plan's Section F would list it): the sessions and minutes planned
 * between `from` and the moment now (school days only, and only slots whose
 * time has come), against the sessions the child was present at.
 */
export const provisionAgainstPlan = (input: {
  childId: string;
  interventions: readonly (Pick<
    Intervention,
    'provisionId' | 'name' | 'childIds' | 'schedule' | 'sessionMinutes' | 'startDate' | 'endDate'
  > & { id: string; isArchived?: boolean })[];
  provisions: readonly (Pick<Provision, 'name'> & { id: string })[];
  sessions: readonly SessionLog[];
  calendar: SchoolCalendar;
  from: IsoDate;
  now: { date: IsoDate; time: string };
}): ProvisionLine[] => {
  const provisionName = new Map(input.provisions.map((row) => [row.id, row.name]));
  const mine = input.interventions.filter(
    (group) =>
      group.childIds.includes(input.childId) ||
      input.sessions.some(
        (session) =>
          session.interventionId === group.id &&
          session.attendance.some((mark) => mark.childId === input.childId),
      ),
  );
  return mine
    .map((group) => {
      const planned = plannedSessions(
        group,
        input.calendar,
        { from: input.from, to: input.now.date },
        input.now,
      );
      const delivered = deliveredSessions(input.sessions, {
        interventionId: group.id,
        from: input.from,
        to: input.now.date,
      });
      let attended = 0;
      let attendedMinutes = 0;
      let missed = 0;
      for (const session of delivered) {
        const mark = session.attendance.find((entry) => entry.childId === input.childId);
        if (!mark) continue;
        if (mark.isPresent) {
          attended += 1;
          attendedMinutes += session.minutes;
        } else missed += 1;
      }
      const perWeek = group.schedule.length;
      return {
        interventionId: group.id,
        groupName: group.name,
        provisionName: provisionName.get(group.provisionId) ?? 'Provision',
        planned: `${perWeek} × ${group.sessionMinutes} minutes a week`,
        plannedSessions: planned.length,
        plannedMinutes: planned.length * group.sessionMinutes,
        attended,
        attendedMinutes,
        missed,
      };
    })
    .filter((line) => line.plannedSessions > 0 || line.attended > 0 || line.missed > 0)
    .sort((a, b) => a.provisionName.localeCompare(b.provisionName));
};

/**
 * A child's annual review, from their records: the last review recorded as
 * the annual review (corrections resolved), and before the first, the start
 * of the earliest live plan holding an EHCP outcome. Only for a child with
 * an EHCP or with EHCP outcomes on a plan; undefined otherwise.
 */
export const childAnnualReview = (input: {
  child: { id: string; senStatus?: string; dateOfBirth?: IsoDate };
  plans: readonly { id: string; childId: string; startDate: IsoDate; isArchived?: boolean }[];
  targets: readonly {
    childId: string;
    planId?: string;
    level?: string;
    isArchived?: boolean;
  }[];
  reviews: readonly (ReviewLike & { childId: string; isAnnualReview?: boolean })[];
  today: IsoDate;
}): AnnualReviewDue | undefined => {
  const { child } = input;
  const outcomePlanIds = new Set(
    input.targets
      .filter((row) => row.childId === child.id && row.level === 'ehcp_outcome' && row.planId)
      .map((row) => row.planId!),
  );
  const ehcpPlans = input.plans.filter(
    (plan) => plan.childId === child.id && !plan.isArchived && outcomePlanIds.has(plan.id),
  );
  if (child.senStatus !== 'ehcp' && ehcpPlans.length === 0) return undefined;
  const lastAnnualReview = standingRecords(
    input.reviews.filter((review) => review.childId === child.id),
  )
    .filter((review) => review.isAnnualReview)
    .map((review) => review.date)
    .sort()
    .at(-1);
  const planStart = ehcpPlans.map((plan) => plan.startDate).sort()[0];
  return annualReviewDue({
    ...(child.dateOfBirth ? { dateOfBirth: child.dateOfBirth } : {}),
    ...(lastAnnualReview ? { lastAnnualReview } : {}),
    ...(planStart ? { planStart } : {}),
    today: input.today,
  });
};
