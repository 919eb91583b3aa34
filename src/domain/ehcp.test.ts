import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  annualReviewDue,
  provisionAgainstPlan,
  rollUp,
  rollUpHeadline,
  tickCountsInWords,
} from './ehcp';
import type { TickLike } from './plans';
import type { Outcome } from './records';

const target = (id: string, level: string, parentTargetId?: string, isArchived = false) => ({
  id,
  level: level as 'ehcp_outcome' | 'annual' | 'termly',
  text: id,
  ...(parentTargetId ? { parentTargetId } : {}),
  isArchived,
});

let n = 0;
const tick = (targetId: string, outcome: Outcome, extra: Partial<TickLike> = {}): TickLike => ({
  id: `tick${++n}`,
  targetId,
  outcome,
  recordedAt: `2026-10-${String(1 + (n % 28)).padStart(2, '0')}T09:00:00.000Z`,
  ...extra,
});

const review = (
  id: string,
  date: string,
  outcomes: [string, 'achieved' | 'partly' | 'not_achieved' | 'carry_over'][],
  extra: { supersedesId?: string } = {},
) => ({
  id,
  date,
  recordedAt: `${date}T15:00:00.000Z`,
  targetOutcomes: outcomes.map(([targetId, outcome]) => ({ targetId, outcome })),
  ...extra,
});

describe('the EHCP roll-up', () => {
  const targets = [
    target('outcome', 'ehcp_outcome'),
    target('annual1', 'annual', 'outcome'),
    target('annual2', 'annual', 'outcome'),
    target('stepA', 'termly', 'annual1'),
    target('stepB', 'termly', 'annual1', true), // achieved at a review, so archived
    target('stepC', 'termly', 'annual2'),
    target('dropped', 'termly', 'annual2', true), // archived by hand, never reviewed
    target('other', 'termly'),
  ];

  it("counts an outcome's ticks from every termly step beneath it, corrections resolved", () => {
    const first = tick('stepA', 'not_yet');
    const ticks = [
      first,
      tick('stepA', 'achieved', { supersedesId: first.id }),
      tick('stepB', 'partly'),
      tick('stepC', 'achieved'),
      tick('stepC', 'absent'),
      tick('dropped', 'achieved'),
      tick('other', 'achieved'),
    ];
    const rolled = rollUp(targets[0]!, targets, ticks, []);
    // With no review yet, both archived steps were archived by hand: dropped,
    // ticks and all. The other child's target is not beneath the outcome.
    expect(rolled.ticks.counts).toEqual({ achieved: 2, partly: 0, not_yet: 0, absent: 1 });
    expect(tickCountsInWords(rolled.ticks)).toBe('2 achieved, 0 partly, 0 not yet, 1 absent');
    expect(rolled.stepCount).toBe(2);
    expect(rolled.steps.not_reviewed).toBe(2);
    expect(rollUpHeadline(rolled)).toBe('0 of 2 steps achieved');
    // Once a review marks the archived step achieved, its ticks count again.
    const reviewed = rollUp(targets[0]!, targets, ticks, [
      review('r1', '2026-12-01', [['stepB', 'achieved']]),
    ]);
    expect(reviewed.ticks.counts.partly).toBe(1);
    expect(rollUpHeadline(reviewed)).toBe('1 of 3 steps achieved');
  });

  it("counts each step by its latest review outcome, and keeps the outcome's own judgement", () => {
    const reviews = [
      review('r1', '2026-12-01', [
        ['stepA', 'partly'],
        ['stepB', 'achieved'],
      ]),
      review('r2', '2027-03-20', [
        ['stepA', 'carry_over'],
        ['stepC', 'not_achieved'],
      ]),
      review('r3', '2027-07-10', [['outcome', 'partly']]),
    ];
    const rolled = rollUp(targets[0]!, targets, [], reviews);
    expect(rolled.steps).toEqual({
      achieved: 1,
      partly: 0,
      not_achieved: 1,
      carry_over: 1,
      not_reviewed: 0,
    });
    expect(rolled.judged).toBe('partly');
    expect(rollUpHeadline(rolled)).toBe('1 of 3 steps achieved');
    // An annual target rolls up only its own steps.
    const annual = rollUp(targets[1]!, targets, [], reviews);
    expect(annual.stepCount).toBe(2);
    expect(annual.steps.achieved).toBe(1);
  });

  it('uses the correction of a review, not the review it corrects', () => {
    const wrong = review('r1', '2026-12-01', [['stepA', 'achieved']]);
    const fixed = review('r1b', '2026-12-01', [['stepA', 'not_achieved']], { supersedesId: 'r1' });
    const rolled = rollUp(targets[0]!, targets, [], [wrong, fixed]);
    expect(rolled.steps.achieved).toBe(0);
    expect(rolled.steps.not_achieved).toBe(1);
  });

  it('counts a tick made on the outcome itself rather than lose it, and a step as itself', () => {
    const rolled = rollUp(targets[0]!, targets, [tick('outcome', 'partly')], []);
    expect(rolled.ticks.counts.partly).toBe(1);
    const step = rollUp(targets[3]!, targets, [tick('stepA', 'achieved')], []);
    expect(step.stepCount).toBe(1);
    expect(step.ticks.total).toBe(1);
  });

  it('says so when an outcome has no steps yet, and survives a loop', () => {
    const looped = [
      target('x', 'annual', 'y'),
      target('y', 'annual', 'x'),
      target('s', 'termly', 'x'),
    ];
    expect(rollUp(looped[0]!, looped, [], []).stepCount).toBe(1);
    expect(rollUpHeadline(rollUp(target('lonely', 'ehcp_outcome'), [], [], []))).toBe(
      'No termly steps yet',
    );
  });
});

