import { describe, expect, it } from 'vitest';
import { newId } from '../domain';
import type { LocalStore } from './local-store';
import { putTestSchool, testStores, tickingClock } from './testing';
import {
  correctSession,
  isLoggedAsExtra,
  logSession,
  recordScores,
  type ScoresInput,
  type SessionInput,
} from './session-commands';
import {
  allLoggedSessions,
  correctionSetup,
  groupDetail,
  mySessionsToday,
  myWeek,
} from './session-queries';
import { ValidationError } from './validation';

// Monday 23 November 2026, 10:00 in the UK.
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const newStore = testStores();
const openStore = () => newStore(tickingClock(NOW));

const TA = newId();
const children = Array.from({ length: 6 }, (_, i) => ({ id: newId(), firstName: `Child${i}` }));
const groupId = newId();
const oneToOneId = newId();
const provisionId = newId();

const seed = async (store: LocalStore) => {
  const { db } = store;
  await putTestSchool(store);
  for (const child of children) {
    await db.records('child').put({ ...child, lastName: 'Test', yearGroup: 3 });
  }
  await db.records('provision').put({
    id: provisionId,
    name: 'Precision Teaching',
    format: 'group',
    measure: { name: 'Words read', unit: 'words', isHigherBetter: true, min: 0, max: 120 },
  });
  await db.records('intervention').put({
    id: groupId,
    provisionId,
    name: 'PT group',
    childIds: children.map((child) => child.id),
    staffIds: [TA],
    schedule: ['mon', 'tue', 'wed', 'thu', 'fri'].map((weekday) => ({ weekday, time: '09:05' })),
    sessionMinutes: 10,
    startDate: '2026-09-21',
    endDate: '2026-12-11',
  });
  await db.records('intervention').put({
    id: oneToOneId,
    provisionId,
    name: 'ELSA 1:1',
    childIds: [children[0]!.id],
    staffIds: [TA],
    schedule: [{ weekday: 'wed', time: '13:30' }],
    sessionMinutes: 30,
    startDate: '2026-09-16',
    endDate: '2026-12-16',
  });
};

const register = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  interventionId: groupId,
  date: '2026-11-23',
  minutes: 10,
  attendance: children.map((child) => ({ childId: child.id, isPresent: true })),
  ...overrides,
});

/** The group's scores on one date, a value each for its first children in register order. */
const scores = (phase: ScoresInput['phase'], date: string, ...values: number[]): ScoresInput => ({
  interventionId: groupId,
  phase,
  date,
  values: values.map((value, i) => ({ childId: children[i]!.id, value })),
});

const errorsOf = async (promise: Promise<unknown>): Promise<Record<string, string>> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error('expected a validation error');
};

const written = async (store: LocalStore) => ({
  sessions: await store.db.records('interventionSession').count(),
  scores: await store.db.records('assessmentScore').count(),
  outbox: await store.db.outbox.count(),
});

