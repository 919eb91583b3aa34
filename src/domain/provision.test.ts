import { describe, expect, it } from 'vitest';
import { calendarOf } from './calendar';
import {
  attendanceByChild,
  childrenWhoMissed,
  deliveredCostPence,
  deliveredMinutesByChild,
  deliveryAgainstPlan,
  isScoreInRange,
  plannedSessions,
  scoreChanges,
  sessionsDelivered,
  slotsToLog,
  type ScoreRecord,
  type SessionLog,
} from './provision';
import { AUTUMN_2026, SPRING_2027, TEST_CALENDAR } from './testing';

const calendar = calendarOf({ ...TEST_CALENDAR, terms: [AUTUMN_2026, SPRING_2027] });

const group = {
  id: 'group-1',
  schedule: [
    { weekday: 'mon' as const, time: '09:05' },
    { weekday: 'fri' as const, time: '09:05' },
  ],
  startDate: '2026-10-19',
  endDate: '2027-01-08',
};

const A = 'child-a';
const B = 'child-b';
const C = 'child-c';

let counter = 0;
const session = (overrides: Partial<SessionLog> & { absent?: string[] } = {}): SessionLog => {
  const { absent = [], ...rest } = overrides;
  counter += 1;
  return {
    id: `s-${String(counter).padStart(3, '0')}`,
    interventionId: 'group-1',
    date: '2026-11-02',
    minutes: 10,
    attendance: [A, B, C].map((childId) => ({ childId, isPresent: !absent.includes(childId) })),
    recordedAt: `2026-11-02T09:${String(counter).padStart(2, '0')}:00.000Z`,
    ...rest,
  };
};

describe('plannedSessions', () => {
  it('skips half term, INSET days and the Christmas holiday', () => {
    const dates = plannedSessions(group, calendar).map((p) => p.date);
    // Half term (26-30 Oct), the INSET Friday (27 Nov) and the holiday drop out.
    expect(dates).not.toContain('2026-10-26');
    expect(dates).not.toContain('2026-10-30');
    expect(dates).not.toContain('2026-11-27');
    expect(dates).not.toContain('2026-12-21');
    expect(dates).not.toContain('2027-01-01');
    expect(dates.slice(0, 4)).toEqual(['2026-10-19', '2026-10-23', '2026-11-02', '2026-11-06']);
    // Mondays and Fridays 19 Oct - 18 Dec: 18 days, less 2 in half term and 1 INSET = 15;
    // then spring term from Tue 5 Jan: Fri 8 Jan = 1.
    expect(dates).toHaveLength(16);
    expect(dates.at(-1)).toBe('2027-01-08');
  });

  it('keeps within the group dates and a requested range, in date and time order', () => {
    const twoSlots = {
      ...group,
      schedule: [
        { weekday: 'mon' as const, time: '13:30' },
        { weekday: 'mon' as const, time: '09:05' },
      ],
    };
    const planned = plannedSessions(twoSlots, calendar, { from: '2026-11-01', to: '2026-11-09' });
    expect(planned).toEqual([
      { interventionId: 'group-1', date: '2026-11-02', time: '09:05' },
      { interventionId: 'group-1', date: '2026-11-02', time: '13:30' },
      { interventionId: 'group-1', date: '2026-11-09', time: '09:05' },
      { interventionId: 'group-1', date: '2026-11-09', time: '13:30' },
    ]);
    expect(plannedSessions(group, calendar, { from: '2027-02-01' })).toEqual([]);
    expect(plannedSessions(group, calendar, { to: '2026-10-01' })).toEqual([]);
  });

  it('plans nothing in a week that is all holiday', () => {
    expect(plannedSessions(group, calendar, { from: '2026-10-26', to: '2026-10-30' })).toEqual([]);
  });
});

describe('dosage and delivery', () => {
  it('adds up minutes per child from sessions they attended', () => {
    const sessions = [
      session({ minutes: 10 }),
      session({ minutes: 10, absent: [B] }),
      session({ minutes: 15, absent: [B, C] }),
    ];
    const minutes = deliveredMinutesByChild(sessions);
    expect(minutes.get(A)).toBe(35);
    expect(minutes.get(B)).toBe(10);
    expect(minutes.get(C)).toBe(20);
  });

  it('uses the corrected minutes and attendance, never both versions', () => {
    const original = session({ minutes: 10 });
    const correction = session({ minutes: 25, absent: [C], supersedesId: original.id });
    const minutes = deliveredMinutesByChild([original, correction]);
    expect(minutes.get(A)).toBe(25);
    expect(minutes.has(C)).toBe(false);
  });

  it('filters by group and date range', () => {
    const sessions = [
      session({ date: '2026-11-02' }),
      session({ date: '2026-11-09' }),
      session({ date: '2026-11-09', interventionId: 'group-2' }),
    ];
    expect(sessionsDelivered(sessions)).toBe(3);
    expect(sessionsDelivered(sessions, { interventionId: 'group-1' })).toBe(2);
    expect(sessionsDelivered(sessions, { from: '2026-11-03' })).toBe(2);
    expect(deliveredMinutesByChild(sessions, { to: '2026-11-02' }).get(A)).toBe(10);
  });

  it('compares delivered with planned, counting unscheduled extras', () => {
    const sessions = [
      session({ date: '2026-11-02' }),
      session({ date: '2026-11-04', isUnscheduled: true }),
      session({ date: '2026-11-06' }),
    ];
    const count = deliveryAgainstPlan(group, sessions, calendar, {
      from: '2026-11-02',
      to: '2026-11-13',
    });
    expect(count).toEqual({ planned: 4, delivered: 3, unscheduled: 1, rate: 0.75 });
    expect(
      deliveryAgainstPlan(group, [], calendar, { from: '2026-10-26', to: '2026-10-30' }),
    ).toEqual({ planned: 0, delivered: 0, unscheduled: 0 });
  });

  it('reports attendance and the children who missed two or more sessions', () => {
    const sessions = [
      session({ absent: [B] }),
      session({ absent: [B, C] }),
      session({ absent: [B] }),
      session(),
    ];
    const attendance = attendanceByChild(sessions);
    expect(attendance.get(A)).toMatchObject({ sessions: 4, attended: 4, missed: 0, rate: 1 });
    expect(attendance.get(B)).toMatchObject({ attended: 1, missed: 3, rate: 0.25, minutes: 10 });
    expect(childrenWhoMissed(sessions).map((row) => row.childId)).toEqual([B]);
    expect(childrenWhoMissed(sessions, 1).map((row) => row.childId)).toEqual([B, C]);
  });

  it('costs what was delivered: staff minutes plus resources for each child who came', () => {
    const sessions = [session({ minutes: 30 }), session({ minutes: 30, absent: [C] })];
    // £14.50 an hour x 60 minutes = 1450p; resources 500p x 3 children.
    expect(
      deliveredCostPence({ staffHourlyCostPence: 1_450, resourceCostPerPupilPence: 500 }, sessions),
    ).toBe(1_450 + 1_500);
    const neverCame = [session({ minutes: 60, absent: [A, B, C] })];
    expect(
      deliveredCostPence(
        { staffHourlyCostPence: 1_200, resourceCostPerPupilPence: 500 },
        neverCame,
      ),
    ).toBe(1_200);
  });
});

