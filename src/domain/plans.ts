/**
 * The maths of Assess-Plan-Do-Review: a target's run of outcomes (from the
 * ticks that stand, by the one rule in standing.ts), the outcome a review
 * suggests, the plan tree (EHCP outcome -> annual target -> termly next
 * step), when a review is due, and the cross-field checks a single field's
 * schema cannot make (a review date before a start date).
 *
 * Pure functions over plain records, shared by the device's read models and
 * the tests.
 */
import { addDays, toDayNumber, type IsoDate } from './calendar';
import type { Outcome, REVIEW_DECISIONS, SenStatus, SupportLevel } from './records';
import type { REVIEW_TARGET_OUTCOMES } from './records';
import { byRecordedAt, standingRecords } from './standing';

export type ReviewTargetOutcome = (typeof REVIEW_TARGET_OUTCOMES)[number];
export const REVIEW_TARGET_OUTCOME_LABELS: Record<ReviewTargetOutcome, string> = {
  achieved: 'Achieved',
  partly: 'Partly achieved',
  not_achieved: 'Not achieved',
  carry_over: 'Carry over',
};

export const REVIEW_DECISION_LABELS = {
  continue: 'Continue',
  new_targets: 'New targets',
  step_up: 'Step up support',
  step_down: 'Step down support',
  seek_outside_advice: 'Seek outside advice',
} as const;

export const SUPPORT_LABELS: Record<SupportLevel, string> = {
  independent: 'Independent',
  prompted: 'Prompted',
  supported: 'Supported',
};

export const TARGET_LEVEL_LABELS = {
  ehcp_outcome: 'EHCP outcome',
  annual: 'Annual target',
  termly: 'Termly next step',
  lesson: 'This lesson only',
} as const;

/** The least a tick needs for these calculations. */
export type TickLike = {
  id: string;
  targetId: string;
  outcome: Outcome;
  recordedAt: string;
  supersedesId?: string;
  isWithdrawn?: boolean;
  recordedBy?: string;
};

export type TickSummary = {
  total: number;
  counts: Record<Outcome, number>;
  /** The standing outcomes, oldest first. */
  run: Outcome[];
};

/** Pass every tick of the target: corrections are resolved here. */
export const summariseTicks = (ticks: readonly TickLike[]): TickSummary => {
  const standing = standingRecords(ticks).sort(byRecordedAt);
  const counts: Record<Outcome, number> = { achieved: 0, partly: 0, not_yet: 0, absent: 0 };
  for (const tick of standing) counts[tick.outcome] += 1;
  return { total: standing.length, counts, run: standing.map((tick) => tick.outcome) };
};

/**
 * A suggestion the teacher confirms or changes, never a verdict. Over the
 * last five lessons the child was present: four or more achieved is
 * achieved; at least half achieved or partly is partly; fewer than three
 * observations is too little to judge, so the target carries over.
 */
export const suggestReviewOutcome = (summary: TickSummary): ReviewTargetOutcome => {
  const present = summary.run.filter((outcome) => outcome !== 'absent').slice(-5);
  if (present.length < 3) return 'carry_over';
  const achieved = present.filter((outcome) => outcome === 'achieved').length;
  const partly = present.filter((outcome) => outcome === 'partly').length;
  if (achieved >= Math.min(4, present.length)) return 'achieved';
  if ((achieved + partly) * 2 >= present.length) return 'partly';
  return 'not_achieved';
};

export type TreeNode<T> = { item: T; children: TreeNode<T>[] };

/**
 * Targets as a tree by `parentTargetId`. A target whose parent is missing
 * (archived, or not on this device) stands at the top rather than vanish.
 */