describe('logging a session', () => {
  it('saves the register with its outbox entry, and fills today’s slot', async () => {
    const store = openStore();
    await seed(store);
    const before = await mySessionsToday(store, TA);
    expect(before.slots.map((slot) => [slot.groupName, slot.time, !!slot.logged])).toEqual([
      ['PT group', '09:05', false],
    ]);
    const id = await logSession(store, register());
    expect(await written(store)).toEqual({ sessions: 1, scores: 0, outbox: 1 });
    const after = await mySessionsToday(store, TA);
    expect(after.slots[0]!.logged).toMatchObject({ id, present: 6, total: 6, isWaiting: true });
  });

  it.each([
    ['0 minutes', { minutes: 0 }, 'minutes', /at least 1 minute/],
    ['1000 minutes', { minutes: 1000 }, 'minutes', /at most 480 minutes/],
    ['a date next year', { date: '2027-01-04' }, 'date', /next year/],
    ['a date later this year', { date: '2026-11-24' }, 'date', /in the future/],
    ['a date before the group began', { date: '2026-09-14' }, 'date', /started on 21\/09\/2026/],
  ])(
    'refuses %s with a message on the field and writes nothing',
    async (_, bad, field, message) => {
      const store = openStore();
      await seed(store);
      const errors = await errorsOf(logSession(store, register(bad)));
      expect(errors[field]).toMatch(message);
      expect(await written(store)).toEqual({ sessions: 0, scores: 0, outbox: 0 });
    },
  );

  it('asks why an absent child was absent, and refuses a child not in the group', async () => {
    const store = openStore();
    await seed(store);
    const attendance = register().attendance;
    attendance[1] = { childId: children[1]!.id, isPresent: false };
    attendance.push({ childId: newId(), isPresent: true });
    const errors = await errorsOf(logSession(store, register({ attendance })));
    expect(errors[`attendance.${children[1]!.id}`]).toBe('Say why Child1 Test was absent.');
    expect(Object.values(errors)).toContain('This child is not in this group.');
    expect(await written(store)).toEqual({ sessions: 0, scores: 0, outbox: 0 });
  });

  it('corrects a session with a new event, keeping the original in the history', async () => {
    const store = openStore();
    await seed(store);
    const original = await logSession(store, register());
    const attendance = register().attendance;
    attendance[2] = { childId: children[2]!.id, isPresent: false, absenceReason: 'ill' };
    const correction = await correctSession(store, original, {
      date: '2026-11-23',
      minutes: 15,
      attendance,
    });
    // Correcting the original again corrects the latest version, not a fork.
    const again = await correctSession(store, original, {
      date: '2026-11-23',
      minutes: 20,
      attendance,
    });
    const rows = await store.db.records('interventionSession').toArray();
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.id === correction)?.supersedesId).toBe(original);
    expect(rows.find((row) => row.id === again)?.supersedesId).toBe(correction);
    const [view, ...others] = await allLoggedSessions(store);
    expect(others).toHaveLength(0);
    expect(view).toMatchObject({ id: again, minutes: 20, present: 5, isCorrected: true });
    expect(view!.history.map((version) => version.minutes)).toEqual([10, 15]);
    expect((await correctionSetup(store, original))?.session?.id).toBe(again);
    const detail = await groupDetail(store, groupId);
    expect(detail?.children.find((c) => c.id === children[2]!.id)).toMatchObject({
      missed: 1,
      minutes: 0,
    });
    expect(detail?.children.find((c) => c.id === children[0]!.id)?.minutes).toBe(20);
  });
});

describe('recording scores', () => {
  it('saves entry and exit scores and shows each child’s change', async () => {
    const store = openStore();
    await seed(store);
    await recordScores(store, scores('entry', '2026-09-21', 20, 35));
    await recordScores(store, scores('exit', '2026-11-23', 44));
    // A second entry score corrects the first.
    await recordScores(store, scores('entry', '2026-09-21', 24));
    const detail = await groupDetail(store, groupId);
    expect(detail?.children[0]?.scores).toMatchObject({ change: 20, isImprovement: true });
    expect(detail?.children[1]?.scores?.change).toBeUndefined();
    expect(await written(store)).toMatchObject({ scores: 4, outbox: 4 });
  });

  it('refuses a score outside the measure, or a future date, and writes none of the batch', async () => {
    const store = openStore();
    await seed(store);
    const errors = await errorsOf(recordScores(store, scores('entry', '2027-02-01', 20, 150)));
    expect(errors[`value.${children[1]!.id}`]).toBe(
      '150 is outside the Words read range: scores go from 0 to 120 words.',
    );
    expect(errors.date).toMatch(/next year/);
    expect(await written(store)).toEqual({ sessions: 0, scores: 0, outbox: 0 });
  });
});

