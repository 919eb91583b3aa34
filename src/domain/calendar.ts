/**
 * The school calendar: terms, half-term holidays and closures (INSET days),
 * and the questions asked of it: is this a school day, which half term is
 * it, when is the next termly review, which sessions were planned.
 *
 * Dates are calendar dates, `YYYY-MM-DD`, worked in UTC so a date never
 * shifts with the device's time zone or summer time.
 */
import type { School } from './records';

export type Term = School['terms'][number];
export type SchoolCalendar = Pick<School, 'terms' | 'closures'>;
export type IsoDate = string;

export const WEEKDAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

const DAY_MS = 86_400_000;

export const toDayNumber = (date: IsoDate): number => Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
export const fromDayNumber = (day: number): IsoDate =>
  new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: IsoDate, days: number): IsoDate =>
  fromDayNumber(toDayNumber(date) + days);
export const weekdayOf = (date: IsoDate): WeekdayCode =>
  WEEKDAY_CODES[new Date(`${date}T00:00:00.000Z`).getUTCDay()]!;
/** The local calendar date of an instant on this device. */
export const localDate = (at: Date = new Date()): IsoDate =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

/** Monday of the week containing `date`. */
export const startOfSchoolWeek = (date: IsoDate): IsoDate => {
  const offset = (new Date(`${date}T00:00:00.000Z`).getUTCDay() + 6) % 7;
  return addDays(date, -offset);
};

/**
 * Sensible defaults for England when a school has not set its own dates:
 * three terms, each with a one-week half-term holiday.
 */
export const ENGLAND_DEFAULT_TERMS: Term[] = [
  {
    name: 'Autumn 2025',
    start: '2025-09-03',
    end: '2025-12-19',
    halfTermStart: '2025-10-27',
    halfTermEnd: '2025-10-31',
  },
  {
    name: 'Spring 2026',
    start: '2026-01-05',
    end: '2026-03-27',
    halfTermStart: '2026-02-16',
    halfTermEnd: '2026-02-20',
  },
  {
    name: 'Summer 2026',
    start: '2026-04-13',
    end: '2026-07-22',
    halfTermStart: '2026-05-25',
    halfTermEnd: '2026-05-29',
  },
  {
    name: 'Autumn 2026',
    start: '2026-09-02',
    end: '2026-12-18',
    halfTermStart: '2026-10-26',
    halfTermEnd: '2026-10-30',
  },
  {
    name: 'Spring 2027',
    start: '2027-01-05',
    end: '2027-03-26',
    halfTermStart: '2027-02-15',
    halfTermEnd: '2027-02-19',
  },
  {
    name: 'Summer 2027',
    start: '2027-04-12',
    end: '2027-07-21',
    halfTermStart: '2027-05-31',
    halfTermEnd: '2027-06-04',
  },
  {
    name: 'Autumn 2027',
    start: '2027-09-01',
    end: '2027-12-17',
    halfTermStart: '2027-10-25',
    halfTermEnd: '2027-10-29',
  },
];

export const calendarOf = (school: Partial<SchoolCalendar> | undefined): SchoolCalendar => ({
  terms: school?.terms && school.terms.length > 0 ? school.terms : ENGLAND_DEFAULT_TERMS,
  closures: school?.closures ?? [],
});

const sortedTerms = (calendar: SchoolCalendar): Term[] =>
  [...calendar.terms].sort((a, b) => a.start.localeCompare(b.start));

export const termOf = (date: IsoDate, calendar: SchoolCalendar): Term | undefined =>
  sortedTerms(calendar).find((term) => term.start <= date && date <= term.end);

const inHalfTermHoliday = (date: IsoDate, term: Term): boolean =>
  !!term.halfTermStart &&
  !!term.halfTermEnd &&
  term.halfTermStart <= date &&
  date <= term.halfTermEnd;

export const isSchoolDay = (date: IsoDate, calendar: SchoolCalendar): boolean => {
  const weekday = weekdayOf(date);
  if (weekday === 'sat' || weekday === 'sun') return false;
  const term = termOf(date, calendar);
  if (!term || inHalfTermHoliday(date, term)) return false;
  return !calendar.closures.some((closure) => closure.date === date);
};

const nextWeekday = (date: IsoDate): IsoDate => {
  let next = addDays(date, 1);
  while (weekdayOf(next) === 'sat' || weekdayOf(next) === 'sun') next = addDays(next, 1);
  return next;
};

export type HalfTerm = { id: string; label: string; start: IsoDate; end: IsoDate };

/**
 * The half term a date falls in, e.g. "Autumn 2026 (1)". Holidays belong to
 * no half term; a term without half-term dates is one half term.
 */
export const halfTermOf = (date: IsoDate, calendar: SchoolCalendar): HalfTerm | undefined => {
  const term = termOf(date, calendar);
  if (!term || inHalfTermHoliday(date, term)) return undefined;
  if (!term.halfTermStart || !term.halfTermEnd) {
    return { id: `${term.name}:1`, label: term.name, start: term.start, end: term.end };
  }
  return date < term.halfTermStart
    ? {
        id: `${term.name}:1`,
        label: `${term.name} (1)`,
        start: term.start,
        end: addDays(term.halfTermStart, -1),
      }
    : {
        id: `${term.name}:2`,
        label: `${term.name} (2)`,
        start: nextWeekday(term.halfTermEnd),
        end: term.end,
      };
};

/** Every half term of the calendar, in order. */
export const halfTerms = (calendar: SchoolCalendar): HalfTerm[] =>
  sortedTerms(calendar).flatMap((term) => {
    const first = halfTermOf(term.start, calendar);
    const second = halfTermOf(term.end, calendar);
    return first && second && first.id !== second.id ? [first, second] : first ? [first] : [];
  });

/** The school days from `start` to `end`, both included. */
export const schoolDaysBetween = (
  start: IsoDate,
  end: IsoDate,
  calendar: SchoolCalendar,
): IsoDate[] => {
  const days: IsoDate[] = [];
  for (let day = toDayNumber(start); day <= toDayNumber(end); day++) {
    const date = fromDayNumber(day);
    if (isSchoolDay(date, calendar)) days.push(date);
  }
  return days;
};

/**
 * The next termly review: the last school day of the term `date` is in, or
 * of the next term when `date` is in a holiday.
 */
export const nextTermlyReview = (date: IsoDate, calendar: SchoolCalendar): IsoDate => {
  const term =
    termOf(date, calendar) ?? sortedTerms(calendar).find((candidate) => candidate.start > date);
  if (!term) return addDays(date, 42);
  let end = term.end;
  while (end > term.start && !isSchoolDay(end, calendar)) end = addDays(end, -1);
  return end;
};

/**
 * The dates a weekly schedule plans sessions on, between `start` and `end`
 * inclusive, on school days only (no weekends, holidays or closures).
 */
export const plannedSessionDates = (
  weekdays: readonly WeekdayCode[],
  start: IsoDate,
  end: IsoDate,
  calendar: SchoolCalendar,
): IsoDate[] => {
  const wanted = new Set(weekdays);
  return schoolDaysBetween(start, end, calendar).filter((date) => wanted.has(weekdayOf(date)));
};
