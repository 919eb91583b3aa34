import { describe, expect, it } from 'vitest';
import {
  calendarOf,
  halfTermOf,
  isSchoolDay,
  nextTermlyReview,
  reviewPointAfter,
  plannedSessionDates,
  startOfSchoolWeek,
} from './calendar';
import { AUTUMN_2026, SPRING_2027, TEST_CALENDAR } from './testing';

const calendar = calendarOf(TEST_CALENDAR);

describe('school calendar', () => {
  it('knows weekends, half term and INSET days are not school days', () => {
    expect(isSchoolDay('2026-11-23', calendar)).toBe(true);
    expect(isSchoolDay('2026-11-22', calendar)).toBe(false); // Sunday
    expect(isSchoolDay('2026-10-28', calendar)).toBe(false); // half term
    expect(isSchoolDay('2026-11-27', calendar)).toBe(false); // INSET
    expect(isSchoolDay('2026-12-21', calendar)).toBe(false); // Christmas holiday
  });

  it('names the half term of a date', () => {
    expect(halfTermOf('2026-09-10', calendar)?.label).toBe('Autumn 2026 (1)');
    expect(halfTermOf('2026-11-23', calendar)).toMatchObject({
      label: 'Autumn 2026 (2)',
      start: '2026-11-02',
    });
    expect(halfTermOf('2026-10-27', calendar)).toBeUndefined();
  });

  it('plans sessions on the scheduled weekdays, skipping holidays and INSET days', () => {
    // Mon and Fri, 19 Oct - 27 Nov: half term (26-30 Oct) and INSET (Fri 27 Nov) drop out.
    const dates = plannedSessionDates(['mon', 'fri'], '2026-10-19', '2026-11-27', calendar);
    expect(dates).toEqual([
      '2026-10-19',
      '2026-10-23',
      '2026-11-02',
      '2026-11-06',
      '2026-11-09',
      '2026-11-13',
      '2026-11-16',
      '2026-11-20',
      '2026-11-23',
    ]);
  });

  it('puts the next termly review on the last school day of the term', () => {
    expect(nextTermlyReview('2026-11-23', calendar)).toBe('2026-12-18');
  });

  it('puts the review after one held now at the end of next term, not this one', () => {
    const year = calendarOf({ ...TEST_CALENDAR, terms: [AUTUMN_2026, SPRING_2027] });
    // Spring 2027 ends on Friday 26 March.
    expect(reviewPointAfter('2026-11-23', year)).toBe('2027-03-26');
    // Held in the Christmas holiday: the next term is still spring.
    expect(reviewPointAfter('2026-12-28', year)).toBe('2027-03-26');
    // Held in the last term the calendar knows: about a term on.
    expect(reviewPointAfter('2027-02-01', year)).toBe('2027-05-03');
  });

  it('starts school weeks on Monday', () => {
    expect(startOfSchoolWeek('2026-11-26')).toBe('2026-11-23');
    expect(startOfSchoolWeek('2026-11-22')).toBe('2026-11-16');
  });
});
