import { describe, expect, it } from 'vitest';
import { impactRag, impactReport } from './impact';
import { school, score, weekSessions } from './testing';

const build = (expected: Record<string, number> = { P1: 10, P2: 4 }) => {
  const records = school();
  records.sessions = weekSessions().filter((s) => s.id !== 's-last');
  records.scores = [
    score('A', 'I1', 'entry', 40, '2026-09-10'),
    score('A', 'I1', 'exit', 55, '2026-11-26'),
    score('B', 'I1', 'entry', 50, '2026-09-10'),
    // A wrong exit score, corrected: only the correction stands.
    score('B', 'I1', 'exit', 80, '2026-11-26', { id: 'wrong' }),
    score('B', 'I1', 'exit', 56, '2026-11-26', { supersedesId: 'wrong' }),
    // C has an entry score only: not measured, but still costed.
    score('C', 'I1', 'entry', 30, '2026-09-10'),
    // Spelling errors: lower is better.
    score('A', 'I2', 'entry', 20, '2026-09-10'),
    score('A', 'I2', 'exit', 14, '2026-11-26'),
    score('D', 'I2', 'entry', 30, '2026-09-10'),
    score('D', 'I2', 'exit', 33, '2026-11-26'),
  ];
  return impactReport({ records, expected });
};

describe('impact RAG against the expected progress', () => {
  it('is green at the expected progress, amber from half of it, red below', () => {
    expect(impactRag(10, 10)).toBe('green');
    expect(impactRag(12, 10)).toBe('green');
    expect(impactRag(5, 10)).toBe('amber');
    expect(impactRag(4.99, 10)).toBe('red');
    expect(impactRag(-1, 10)).toBe('red');
    expect(impactRag(null, 10)).toBe('none');
    expect(impactRag(3, undefined)).toBe('none');
  });
});

describe('impact per group', () => {
  const report = build();
  const reading = report.groups.find((g) => g.key === 'I1')!;
  const spelling = report.groups.find((g) => g.key === 'I2')!;

  it('measures entry to exit change on children with both scores', () => {
    expect(reading.n).toBe(2);
    expect(reading.children).toBe(3);
    expect(reading.meanEntry).toBe(45);
    expect(reading.meanExit).toBe(55.5);
    expect(reading.meanChange).toBe(10.5); // (15 + 6) / 2
    expect(reading.rag).toBe('green');
  });

  it('costs per pupil as delivered and per unit of progress on the measured children', () => {
    const a = 300 + 800 / 3 + 300;
    const c = 800 / 3 + 300;
    expect(reading.deliveredPence).toBeCloseTo(2 * a + c, 9);
    expect(reading.costPerPupilPence).toBeCloseTo((2 * a + c) / 3, 9);
    expect(reading.costPerUnitPence).toBeCloseTo((2 * a) / 21, 9);
  });

  it('turns the change round when lower is better', () => {
    // A: 20 -> 14 errors = +6; D: 30 -> 33 = -3.
    expect(spelling.details.map((d) => [d.childId, d.change])).toEqual([
      ['A', 6],
      ['D', -3],
    ]);
    expect(spelling.meanChange).toBe(1.5);
    expect(spelling.costPerPupilPence).toBe((450 + 900) / 2);
    expect(spelling.costPerUnitPence).toBe((450 + 900) / 3);
    expect(spelling.rag).toBe('red'); // 1.5 < 4 / 2
  });

  it('drills down to each child with minutes and cost', () => {
    const c = reading.details.find((d) => d.childId === 'C')!;
    expect(c).toMatchObject({ entry: 30, exit: null, change: null, sessions: 1, minutes: 40 });
  });

  it('per provision, adds up its groups', () => {
    const p1 = report.provisions.find((p) => p.key === 'P1')!;
    expect(p1.meanChange).toBe(10.5);
    expect(p1.n).toBe(2);
  });

  it('no progress means no cost per unit of progress, and no scores means no RAG', () => {
    const records = school();
    records.sessions = weekSessions();
    const none = impactReport({ records, expected: { P1: 10 } });
    const line = none.groups.find((g) => g.key === 'I1')!;
    expect(line).toMatchObject({ n: 0, meanChange: null, costPerUnitPence: null, rag: 'none' });
    expect(line.costPerPupilPence).not.toBeNull();
  });

  it('an empty group with no sessions has no cost per pupil', () => {
    const records = school();
    const line = impactReport({ records }).groups.find((g) => g.key === 'I2')!;
    expect(line).toMatchObject({ n: 0, children: 0, costPerPupilPence: null, deliveredPence: 0 });
  });
});
