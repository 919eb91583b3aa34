// The words every screen uses for dates and times, pinned to what staff have
// always seen ("Mon 3 Nov", "Monday 3 November 2026", "03/11/2026", "09:05"),
// for every month and weekday, so that a change of formatter (or of the
// browser's locale data) cannot change what a screen prints.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDay, formatTime, formatWhen } from './format';
import { dayLabel, longDayLabel, ukDate } from './sessions/labels';
import { lostEditSentence } from './components/lost-edit-model';

/** A local wall-clock time as an ISO string, whatever the machine's time zone. */
const localIso = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).toISOString();

afterEach(() => {
  vi.useRealTimers();
});

describe('days and dates', () => {
  // One day in each month of the school year, on every weekday.
  const cases: [string, string, string, string][] = [
    ['2026-01-05', 'Mon 5 Jan', 'Monday 5 January 2026', '05/01/2026'],
    ['2026-02-10', 'Tue 10 Feb', 'Tuesday 10 February 2026', '10/02/2026'],
    ['2026-03-18', 'Wed 18 Mar', 'Wednesday 18 March 2026', '18/03/2026'],
    ['2026-04-02', 'Thu 2 Apr', 'Thursday 2 April 2026', '02/04/2026'],
    ['2026-05-29', 'Fri 29 May', 'Friday 29 May 2026', '29/05/2026'],
    ['2026-06-13', 'Sat 13 Jun', 'Saturday 13 June 2026', '13/06/2026'],
    ['2026-07-19', 'Sun 19 Jul', 'Sunday 19 July 2026', '19/07/2026'],
    ['2026-08-31', 'Mon 31 Aug', 'Monday 31 August 2026', '31/08/2026'],
    ['2026-09-08', 'Tue 8 Sep', 'Tuesday 8 September 2026', '08/09/2026'],
    ['2026-10-28', 'Wed 28 Oct', 'Wednesday 28 October 2026', '28/10/2026'],
    ['2026-11-03', 'Tue 3 Nov', 'Tuesday 3 November 2026', '03/11/2026'],
    ['2026-12-31', 'Thu 31 Dec', 'Thursday 31 December 2026', '31/12/2026'],
    ['2027-03-28', 'Sun 28 Mar', 'Sunday 28 March 2027', '28/03/2027'],
  ];
  it.each(cases)('a calendar date %s reads "%s", "%s", "%s"', (date, short, long, numeric) => {
    expect(dayLabel(date)).toBe(short);
    expect(longDayLabel(date)).toBe(long);
    expect(ukDate(date)).toBe(numeric);
  });
  it.each(cases)('a moment on %s reads the same day', (date, short, _long, numeric) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const iso = localIso(y, m, d, 23, 59);
    expect(formatDay(iso)).toBe(short);
    expect(formatDate(iso)).toBe(numeric);
  });
});

describe('times of day', () => {
  it.each([
    [0, 0, '00:00'],
    [0, 5, '00:05'],
    [9, 5, '09:05'],
    [12, 0, '12:00'],
    [13, 30, '13:30'],
    [23, 59, '23:59'],
  ])('%i:%i reads %s, on the 24-hour clock', (h, min, words) => {
    expect(formatTime(localIso(2026, 11, 3, h, min))).toBe(words);
  });
});

describe('when something happened', () => {
  it('says today, yesterday, or the day, with the time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 10, 3, 10, 0));
    expect(formatWhen(localIso(2026, 11, 3, 9, 15))).toBe('today at 09:15');
    expect(formatWhen(localIso(2026, 11, 3, 0, 0))).toBe('today at 00:00');
    expect(formatWhen(localIso(2026, 11, 2, 23, 59))).toBe('yesterday at 23:59');
    expect(formatWhen(localIso(2026, 11, 2, 16, 2))).toBe('yesterday at 16:02');
    expect(formatWhen(localIso(2026, 11, 1, 23, 59))).toBe('Sun 1 Nov at 23:59');
    expect(formatWhen(localIso(2025, 11, 3, 9, 15))).toBe('Mon 3 Nov at 09:15');
    expect(formatWhen(localIso(2026, 11, 4, 8, 0))).toBe('Wed 4 Nov at 08:00');
  });
  it('knows yesterday across the start of a month and a year', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2027, 0, 1, 8, 0));
    expect(formatWhen(localIso(2026, 12, 31, 15, 0))).toBe('yesterday at 15:00');
    vi.setSystemTime(new Date(2026, 2, 1, 8, 0));
    expect(formatWhen(localIso(2026, 2, 28, 15, 0))).toBe('yesterday at 15:00');
  });
  it('in a lost change, gives the time alone today and the day and time before', () => {
    const now = new Date(2026, 8, 8, 15, 0);
    const notice = {
      id: 'n/text',
      entity: 'target',
      entityId: 'e',
      field: 'text',
      value: 'Reads',
      by: { staffId: 's', name: 'Sam Patel' },
      noticedAt: now.toISOString(),
    };
    expect(lostEditSentence({ ...notice, at: localIso(2026, 9, 8, 0, 1) }, now)).toBe(
      'Your change to the target’s wording (“Reads”) was overwritten by Sam Patel at 00:01.',
    );
    expect(lostEditSentence({ ...notice, at: localIso(2026, 9, 7, 23, 59) }, now)).toBe(
      'Your change to the target’s wording (“Reads”) was overwritten by Sam Patel on Mon 7 Sep at 23:59.',
    );
    expect(lostEditSentence({ ...notice, at: 'not a date' }, now)).toBe(
      'Your change to the target’s wording (“Reads”) was overwritten by Sam Patel.',
    );
  });
});
