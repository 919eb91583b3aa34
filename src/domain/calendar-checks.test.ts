import { describe, expect, it } from 'vitest';
import { englandBankHolidays, englandSchoolYear } from './calendar';
import { checkSchoolCalendar } from './calendar-checks';

const autumn = {
  name: 'Autumn 2027',
  start: '2027-09-02',
  end: '2027-12-17',
  halfTermStart: '2027-10-25',
  halfTermEnd: '2027-10-29',
};
const spring = { name: 'Spring 2028', start: '2028-01-04', end: '2028-03-31' };

describe('checking a school calendar', () => {
  it('accepts the usual England year with its bank holidays', () => {
    expect(
      checkSchoolCalendar({ terms: englandSchoolYear(2027), closures: englandBankHolidays(2027) }),
    ).toEqual({});
  });

  it('refuses a term that ends before it starts, beside its last day', () => {
    expect(
      checkSchoolCalendar({ terms: [{ ...autumn, end: '2027-09-01' }], closures: [] }),
    ).toEqual({
      'terms.0.end': 'The last day of term must be after the first.',
    });
  });

  it('asks for both half-term days or neither, inside the term', () => {
    expect(
      checkSchoolCalendar({ terms: [{ ...autumn, halfTermEnd: undefined }], closures: [] }),
    ).toEqual({ 'terms.0.halfTermEnd': 'Enter both days of the half-term holiday, or neither.' });
    expect(
      checkSchoolCalendar({
        terms: [{ ...autumn, halfTermStart: '2027-12-20', halfTermEnd: '2027-12-24' }],
        closures: [],
      }),
    ).toEqual({ 'terms.0.halfTermStart': 'The half-term holiday must fall inside the term.' });
  });

  it('refuses terms that overlap, whatever order they are listed in', () => {
    const overlapping = { ...spring, start: '2027-12-01' };
    expect(checkSchoolCalendar({ terms: [overlapping, autumn], closures: [] })).toEqual({
      'terms.0.start': 'This term starts before Autumn 2027 ends.',
    });
  });

  it('keeps a closure to a weekday in a term, named once, with a reason', () => {
    const terms = [autumn, spring];
    expect(
      checkSchoolCalendar({
        terms,
        closures: [
          { date: '2027-11-19', reason: 'INSET day' },
          { date: '2027-11-19', reason: 'INSET day' },
          { date: '2027-11-20', reason: 'INSET day' },
          { date: '2027-12-22', reason: 'INSET day' },
          { date: '2028-01-05', reason: ' ' },
          { date: '', reason: 'INSET day' },
        ],
      }),
    ).toEqual({
      'closures.1.date': 'This day is already in the list.',
      'closures.2.date': 'This is a weekend: the school is closed anyway.',
      'closures.3.date': 'This day is not in any term.',
      'closures.4.reason': 'Say why, such as INSET day.',
      'closures.5.date': 'Enter the date the school is closed.',
    });
  });
});
