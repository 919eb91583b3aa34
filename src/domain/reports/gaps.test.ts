import { describe, expect, it } from 'vitest';
import { gapChildren, gapRag, gapReport } from './gaps';
import { CALENDAR, school, score, session, tick } from './testing';

const HT1 = 'Autumn 2026:1';
const HT2 = 'Autumn 2026:2';

const withTicks = () => {
  const records = school();
  records.ticks = [
    // First half term. A: achieved + not yet = 50; B: 100; C: partly = 50; D: absent only.
    tick('A', 'achieved', '2026-09-15T09:00:00.000Z'),
    tick('A', 'not_yet', '2026-09-16T09:00:00.000Z'),
    tick('B', 'achieved', '2026-09-15T09:00:00.000Z'),
    tick('C', 'partly', '2026-09-15T09:00:00.000Z'),
    tick('D', 'absent', '2026-09-15T09:00:00.000Z'),
    // In the half-term holiday: belongs to no half term.
    tick('C', 'achieved', '2026-10-28T09:00:00.000Z'),
    // Second half term. A 100; B 100; C 0; E 50.
    tick('A', 'achieved', '2026-11-10T09:00:00.000Z'),
    tick('B', 'achieved', '2026-11-10T09:00:00.000Z'),
    tick('B', 'achieved', '2026-11-11T09:00:00.000Z'),
    tick('C', 'not_yet', '2026-11-10T09:00:00.000Z'),
    tick('E', 'partly', '2026-11-10T09:00:00.000Z'),
    // A withdrawn tick does not count.
    tick('E', 'achieved', '2026-11-10T09:05:00.000Z', { id: 'e2' }),
    tick('E', 'achieved', '2026-11-10T09:06:00.000Z', { supersedesId: 'e2', isWithdrawn: true }),
  ];
  return records;
};

describe('gap RAG', () => {
  it('is green up to 5 points behind, amber up to 10, red beyond', () => {
    expect(gapRag(3)).toBe('green');
    expect(gapRag(-5)).toBe('green');
    expect(gapRag(-5.01)).toBe('amber');
    expect(gapRag(-10)).toBe('amber');
    expect(gapRag(-10.01)).toBe('red');
    expect(gapRag(null)).toBe('none');
    expect(gapRag(-7, { amber: 8, red: 15 })).toBe('green');
  });
});

describe('gap analysis on ticks', () => {
  const records = withTicks();
  const report = gapReport({ records, calendar: CALENDAR, measure: 'ticks' });
  const line = (key: string) => report.lines.find((l) => l.group.key === key)!;
  const cell = (key: string, half: string) => line(key).cells.find((c) => c.halfTermId === half)!;

  it('uses only half terms with data, in order', () => {
    expect(report.halfTerms.map((h) => h.id)).toEqual([HT1, HT2]);
  });

  it('compares a group with the rest per half term (child-weighted means)', () => {
    // SEN = A, C, D, E, G, H. HT1: A 50, C 50 (D only absent) vs rest B 100.
    expect(cell('sen', HT1)).toMatchObject({
      group: 50,
      rest: 100,
      gap: -50,
      nGroup: 2,
      nRest: 1,
      rag: 'red',
    });
    // HT2: A 100, C 0, E 50 = 50 vs B 100.
    expect(cell('sen', HT2)).toMatchObject({ group: 50, rest: 100, gap: -50, nGroup: 3, nRest: 1 });
    expect(line('sen').trend).toBe('steady');
  });

  it('counts a child in several groups in each', () => {
    // FSM = A, B. HT1: 75 vs C 50 = +25. HT2: 100 vs C 0, E 50 = 25: +75.
    expect(cell('fsm', HT1)).toMatchObject({ group: 75, rest: 50, gap: 25, rag: 'green' });
    expect(cell('fsm', HT2)).toMatchObject({ group: 100, rest: 25, gap: 75 });
    expect(line('fsm')).toMatchObject({ trend: 'improving', trendPoints: 50 });
    // EAL = A alone. HT1: 50 vs (100 + 50) / 2 = 75 -> -25.
    expect(cell('eal', HT1)).toMatchObject({ group: 50, rest: 75, gap: -25 });
    // Boys = B, D. HT2: B 100 vs A 100, C 0, E 50 = 50 -> +50.
    expect(cell('gender:male', HT2)).toMatchObject({ group: 100, rest: 50, gap: 50 });
  });

  it('shows an empty group (a school flag nobody has yet) with no data and no RAG', () => {
    const empty = line('custom:Young carer');
    expect(empty.cells.every((c) => c.group === null && c.gap === null && c.rag === 'none')).toBe(
      true,
    );
    expect(empty.trend).toBe('none');
  });

  it('drills down to the children behind a gap, weakest first', () => {
    expect(gapChildren(report, records, 'sen', HT2).map((c) => [c.childId, c.value])).toEqual([
      ['C', 0],
      ['E', 50],
      ['A', 100],
      ['D', null],
      ['G', null],
      ['H', null],
    ]);
  });
});

describe('gap analysis on attendance and progress', () => {
  it('attendance: present over registered per child, sessions outside term left out', () => {
    const records = school();
    records.sessions = [
      session('s1', 'I1', '2026-09-14', 30, { A: true, B: true, C: false }),
      session('s2', 'I1', '2026-09-16', 30, { A: false, B: true, C: false }),
      session('hol', 'I1', '2026-10-28', 30, { C: true }),
      session('sat', 'I1', '2026-09-19', 30, { C: true }),
    ];
    const report = gapReport({ records, calendar: CALENDAR, measure: 'attendance' });
    const sen = report.lines.find((l) => l.group.key === 'sen')!.cells[0]!;
    // A 50, C 0 (the holiday session does not count) vs B 100. A Saturday in
    // term is in the half term, so C's Saturday session counts: C = 1 of 3.
    expect(report.values.get('C')!.get(HT1)).toBeCloseTo(100 / 3, 9);
    expect(sen.group).toBeCloseTo((50 + 100 / 3) / 2, 9);
    expect(sen.rest).toBe(100);
  });

  it('progress: change as a share of the measure range, in the half term of the exit', () => {
    const records = school();
    records.scores = [
      score('A', 'I1', 'entry', 40, '2026-09-10'),
      score('A', 'I1', 'exit', 55, '2026-11-26'), // +15 of 100 = 15
      score('B', 'I1', 'entry', 50, '2026-09-10'),
      score('B', 'I1', 'exit', 60, '2026-11-26'), // 10
      score('D', 'I2', 'entry', 30, '2026-09-10'),
      score('D', 'I2', 'exit', 20, '2026-11-26'), // 10 fewer errors of 50 = 20
      score('C', 'I1', 'entry', 30, '2026-09-10'), // no exit: no value
    ];
    const report = gapReport({ records, calendar: CALENDAR, measure: 'progress' });
    expect(report.halfTerms.map((h) => h.id)).toEqual([HT2]);
    const sen = report.lines.find((l) => l.group.key === 'sen')!.cells[0]!;
    expect(sen).toMatchObject({ group: (15 + 20) / 2, rest: 10, gap: 7.5, nGroup: 2, nRest: 1 });
  });
});
