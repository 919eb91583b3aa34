/**
 * One rule for which tick stands, seen from every screen and report: a
 * teacher and a TA correct the same tick on two tablets, offline, each with
 * its own clock and HLC; their corrections reach each device in either
 * order. The lesson, the focus list, the child's page, the review and every
 * report that counts ticks must then count the same, on every device.
 */
import { describe, expect, it } from 'vitest';
import {
  RECORD_TYPES,
  formatHlc,
  newId,
  type Change,
  type EntityName,
  type Outcome,
} from '../domain';
import { childValues, thisWeekReport } from '../domain/reports';
import { calendarOf } from '../domain/calendar';
import { applyPulledPage } from './apply';
import type { LocalStore } from './local-store';
import { settlePushResults } from './outbox';
import { focusChildrenFor } from './queries';
import { schoolRecords } from './reports-queries';
import { changeTick, withdrawTick } from './teaching-commands';
import { tickTarget } from './commands';
import { childPage, lessonView, reviewView } from './teaching-queries';
import { testStores } from './testing';

const newStore = testStores();

const T = newId();
const TA = newId();
const SENCO = newId();
const SCHOOL = newId();
const CLASS = newId();
const CHILD = newId();
const PLAN = newId();
const TARGET = newId();
const LESSON = newId();
const TODAY = '2026-11-24';
const at = (time: string) => Date.parse(`${TODAY}T${time}:00.000Z`);

