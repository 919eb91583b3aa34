import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  ENGLAND_DEFAULT_TERMS,
  englandBankHolidays,
  englandCalendarFrom,
  englandSchoolYear,
  isSchoolDay,
  schoolYearOf,
  termsOfSchoolYear,
  weekdayOf,
} from './calendar';

describe("a new school's calendar on the England pattern", () => {
  it('finds Easter Sunday', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2028)).toBe('2028-04-16');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('gives 2025-26 the half terms and holidays English local authorities published', () => {
    const [autumn, spring, summer] = englandSchoolYear(2025);
    expect(autumn).toMatchObject({
      end: '2025-12-19',
      halfTermStart: '2025-10-27',
      halfTermEnd: '2025-10-31',
    });
    expect(spring).toEqual({
      name: 'Spring 2026',
      start: '2026-01-05',
      end: '2026-03-27',
      halfTermStart: '2026-02-16',
      halfTermEnd: '2026-02-20',
    });
    expect(summer).toEqual({
      name: 'Summer 2026',
      start: '2026-04-13',
      end: '2026-07-22',
      halfTermStart: '2026-05-25',
      halfTermEnd: '2026-05-29',
    });
    // Easter falls in the break; the early May bank holiday is a closure.
    expect(englandBankHolidays(2025)).toEqual([
      { date: '2026-05-04', reason: 'Early May bank holiday' },
    ]);
  });

  it('ends Spring before Good Friday when Easter comes before the break', () => {
    // Easter 2027 is 28 March: Good Friday the 26th, the break from Easter Monday.
    const [, spring, summer] = englandSchoolYear(2026);
    expect(spring!.end).toBe('2027-03-25');
    expect(summer!.start).toBe('2027-04-12');
  });

  it('closes for Good Friday and Easter Monday when a late Easter falls in the Summer term', () => {
    // Easter 2038 is 25 April.
    expect(englandBankHolidays(2037).map((day) => day.reason)).toEqual([
      'Good Friday',
      'Easter Monday',
      'Early May bank holiday',
    ]);
  });

  it('starts and ends every term and half term on a weekday, each holiday a Monday to Friday, for 30 years', () => {
    for (let year = 2020; year < 2050; year++) {
      const terms = englandSchoolYear(year);
      expect(terms).toHaveLength(3);
      for (const term of terms) {
        expect(['mon', 'tue', 'wed', 'thu', 'fri']).toContain(weekdayOf(term.start));
        expect(['mon', 'tue', 'wed', 'thu', 'fri']).toContain(weekdayOf(term.end));
        expect(weekdayOf(term.halfTermStart!)).toBe('mon');
        expect(weekdayOf(term.halfTermEnd!)).toBe('fri');
        expect(term.start < term.halfTermStart! && term.halfTermEnd! < term.end).toBe(true);
      }
      // In order, with no overlap, and about 190 school days in the year.
      expect(terms[0]!.end < terms[1]!.start && terms[1]!.end < terms[2]!.start).toBe(true);
      const calendar = { terms, closures: englandBankHolidays(year) };
      let days = 0;
      for (
        let at = Date.parse(`${terms[0]!.start}T00:00:00Z`);
        at <= Date.parse(`${terms[2]!.end}T00:00:00Z`);
        at += 86_400_000
      ) {
        if (isSchoolDay(new Date(at).toISOString().slice(0, 10), calendar)) days++;
      }
      // 190 days with children plus five INSET days, give or take a few.
      expect(days).toBeGreaterThanOrEqual(190);
      expect(days).toBeLessThanOrEqual(198);
    }
  });

  it('covers the current and the next school year from any date', () => {
    expect(schoolYearOf('2026-12-02')).toBe(2026);
    expect(schoolYearOf('2027-08-31')).toBe(2026);
    expect(schoolYearOf('2027-09-01')).toBe(2027);
    const { terms, closures } = englandCalendarFrom('2026-12-02');
    expect(closures.length).toBeGreaterThan(0);
    expect(terms.map((term) => term.name)).toEqual([
      'Autumn 2026',
      'Spring 2027',
      'Summer 2027',
      'Autumn 2027',
      'Spring 2028',
      'Summer 2028',
    ]);
  });

  it("picks one school year's terms out of a longer list", () => {
    expect(termsOfSchoolYear(ENGLAND_DEFAULT_TERMS, 2026).map((term) => term.name)).toEqual([
      'Autumn 2026',
      'Spring 2027',
      'Summer 2027',
    ]);
    expect(termsOfSchoolYear(ENGLAND_DEFAULT_TERMS, 2030)).toEqual([]);
  });
});