describe('slots still to log', () => {
  const twice = {
    ...group,
    schedule: [
      { weekday: 'mon' as const, time: '09:05' },
      { weekday: 'mon' as const, time: '14:00' },
      { weekday: 'fri' as const, time: '09:05' },
    ],
  };
  const week = { from: '2026-11-02', to: '2026-11-06' };

  it('covers a day’s slots in time order, ignores extra sessions, and leaves slots to come', () => {
    const sessions = [
      session({ date: '2026-11-02' }),
      session({ date: '2026-11-02', isUnscheduled: true }),
    ];
    // Friday morning before 09:05: Monday's afternoon slot is the one missed.
    expect(
      slotsToLog(twice, sessions, calendar, week, { date: '2026-11-06', time: '08:00' }),
    ).toEqual([{ interventionId: 'group-1', date: '2026-11-02', time: '14:00' }]);
    // A correction covers the slot its original did, once.
    const original = session({ date: '2026-11-06' });
    const fixed = session({ date: '2026-11-06', supersedesId: original.id });
    expect(
      slotsToLog(twice, [...sessions, original, fixed], calendar, week).map((s) => s.time),
    ).toEqual(['14:00']);
  });
});

describe('scores', () => {
  const score = (overrides: Partial<ScoreRecord>): ScoreRecord => {
    counter += 1;
    return {
      id: `sc-${String(counter).padStart(3, '0')}`,
      childId: A,
      interventionId: 'group-1',
      phase: 'entry',
      value: 10,
      date: '2026-09-21',
      recordedAt: `2026-11-02T10:${String(counter % 60).padStart(2, '0')}:00.000Z`,
      ...overrides,
    };
  };

  it('shows each child their change so far: exit, else the latest interim, against entry', () => {
    const scores = [
      score({ childId: A, phase: 'entry', value: 20 }),
      score({ childId: A, phase: 'interim', value: 28, date: '2026-10-19' }),
      score({ childId: A, phase: 'exit', value: 41, date: '2026-12-11' }),
      score({ childId: B, phase: 'entry', value: 30 }),
      score({ childId: B, phase: 'interim', value: 26, date: '2026-10-19' }),
      score({ childId: C, phase: 'entry', value: 12 }),
      score({ childId: C, interventionId: 'group-2', phase: 'exit', value: 90 }),
    ];
    const changes = scoreChanges(scores, 'group-1', true);
    expect(changes.get(A)).toMatchObject({ change: 21, isImprovement: true });
    expect(changes.get(B)).toMatchObject({ change: -4, isImprovement: false });
    expect(changes.get(C)?.change).toBeUndefined();
    // Lower is better (e.g. a Boxall difficulty score): a fall is an improvement.
    expect(scoreChanges(scores, 'group-1', false).get(B)?.isImprovement).toBe(true);
  });

  it('uses a corrected score instead of the one it replaces', () => {
    const entry = score({ phase: 'entry', value: 20 });
    const fixed = score({ phase: 'entry', value: 25, supersedesId: entry.id });
    const exit = score({ phase: 'exit', value: 30, date: '2026-12-11' });
    expect(scoreChanges([entry, fixed, exit], 'group-1', true).get(A)?.change).toBe(5);
  });

  it('keeps the earliest entry as the baseline when entry was recorded twice, as the impact report does', () => {
    const first = score({ phase: 'entry', value: 20, date: '2026-10-19' });
    const again = score({ phase: 'entry', value: 22, date: '2026-10-26' });
    const exit = score({ phase: 'exit', value: 30, date: '2026-12-11' });
    expect(scoreChanges([again, exit, first], 'group-1', true).get(A)?.change).toBe(10);
  });

  it('checks a score against its measure', () => {
    expect(isScoreInRange(0, { min: 0, max: 120 })).toBe(true);
    expect(isScoreInRange(120, { min: 0, max: 120 })).toBe(true);
    expect(isScoreInRange(121, { min: 0, max: 120 })).toBe(false);
    expect(isScoreInRange(Number.NaN, { min: 0, max: 120 })).toBe(false);
  });
});