describe('the TA’s week', () => {
  it('does not count a slot later today as planned so far', async () => {
    // 08:00 on the Monday: the 09:05 session has not started, so nothing is missed yet.
    const early = newStore(tickingClock(Date.parse('2026-11-23T08:00:00.000Z')));
    await seed(early);
    const pt = (await myWeek(early, TA)).groups.find((group) => group.id === groupId)!;
    expect(pt).toMatchObject({ plannedThisWeek: 4, plannedSoFar: 0 });
  });

  it("on Wednesday lists Monday's and Tuesday's missed slots, and logs each against its slot", async () => {
    // Wednesday 25 November, 10:00: Monday, Tuesday and Wednesday's 09:05 slots have come.
    const wednesday = newStore(tickingClock(Date.parse('2026-11-25T10:00:00.000Z')));
    await seed(wednesday);
    await logSession(wednesday, register({ date: '2026-11-24' }));
    const before = (await myWeek(wednesday, TA)).groups.find((group) => group.id === groupId)!;
    expect(before.toLog).toEqual([
      { date: '2026-11-23', time: '09:05' },
      { date: '2026-11-25', time: '09:05' },
    ]);
    // Monday's, from its link (a scheduled session on its date)...
    const monday = await logSession(wednesday, register({ date: '2026-11-23' }));
    // ...and Wednesday's, logged as an extra session by mistake: the day's
    // slot was open, so it is that slot's session, not an unscheduled one.
    const extra = await logSession(
      wednesday,
      register({ date: '2026-11-25', isUnscheduled: true }),
    );
    const after = (await myWeek(wednesday, TA)).groups.find((group) => group.id === groupId)!;
    expect(after).toMatchObject({ toLog: [], loggedThisWeek: 3, unscheduledThisWeek: 0 });
    const rows = await wednesday.db.records('interventionSession').bulkGet([monday, extra]);
    expect(rows.map((row) => row?.isUnscheduled)).toEqual([false, false]);
    expect(await isLoggedAsExtra(wednesday, extra)).toBe(false);
    // A second session that day has no slot left: that one really is extra.
    const another = await logSession(
      wednesday,
      register({ date: '2026-11-25', isUnscheduled: true }),
    );
    expect(await isLoggedAsExtra(wednesday, another)).toBe(true);
  });

  it('counts logged against planned, lists who missed two or more, and what waits to sync', async () => {
    const store = openStore();
    await seed(store);
    const absentTwice = children[3]!.id;
    const attendance = register().attendance.map((mark) =>
      mark.childId === absentTwice
        ? { childId: absentTwice, isPresent: false, absenceReason: 'refused' as const }
        : mark,
    );
    await logSession(store, register({ date: '2026-11-20', attendance }));
    await logSession(store, register({ attendance }));
    await logSession(store, {
      interventionId: oneToOneId,
      date: '2026-11-23',
      minutes: 25,
      attendance: [{ childId: children[0]!.id, isPresent: true, rating: 3 }],
      isUnscheduled: true,
    });
    const week = await myWeek(store, TA);
    expect(week.weekStart).toBe('2026-11-23');
    const pt = week.groups.find((group) => group.id === groupId)!;
    // Mon-Fri, but Friday 27 November is an INSET day.
    expect(pt).toMatchObject({ plannedThisWeek: 4, plannedSoFar: 1, loggedThisWeek: 1 });
    const elsa = week.groups.find((group) => group.id === oneToOneId)!;
    expect(elsa).toMatchObject({ plannedThisWeek: 1, loggedThisWeek: 1, unscheduledThisWeek: 1 });
    expect(week.missed).toEqual([
      expect.objectContaining({ childId: absentTwice, missed: 2, groupName: 'PT group' }),
    ]);
    expect(week.waiting).toHaveLength(3);
    const today = await mySessionsToday(store, TA);
    expect(today.extras.map((extra) => extra.groupName)).toEqual(['ELSA 1:1']);
  });
});
