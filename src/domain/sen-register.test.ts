import { describe, expect, it } from 'vitest';
import { newId, type StoredRecord } from '.';
import { senRegisterEntryFor, senRegisterHistory } from './sen-register';

const childId = newId();
const entry = (
  fields: Partial<StoredRecord<'senRegisterEntry'>>,
): StoredRecord<'senRegisterEntry'> => ({
  id: newId(),
  childId,
  status: 'sen_support',
  date: '2026-10-01',
  needTypes: [],
  source: 'edit',
  recordedAt: '2026-10-01T09:00:00.000Z',
  ...fields,
});

describe('senRegisterEntryFor', () => {
  const how = {
    source: 'review' as const,
    date: '2026-11-20',
    recordedAt: '2026-11-20T10:00:00.000Z',
  };
  it('writes a line only when the status changes, with the need types as they then are', () => {
    expect(
      senRegisterEntryFor(childId, { senStatus: 'monitoring' }, { senStatus: 'monitoring' }, how),
    ).toBeUndefined();
    expect(
      senRegisterEntryFor(childId, { senStatus: 'monitoring' }, { senNeedTypes: ['MLD'] }, how),
    ).toBeUndefined();
    expect(senRegisterEntryFor(childId, undefined, { senStatus: 'none' }, how)).toBeUndefined();
    expect(
      senRegisterEntryFor(
        childId,
        { senStatus: 'monitoring', senNeedTypes: ['SLCN'] },
        { senStatus: 'sen_support', senNeedTypes: ['SLCN', 'SEMH'] },
        { ...how, reviewId: childId },
      ),
    ).toEqual({
      childId,
      status: 'sen_support',
      from: 'monitoring',
      date: '2026-11-20',
      needTypes: ['SLCN', 'SEMH'],
      source: 'review',
      reviewId: childId,
      recordedAt: how.recordedAt,
    });
    // A new child on the register: no status before.
    expect(senRegisterEntryFor(childId, undefined, { senStatus: 'ehcp' }, how)).not.toHaveProperty(
      'from',
    );
  });
});

describe('senRegisterHistory', () => {
  it('orders lines by their start, ends each at the next, and leaves out other children', () => {
    const a = entry({ status: 'monitoring', date: '2026-09-10' });
    const b = entry({ status: 'sen_support', date: '2026-11-02' });
    const c = entry({ status: 'none', date: '2026-12-01' });
    const other = entry({ childId: newId() });
    expect(
      senRegisterHistory(childId, [c, other, a, b]).map((p) => [p.status, p.start, p.end]),
    ).toEqual([
      ['monitoring', '2026-09-10', '2026-11-02'],
      ['sen_support', '2026-11-02', '2026-12-01'],
      ['none', '2026-12-01', undefined],
    ]);
  });

  it('shows the latest correction of a line and keeps every earlier version, even from two SENCos offline', () => {
    const first = entry({ status: 'sen_support', date: '2026-10-01' });
    const fixA = entry({
      supersedesId: first.id,
      date: '2026-09-28',
      recordedBy: 'sam',
      recordedAt: '2026-10-03T09:00:00.000Z',
    });
    // A second SENCo, offline, corrects the same first line later in the day.
    const fixB = entry({
      supersedesId: first.id,
      status: 'monitoring',
      recordedBy: 'kim',
      recordedAt: '2026-10-03T15:00:00.000Z',
    });
    // And a correction of a correction.
    const fixC = entry({
      supersedesId: fixB.id,
      date: '2026-09-29',
      status: 'monitoring',
      recordedBy: 'kim',
      recordedAt: '2026-10-04T08:00:00.000Z',
    });
    const [line, ...rest] = senRegisterHistory(childId, [fixC, fixA, first, fixB]);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      entryId: fixC.id,
      firstEntryId: first.id,
      status: 'monitoring',
      start: '2026-09-29',
      recordedBy: 'kim',
    });
    expect(line!.corrections.map((v) => v.entryId)).toEqual([first.id, fixA.id, fixB.id]);
  });

  it('an uncorrected line has no corrections, and a correction of a line not held stands alone', () => {
    const lone = entry({ supersedesId: newId(), date: '2026-09-01' });
    const [line] = senRegisterHistory(childId, [lone]);
    expect(line).toMatchObject({ entryId: lone.id, start: '2026-09-01', corrections: [] });
  });
});