export const buildTargetTree = <T extends { id: string; parentTargetId?: string }>(
  targets: readonly T[],
): TreeNode<T>[] => {
  const nodes = new Map(targets.map((item) => [item.id, { item, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parentId = node.item.parentTargetId;
    const parent = parentId && parentId !== node.item.id ? nodes.get(parentId) : undefined;
    if (parent && !isAncestor(nodes, node.item.id, parent.item.id)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
};

/** True when `ancestorId` is above `id` already: a loop would hide both targets. */
const isAncestor = <T extends { id: string; parentTargetId?: string }>(
  nodes: Map<string, TreeNode<T>>,
  ancestorId: string,
  id: string,
): boolean => {
  let current = nodes.get(id);
  const seen = new Set<string>();
  while (current?.item.parentTargetId && !seen.has(current.item.id)) {
    seen.add(current.item.id);
    if (current.item.parentTargetId === ancestorId) return true;
    current = nodes.get(current.item.parentTargetId);
  }
  return false;
};

export const REVIEW_DUE_WINDOW_DAYS = 14;

/** Due in the next two weeks, or overdue. */
export const isReviewDue = (
  reviewDate: IsoDate,
  today: IsoDate,
  windowDays = REVIEW_DUE_WINDOW_DAYS,
): boolean => reviewDate <= addDays(today, windowDays);

export const daysUntil = (date: IsoDate, today: IsoDate): number =>
  toDayNumber(date) - toDayNumber(today);

/**
 * Checks across fields of a learning plan: the review comes on or after the
 * start. Returns messages keyed by the field they belong beside.
 */
export const checkPlanDates = (plan: {
  startDate?: string;
  reviewDate?: string;
}): Record<string, string> =>
  plan.startDate && plan.reviewDate && plan.reviewDate < plan.startDate
    ? { reviewDate: 'The review date must be on or after the start date.' }
    : {};

/** A review's next review date comes after the review itself. */
export const checkReviewDates = (review: {
  date?: string;
  nextReviewDate?: string;
}): Record<string, string> =>
  review.date && review.nextReviewDate && review.nextReviewDate <= review.date
    ? { nextReviewDate: 'The next review date must be after the date of this review.' }
    : {};

// ---------------------------------------------------------------- the graduated response

export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * Where a review's "step up support" or "step down support" moves a child on
 * the SEN register (Code of Practice, graduated response): monitoring and
 * SEN support are the school's to set, so a step moves between none,
 * monitoring and SEN support. Undefined when the review moves nothing: no
 * step chosen, or a step with nowhere to go. Above SEN support the next step
 * is an EHC needs assessment, which the local authority decides, and an EHC
 * plan ends only when the local authority ceases it: neither is a school's
 * review decision, so the status stays and the screen says why.
 */
export const senStatusAfterReview = (
  current: SenStatus,
  decisions: readonly ReviewDecision[],
): SenStatus | undefined => {
  if (decisions.includes('step_up') === decisions.includes('step_down')) return undefined;
  const ladder: readonly SenStatus[] = ['none', 'monitoring', 'sen_support'];
  const at = ladder.indexOf(current);
  if (at < 0) return undefined;
  const next = ladder[decisions.includes('step_up') ? at + 1 : at - 1];
  return next;
};

/** Why a chosen step leaves the status where it is, in the words the review screen shows. */
export const senStatusStaysBecause = (
  current: SenStatus,
  decisions: readonly ReviewDecision[],
): string | undefined => {
  if (decisions.includes('step_up') && decisions.includes('step_down'))
    return 'Choose step up or step down, not both.';
  if (senStatusAfterReview(current, decisions) !== undefined) return undefined;
  if (decisions.includes('step_up') && current === 'sen_support')
    return 'Stays at SEN support: more support at this stage. The next step, an EHC needs assessment, is requested from the local authority.';
  if (decisions.includes('step_up') && current === 'ehcp')
    return 'Stays at EHCP: more support goes into the plan at its annual review.';
  if (decisions.includes('step_down') && current === 'ehcp')
    return 'Stays at EHCP: only the local authority can cease a plan.';
  if (decisions.includes('step_down') && current === 'none')
    return 'Not on the SEN register, so there is no step down.';
  return undefined;
};
