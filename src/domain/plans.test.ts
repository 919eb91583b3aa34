import { describe, expect, it } from 'vitest';
import {
  buildTargetTree,
  checkPlanDates,
  checkReviewDates,
  isReviewDue,
  suggestReviewOutcome,
  summariseTicks,
  type TickLike,
} from './plans';
import type { Outcome } from './records';

let n = 0;
const tick = (outcome: Outcome, extra: Partial<TickLike> = {}): TickLike => ({
  id: `t${++n}`,
  targetId: 'target',
  outcome,
  recordedAt: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00.000Z`,
  ...extra,
});

describe('suggested review outcome', () => {
  const suggest = (...outcomes: Outcome[]) =>
    suggestReviewOutcome(summariseTicks(outcomes.map((outcome) => tick(outcome))));

  it('carries a target over when there is too little to judge', () => {
    expect(suggest()).toBe('carry_over');
    expect(suggest('achieved', 'achieved', 'absent', 'absent')).toBe('carry_over');
  });
  it('suggests achieved for four of the last five achieved, ignoring absences', () => {
    expect(
      suggest('not_yet', 'achieved', 'achieved', 'absent', 'achieved', 'achieved', 'partly'),
    ).toBe('achieved');
    expect(suggest('achieved', 'achieved', 'achieved')).toBe('achieved');
  });
  it('suggests partly when at least half are achieved or partly, else not achieved', () => {
    expect(suggest('partly', 'not_yet', 'achieved', 'not_yet')).toBe('partly');
    expect(suggest('not_yet', 'not_yet', 'partly', 'not_yet')).toBe('not_achieved');
  });
});

describe('the target tree', () => {
  it('nests EHCP outcome, annual target and termly next steps, and survives a loop', () => {
    const tree = buildTargetTree([
      { id: 'termly', parentTargetId: 'annual' },
      { id: 'annual', parentTargetId: 'outcome' },
      { id: 'outcome' },
      { id: 'orphan', parentTargetId: 'archived' },
      { id: 'a', parentTargetId: 'b' },
      { id: 'b', parentTargetId: 'a' },
    ]);
    const outcome = tree.find((node) => node.item.id === 'outcome')!;
    expect(outcome.children[0]!.item.id).toBe('annual');
    expect(outcome.children[0]!.children[0]!.item.id).toBe('termly');
    expect(tree.map((node) => node.item.id)).toContain('orphan');
    // Every target appears exactly once, loop or not.
    const ids: string[] = [];
    const walk = (nodes: typeof tree) =>
      nodes.forEach((node) => {
        ids.push(node.item.id);
        walk(node.children);
      });
    walk(tree);
    expect(ids.sort()).toEqual(['a', 'annual', 'b', 'orphan', 'outcome', 'termly']);
  });
});

describe('dates', () => {
  it('flags a review due within two weeks or overdue', () => {
    expect(isReviewDue('2026-12-07', '2026-11-23')).toBe(true);
    expect(isReviewDue('2026-12-08', '2026-11-23')).toBe(false);
    expect(isReviewDue('2026-11-01', '2026-11-23')).toBe(true);
  });
  it('puts a review date before the start date beside the review date field', () => {
    expect(checkPlanDates({ startDate: '2026-09-14', reviewDate: '2026-09-13' })).toEqual({
      reviewDate: 'The review date must be on or after the start date.',
    });
    expect(checkPlanDates({ startDate: '2026-09-14', reviewDate: '2026-09-14' })).toEqual({});
    expect(checkReviewDates({ date: '2026-11-23', nextReviewDate: '2026-11-23' })).toHaveProperty(
      'nextReviewDate',
    );
  });
});