describe('annual review due dates', () => {
  it('adds calendar months, falling to the end of a short month', () => {
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('works out age on a date, birthday included', () => {
    expect(ageOn('2021-03-10', '2026-03-09')).toBe(4);
    expect(ageOn('2021-03-10', '2026-03-10')).toBe(5);
  });

  it('falls due 12 months after the last annual review for a child of five or over', () => {
    const due = annualReviewDue({
      dateOfBirth: '2016-05-01',
      lastAnnualReview: '2026-03-10',
      planStart: '2024-09-01',
      today: '2026-12-03',
    })!;
    expect(due).toMatchObject({ due: '2027-03-10', months: 12, isFirst: false, stage: 'later' });
  });

  it('falls due 6 months after the last review for a child under five on that date', () => {
    const due = annualReviewDue({
      dateOfBirth: '2022-01-20',
      lastAnnualReview: '2026-10-01',
      today: '2026-12-03',
    })!;
    expect(due).toMatchObject({ due: '2027-04-01', months: 6 });
    // Five on the day of the review: twelve months, although still four the day before.
    expect(
      annualReviewDue({
        dateOfBirth: '2021-10-01',
        lastAnnualReview: '2026-10-01',
        today: '2026-12-03',
      })!.months,
    ).toBe(12);
    expect(
      annualReviewDue({
        dateOfBirth: '2021-10-02',
        lastAnnualReview: '2026-10-01',
        today: '2026-12-03',
      })!.months,
    ).toBe(6);
  });

  it('runs from the plan start before the first annual review, and needs one or the other', () => {
    expect(annualReviewDue({ planStart: '2026-02-01', today: '2026-12-03' })).toMatchObject({
      due: '2027-02-01',
      isFirst: true,
    });
    expect(annualReviewDue({ today: '2026-12-03' })).toBeUndefined();
  });

  it('reminds eight weeks before, asks for the pack two weeks before, then says overdue', () => {
    const at = (today: string) =>
      annualReviewDue({ lastAnnualReview: '2026-03-10', dateOfBirth: '2015-01-01', today })!;
    expect(at('2027-01-12').stage).toBe('later');
    expect(at('2027-01-13')).toMatchObject({ stage: 'gather', daysLeft: 56 });
    expect(at('2027-02-23')).toMatchObject({ stage: 'gather', daysLeft: 15 });
    expect(at('2027-02-24')).toMatchObject({ stage: 'send', daysLeft: 14 });
    expect(at('2027-03-10')).toMatchObject({ stage: 'send', daysLeft: 0 });
    expect(at('2027-03-11')).toMatchObject({ stage: 'overdue', daysLeft: -1 });
  });
});

describe('provision against the plan', () => {
  const calendar = {
    terms: [{ name: 'Autumn', start: '2026-09-01', end: '2026-12-18' }],
    closures: [],
  };
  const group = {
    id: 'g1',
    provisionId: 'p1',
    name: 'Talk Boost Mon/Wed',
    childIds: ['c1', 'c2'],
    schedule: [
      { weekday: 'mon' as const, time: '09:00' },
      { weekday: 'wed' as const, time: '09:00' },
    ],
    sessionMinutes: 30,
    startDate: '2026-11-02',
    endDate: '2026-12-18',
  };
  const session = (id: string, date: string, present: boolean, extra = {}) => ({
    id,
    interventionId: 'g1',
    date,
    minutes: 30,
    recordedAt: `${date}T10:00:00.000Z`,
    attendance: [
      { childId: 'c1', isPresent: present },
      { childId: 'c2', isPresent: true },
    ],
    ...extra,
  });

  it('sets minutes attended against the minutes planned so far, slots to come not counted', () => {
    const [line] = provisionAgainstPlan({
      childId: 'c1',
      interventions: [group],
      provisions: [{ id: 'p1', name: 'Talk Boost' }],
      sessions: [
        session('s1', '2026-11-02', true),
        session('s2', '2026-11-04', false),
        session('s3', '2026-11-09', true, { minutes: 25 }),
        session('s3b', '2026-11-09', true, { minutes: 35, supersedesId: 's3' }),
      ],
      calendar,
      from: '2026-11-01',
      // Wednesday 11 November before its 09:00 slot.
      now: { date: '2026-11-11', time: '08:30' },
    });
    expect(line).toMatchObject({
      provisionName: 'Talk Boost',
      planned: '2 × 30 minutes a week',
      plannedSessions: 3,
      plannedMinutes: 90,
      attended: 2,
      attendedMinutes: 65,
      missed: 1,
    });
  });

  it('leaves out groups the child has no part in', () => {
    expect(
      provisionAgainstPlan({
        childId: 'c9',
        interventions: [group],
        provisions: [],
        sessions: [],
        calendar,
        from: '2026-11-01',
        now: { date: '2026-11-11', time: '12:00' },
      }),
    ).toEqual([]);
  });
});
