import { describe, expect, it } from 'vitest';
import { senStatusAfterReview, senStatusStaysBecause, type SenStatus, type StoredRecord } from '..';
import { emptySchoolRecords, type SchoolRecords } from './common';
import { senStepsToConfirm } from './sen-steps';

describe('where a review step moves a child on the register', () => {
  it.each<[SenStatus, 'step_up' | 'step_down', SenStatus | undefined]>([
    ['none', 'step_up', 'monitoring'],
    ['monitoring', 'step_up', 'sen_support'],
    ['sen_support', 'step_up', undefined],
    ['ehcp', 'step_up', undefined],
    ['sen_support', 'step_down', 'monitoring'],
    ['monitoring', 'step_down', 'none'],
    ['none', 'step_down', undefined],
    ['ehcp', 'step_down', undefined],
  ])('%s, %s → %s', (from, step, to) => {
    expect(senStatusAfterReview(from, ['continue', step])).toBe(to);
    // Whenever it stays, the screen can say why.
    if (to === undefined) expect(senStatusStaysBecause(from, [step])).toMatch(/\w/);
  });

  it('moves nothing without a step, or with both', () => {
    expect(senStatusAfterReview('monitoring', ['continue', 'new_targets'])).toBeUndefined();
    expect(senStatusAfterReview('monitoring', ['step_up', 'step_down'])).toBeUndefined();
    expect(senStatusStaysBecause('monitoring', ['step_up', 'step_down'])).toBe(
      'Choose step up or step down, not both.',
    );
  });
});

const child = (id: string, fields: Partial<StoredRecord<'child'>> = {}): StoredRecord<'child'> => ({
  id,
  firstName: id,
  lastName: 'Test',
  yearGroup: 4,
  gender: 'female',
  senStatus: 'monitoring',
  areasOfNeed: [],
  groups: [],
  ...fields,
});
const review = (
  id: string,
  childId: string,
  date: string,
  fields: Partial<StoredRecord<'review'>> = {},
): StoredRecord<'review'> => ({
  id,
  childId,
  date,
  targetOutcomes: [],
  decisions: ['step_up'],
  senStatusFrom: 'monitoring',
  senStatusTo: 'sen_support',
  recordedAt: `${date}T16:00:00.000Z`,
  ...fields,
});
const school = (fields: Partial<SchoolRecords>): SchoolRecords => ({
  ...emptySchoolRecords(),
  ...fields,
});

describe('steps waiting for the SENCo', () => {
  it('lists a step until the SENCo confirms or keeps the status', () => {
    const waiting = school({
      children: [child('rosie')],
      reviews: [review('r1', 'rosie', '2026-11-25')],
    });
    expect(senStepsToConfirm(waiting)).toEqual([
      expect.objectContaining({
        childId: 'rosie',
        from: 'monitoring',
        to: 'sen_support',
        reviewDate: '2026-11-25',
      }),
    ]);
    // Kept at monitoring, on the day of the review or later: settled.
    const kept = school({
      children: [child('rosie', { senStatusConfirmedOn: '2026-11-25' })],
      reviews: [review('r1', 'rosie', '2026-11-25')],
    });
    expect(senStepsToConfirm(kept)).toEqual([]);
    // Confirmed: the child is no longer at the status the step was from.
    const moved = school({
      children: [child('rosie', { senStatus: 'sen_support', senStatusConfirmedOn: '2026-11-26' })],
      reviews: [review('r1', 'rosie', '2026-11-25')],
    });
    expect(senStepsToConfirm(moved)).toEqual([]);
  });

  it('asks again about a later step, and only about the latest', () => {
    const again = school({
      children: [child('rosie', { senStatusConfirmedOn: '2026-10-01' })],
      reviews: [
        review('r0', 'rosie', '2026-09-30'),
        review('r1', 'rosie', '2026-11-25'),
        review('r2', 'rosie', '2026-11-01', {
          decisions: ['continue'],
          senStatusFrom: undefined,
          senStatusTo: undefined,
        }),
      ],
    });
    expect(senStepsToConfirm(again).map((s) => s.reviewId)).toEqual(['r1']);
  });

  it('drops a step the register has moved past, and a child who left', () => {
    const past = school({
      children: [child('ben', { senStatus: 'ehcp' }), child('ava', { leftOn: '2026-11-30' })],
      reviews: [review('r1', 'ben', '2026-11-25'), review('r2', 'ava', '2026-11-25')],
    });
    expect(senStepsToConfirm(past)).toEqual([]);
  });

  it('never puts to the SENCo a step the decisions do not make, whatever a device sent', () => {
    const forged = school({
      children: [child('ben'), child('ava')],
      reviews: [
        review('r1', 'ben', '2026-11-25', { senStatusTo: 'ehcp' }),
        review('r2', 'ava', '2026-11-25', { decisions: ['continue'] }),
      ],
    });
    expect(senStepsToConfirm(forged)).toEqual([]);
  });
});