/** A server in miniature: it numbers every change it accepts and hands them out in that order. */
const makeServer = () => {
  const log: Change[] = [];
  const seedHlc = formatHlc({ wallMs: at('08:00'), counter: 0, deviceId: newId() });
  const seed = (entity: EntityName, entityId: string, data: Record<string, unknown>) =>
    log.push({
      seq: log.length + 1,
      kind: 'patch',
      entity,
      entityId,
      data: RECORD_TYPES[entity].schema.parse(data) as Record<string, unknown>,
      hlc: seedHlc,
    });
  seed('school', SCHOOL, {
    name: 'Oakfield Primary',
    terms: [{ name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' }],
  });
  seed('staff', T, { name: 'Tess Teacher', email: 't@oakfield.sch.uk', role: 'teacher' });
  seed('staff', TA, { name: 'Tim Assistant', email: 'ta@oakfield.sch.uk', role: 'ta' });
  seed('staff', SENCO, { name: 'Sam Senco', email: 's@oakfield.sch.uk', role: 'senco' });
  seed('class', CLASS, { name: 'Year 3 Hazel', yearGroup: 3, teacherIds: [T], taIds: [TA] });
  seed('child', CHILD, {
    firstName: 'Zoë',
    lastName: 'Brook',
    classId: CLASS,
    yearGroup: 3,
    senStatus: 'sen_support',
    groups: ['fsm'],
  });
  seed('focusChild', newId(), {
    childId: CHILD,
    classId: CLASS,
    staffId: T,
    reason: 'Reading',
    until: '2026-12-18',
  });
  seed('learningPlan', PLAN, {
    childId: CHILD,
    title: 'Reading plan',
    startDate: '2026-09-07',
    reviewDate: '2026-12-01',
  });
  seed('target', TARGET, {
    childId: CHILD,
    planId: PLAN,
    text: 'Reads ten tricky words',
    startDate: '2026-09-07',
  });
  seed('lesson', LESSON, {
    classId: CLASS,
    staffId: T,
    subject: 'English',
    startedAt: `${TODAY}T09:00:00.000Z`,
  });
  return {
    /** Push everything waiting on a device, stamped with its author as the server does. */
    push: async (store: LocalStore, staffId: string) => {
      const pending = await store.db.outbox.where('state').equals('pending').sortBy('seq');
      for (const { mutation } of pending) {
        log.push({
          seq: log.length + 1,
          kind: mutation.kind,
          entity: mutation.entity,
          entityId: mutation.entityId,
          data: { ...mutation.data, recordedBy: staffId },
          hlc: mutation.hlc,
        });
      }
      const results = pending.map(({ mutation }) => ({
        id: mutation.id,
        status: 'applied' as const,
      }));
      await settlePushResults(store, results, log.length);
    },
    pull: async (store: LocalStore) => {
      await applyPulledPage(store, [...log], log.length);
    },
  };
};

type Clock = { now: number };
const device = (clock: Clock) => newStore(() => clock.now);

/** Every screen's and report's answer to "which outcomes stand for this target?", sorted. */
const everyCount = async (store: LocalStore, me: string) => {
  const sorted = (outcomes: Outcome[]) => [...outcomes].sort();
  const lesson = await lessonView(store, LESSON, me);
  const lessonTarget = lesson!.children[0]!.targets[0]!;
  const focus = await focusChildrenFor(store, { id: T, role: 'teacher' }, `${TODAY}T00:00:00.000Z`);
  const latest = focus[0]!.targets[0]!.latestTick;
  const child = await childPage(store, CHILD, TODAY);
  const childTarget = child!.activeTargets[0]!;
  const review = await reviewView(store, PLAN);
  const records = await schoolRecords(store);
  const calendar = calendarOf(records.school);
  const week = thisWeekReport({ records, calendar, weekOf: TODAY, today: TODAY });
  const gapValue = [
    ...(childValues({ records, calendar, measure: 'ticks' }).get(CHILD)?.values() ?? []),
  ];
  const tally = (counts: Record<Outcome, number>) =>
    sorted(Object.entries(counts).flatMap(([o, n]) => Array<Outcome>(n).fill(o as Outcome)));
  return {
    lesson: sorted([
      ...(lessonTarget.mine ? [lessonTarget.mine.outcome] : []),
      ...lessonTarget.others.map((tick) => tick.outcome),
    ]),
    // The focus list shows one current tick per target: the newest that stands.
    focusList: latest ? [latest.outcome] : [],
    childPage: tally(childTarget.summary.counts),
    childPageRun: sorted(childTarget.recent.map((tick) => tick.outcome)),
    childHistoryStanding: sorted(
      child!.history.flatMap((item) =>
        item.kind === 'tick' && item.status === 'standing' ? [item.tick.outcome] : [],
      ),
    ),
    review: tally(review!.targets[0]!.summary.counts),
    thisWeek: tally(week.ticks.byOutcome),
    gaps: gapValue,
  };
};

const expected = (outcomes: Outcome[]) => {
  const score = { achieved: 100, partly: 50, not_yet: 0, absent: 0 } as const;
  const sorted = [...outcomes].sort();
  return {
    lesson: sorted,
    focusList: sorted.slice(0, 1),
    childPage: sorted,
    childPageRun: sorted,
    childHistoryStanding: sorted,
    review: sorted,
    thisWeek: sorted,
    gaps: outcomes.length ? [outcomes.reduce((sum, o) => sum + score[o], 0) / outcomes.length] : [],
  };
};

type Act = (store: LocalStore, tick: Parameters<typeof changeTick>[1]) => Promise<string>;
const correctTo =
  (outcome: Outcome): Act =>
  (store, tick) =>
    changeTick(store, tick, { outcome });
const undo: Act = (store, tick) => withdrawTick(store, tick);

/**
 * The teacher ticks in the lesson; both tablets sync; then, offline, the
 * teacher does `teacherAct` at `teacherAt` and the TA does `taAct` at
 * `taAt`. `firstToPush` decides the server's order, so one tablet merges
 * its own change first and the other's second, and the other the reverse.
 */
const scenario = async (options: {
  teacherAct: Act;
  teacherAt: string;
  taAct: Act;
  taAt: string;
  firstToPush: 'teacher' | 'ta';
}) => {
  const server = makeServer();
  const teacherClock = { now: at('09:10') };
  const taClock = { now: at('09:10') };
  const sencoClock = { now: at('15:30') };
  const teacher = device(teacherClock);
  const ta = device(taClock);
  const senco = device(sencoClock);
  await server.pull(teacher);
  await server.pull(ta);

  const tickId = await tickTarget(teacher, {
    targetId: TARGET,
    childId: CHILD,
    lessonId: LESSON,
    outcome: 'not_yet',
  });
  await server.push(teacher, T);
  await server.pull(teacher);
  await server.pull(ta);
  const first = { id: tickId, targetId: TARGET, childId: CHILD, lessonId: LESSON };
  const original = { ...first, outcome: 'not_yet' as const };

  // Offline, each on their own tablet, each with its own clock.
  teacherClock.now = at(options.teacherAt);
  taClock.now = at(options.taAt);
  await options.teacherAct(teacher, original);
  await options.taAct(ta, original);

  const order =
    options.firstToPush === 'teacher'
      ? [
          [teacher, T],
          [ta, TA],
        ]
      : [
          [ta, TA],
          [teacher, T],
        ];
  for (const [store, staffId] of order as [LocalStore, string][]) {
    await server.push(store, staffId);
  }
  await server.pull(teacher);
  await server.pull(ta);
  await server.pull(senco);
  return [
    ['teacher', await everyCount(teacher, T)],
    ['ta', await everyCount(ta, TA)],
    ['senco', await everyCount(senco, SENCO)],
  ] as const;
};

describe('two staff correct one tick offline', () => {
  for (const firstToPush of ['teacher', 'ta'] as const) {
    it(`counts the newer correction once everywhere (${firstToPush} syncs first)`, async () => {
      const devices = await scenario({
        teacherAct: correctTo('partly'),
        teacherAt: '09:20',
        taAct: correctTo('achieved'),
        taAt: '09:25',
        firstToPush,
      });
      for (const [, counts] of devices) expect(counts).toEqual(expected(['achieved']));
    });

    it(`lets the clock, not the tablet, pick the newer correction (${firstToPush} syncs first)`, async () => {
      const devices = await scenario({
        teacherAct: correctTo('partly'),
        teacherAt: '09:30',
        taAct: correctTo('achieved'),
        taAt: '09:25',
        firstToPush,
      });
      for (const [, counts] of devices) expect(counts).toEqual(expected(['partly']));
    });

    it(`lets an undo beat a newer correction made at the same time (${firstToPush} syncs first)`, async () => {
      const devices = await scenario({
        teacherAct: undo,
        teacherAt: '09:20',
        taAct: correctTo('achieved'),
        taAt: '09:25',
        firstToPush,
      });
      for (const [, counts] of devices) expect(counts).toEqual(expected([]));
    });
  }
});
