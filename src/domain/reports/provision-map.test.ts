import { describe, expect, it } from 'vitest';
import { staffCostPerChild } from './common';
import { provisionMap } from './provision-map';
import { CALENDAR, school, session, weekSessions } from './testing';

const WEEK = { start: '2026-11-23', end: '2026-11-27' };

const build = () => {
  const records = school();
  records.sessions = weekSessions();
  return provisionMap({ records, calendar: CALENDAR, range: WEEK });
};

const row = (map: ReturnType<typeof build>, childId: string, provisionId: string) =>
  map.rows.find((r) => r.childId === childId && r.provisionId === provisionId)!;

describe('staff cost of a session per child', () => {
  const group = { format: 'group' as const, staffHourlyCostPence: 1200 };
  const oneToOne = { format: 'one_to_one' as const, staffHourlyCostPence: 1800 };
  const attendance = (present: boolean[]) =>
    present.map((isPresent, i) => ({ childId: `c${i}`, isPresent }));

  it('shares a group session among the children present', () => {
    expect(
      staffCostPerChild({ minutes: 30, attendance: attendance([true, true, false]) }, group),
    ).toEqual({
      childIds: ['c0', 'c1'],
      pence: 300,
    });
  });

  it('charges each child a whole one-to-one session', () => {
    expect(
      staffCostPerChild({ minutes: 15, attendance: attendance([true, true]) }, oneToOne).pence,
    ).toBe(450);
  });

  it('shares the cost among everyone registered when nobody came', () => {
    expect(
      staffCostPerChild({ minutes: 30, attendance: attendance([false, false]) }, group),
    ).toEqual({
      childIds: ['c0', 'c1'],
      pence: 300,
    });
  });
});

describe('provision map', () => {
  const map = build();

  it('costs the planned schedule per child: group sessions shared, resources once', () => {
    // I1: 2 planned sessions x (30 min at £12/h = 600p) / 3 children = 400p, + 300p resources.
    expect(row(map, 'A', 'P1')).toMatchObject({
      plannedSessions: 2,
      plannedMinutes: 60,
      plannedPence: 700,
    });
    // I2: 1 planned one-to-one session of 15 min at £18/h = 450p each.
    expect(row(map, 'D', 'P2')).toMatchObject({
      plannedSessions: 1,
      plannedMinutes: 15,
      plannedPence: 450,
    });
  });

  it('costs what was delivered from the registers, with corrections and INSET-day sessions', () => {
    // Mon 600p shared by A and B = 300p; corrected Wed 40 min = 800p shared by 3; + 300p resources.
    expect(row(map, 'A', 'P1').deliveredMinutes).toBe(70);
    expect(row(map, 'A', 'P1').deliveredPence).toBeCloseTo(300 + 800 / 3 + 300, 9);
    expect(row(map, 'C', 'P1')).toMatchObject({ deliveredSessions: 1, deliveredMinutes: 40 });
    expect(row(map, 'C', 'P1').deliveredPence).toBeCloseTo(800 / 3 + 300, 9);
    // D: Tue and the INSET-day Friday, each a whole one-to-one session.
    expect(row(map, 'D', 'P2')).toMatchObject({
      deliveredSessions: 2,
      deliveredMinutes: 30,
      deliveredPence: 900,
    });
  });

  it('gives the school total as delivered beside planned', () => {
    expect(map.school.plannedPence).toBeCloseTo(700 * 3 + 450 * 2, 9);
    expect(map.school.deliveredPence).toBeCloseTo(
      2 * (300 + 800 / 3 + 300) + (800 / 3 + 300) + 450 + 900,
      9,
    );
    expect(map.school.plannedMinutes).toBe(60 * 3 + 15 * 2);
    expect(map.school.deliveredMinutes).toBe(70 + 70 + 40 + 15 + 30);
    expect(map.school.children).toBe(4);
  });

  it('totals by class, year group, area of need and provision', () => {
    const byClass = Object.fromEntries(map.byClass.map((l) => [l.label, l.children]));
    expect(byClass).toEqual({ 'No class': 1, 'Year 3 Ash': 3 });
    const byYear = Object.fromEntries(map.byYearGroup.map((l) => [l.label, l.deliveredPence]));
    expect(byYear['Year 4']).toBe(900);
    const byArea = Object.fromEntries(map.byAreaOfNeed.map((l) => [l.key, l.plannedPence]));
    expect(byArea).toEqual({ cognition_learning: 2100, communication_interaction: 900 });
    expect(map.provisions.map((l) => l.label)).toEqual(['Reading group', 'Spelling 1:1']);
  });

  it('counts a child in several groups in each group (so groups overlap)', () => {
    const groups = Object.fromEntries(map.byGroup.map((l) => [l.key, l]));
    const a = 300 + 800 / 3 + 300 + 450;
    expect(groups.fsm!.deliveredPence).toBeCloseTo(a + (300 + 800 / 3 + 300), 9);
    expect(groups.fsm!.children).toBe(2);
    expect(groups.eal!.deliveredPence).toBeCloseTo(a, 9);
    // A, C (SEN support) and D (EHCP).
    expect(groups.sen!.children).toBe(3);
    expect(groups.cic).toBeUndefined();
  });

  it('a range with no provision gives an empty map, not an error', () => {
    const empty = provisionMap({
      records: school(),
      calendar: CALENDAR,
      range: { start: '2026-10-26', end: '2026-10-30' },
    });
    expect(empty.rows).toEqual([]);
    expect(empty.school).toEqual({
      plannedMinutes: 0,
      plannedPence: 0,
      deliveredMinutes: 0,
      deliveredPence: 0,
      children: 0,
    });
  });

  it('counts a session outside term time as delivered, never as planned', () => {
    const records = school();
    records.sessions = [session('hol', 'I1', '2026-10-28', 30, { A: true, B: true })];
    const holiday = provisionMap({
      records,
      calendar: CALENDAR,
      range: { start: '2026-10-26', end: '2026-10-30' },
    });
    expect(row(holiday, 'A', 'P1')).toMatchObject({
      plannedSessions: 0,
      deliveredSessions: 1,
      deliveredPence: 600,
    });
  });
});
