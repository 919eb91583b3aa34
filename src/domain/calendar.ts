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

/** A moment on the school's clock: a day and a time of day on the 24-hour clock, `HH:MM`. */
export type SchoolMoment = { date: IsoDate; time: string };

/** This device's local day and time, as a timetable slot is written. */
export const localMoment = (at: Date = new Date()): SchoolMoment => ({
  date: localDate(at),
  time: `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`,
});

/** Monday of the week containing `date`. */
/** A date as UK staff write it, `dd/mm/yyyy`, for messages built outside the screens. */
export const formatUkDate = (date: IsoDate): string =>
  `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

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

/** The terms of the school year that starts in September of `year`. */
export const termsOfSchoolYear = (terms: readonly Term[], year: number): Term[] =>
  terms.filter((term) => term.start >= `${year}-09-01` && term.end <= `${year + 1}-08-31`);

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
 * The review point after a review held on `date`: the last school day of
 * the next term (the term after the one `date` is in, or the first term to
 * start after a holiday). Why not the end of this term: a review is this
 * term's meeting, so the next is next term's; a default 16 days away would
 * give targets no time to work. Without a next term in the calendar, 13
 * weeks on (about a term).
 */
export const reviewPointAfter = (date: IsoDate, calendar: SchoolCalendar): IsoDate => {
  const current = termOf(date, calendar);
  const after = current?.end ?? date;
  const next = sortedTerms(calendar).find((candidate) => candidate.start > after);
  if (!next) return addDays(date, 91);
  let end = next.end;
  while (end > next.start && !isSchoolDay(end, calendar)) end = addDays(end, -1);
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

// ---------------------------------------------------------------- a new school's calendar

/** Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher). */
export const easterSunday = (year: number): IsoDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

const iso = (year: number, month: number, day: number): IsoDate =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const isWeekend = (date: IsoDate): boolean =>
  weekdayOf(date) === 'sat' || weekdayOf(date) === 'sun';
/** The first date on or after `date` that falls on `weekday`. */
const onOrAfter = (date: IsoDate, weekday: WeekdayCode): IsoDate => {
  let day = date;
  while (weekdayOf(day) !== weekday) day = addDays(day, 1);
  return day;
};
/** The last date on or before `date` that falls on `weekday`. */
const onOrBefore = (date: IsoDate, weekday: WeekdayCode): IsoDate => {
  let day = date;
  while (weekdayOf(day) !== weekday) day = addDays(day, -1);
  return day;
};
const firstWeekdayOnOrAfter = (date: IsoDate): IsoDate => {
  let day = date;
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
};
const lastWeekdayOnOrBefore = (date: IsoDate): IsoDate => {
  let day = date;
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
};

/**
 * The three terms of the school year that starts in September of
 * `startYear`, on the usual pattern of English local authorities:
 * - Autumn from the first weekday of September (the Monday after, when that
 *   is a Thursday or Friday) to 20 December or the weekday before it (the
 *   Friday before, when the 20th is a Monday or Tuesday), with the last full
 *   week of October off;
 * - Spring from the first weekday on or after 4 January, with the week of
 *   the third Monday of February off, to the day before the Easter break or
 *   before Good Friday, whichever comes first;
 * - the Easter break: two weeks from the Monday nearest 1 April, or from
 *   Easter Monday when that is earlier;
 * - Summer from the Monday after, with the week of the late-May bank holiday
 *   (the last Monday of May) off, to 22 July or the weekday before it.
 * Bank holidays inside a term are closures (`englandBankHolidays`). INSET
 * days differ in every school: the SENCo adds them.
 *
 * Why a pattern and not a table: a school set up in any year gets dates
 * within a day or two of its own, which the SENCo then corrects, instead of
 * no calendar (every report needs one).
 */
export const englandSchoolYear = (startYear: number): Term[] => {
  const next = startYear + 1;
  const firstOfSeptember = firstWeekdayOnOrAfter(iso(startYear, 9, 1));
  const autumnStart = ['thu', 'fri'].includes(weekdayOf(firstOfSeptember))
    ? onOrAfter(firstOfSeptember, 'mon')
    : firstOfSeptember;
  const twentiethOfDecember = iso(startYear, 12, 20);
  const autumnEnd = ['mon', 'tue'].includes(weekdayOf(twentiethOfDecember))
    ? onOrBefore(twentiethOfDecember, 'fri')
    : lastWeekdayOnOrBefore(twentiethOfDecember);
  const octoberHalfTerm = onOrBefore(iso(startYear, 10, 31), 'fri');
  const springStart = firstWeekdayOnOrAfter(iso(next, 1, 4));
  const februaryHalfTerm = addDays(onOrAfter(iso(next, 2, 1), 'mon'), 14);
  const easter = easterSunday(next);
  const goodFriday = addDays(easter, -2);
  const easterMonday = addDays(easter, 1);
  const firstOfApril = iso(next, 4, 1);
  const mondayBefore = onOrBefore(firstOfApril, 'mon');
  const nearestApril =
    toDayNumber(firstOfApril) - toDayNumber(mondayBefore) <= 3
      ? mondayBefore
      : addDays(mondayBefore, 7);
  const easterBreakStart = easterMonday < nearestApril ? easterMonday : nearestApril;
  const springEnd = lastWeekdayOnOrBefore(
    addDays(goodFriday < easterBreakStart ? goodFriday : easterBreakStart, -1),
  );
  const mayHalfTerm = onOrBefore(iso(next, 5, 31), 'mon');
  return [
    {
      name: `Autumn ${startYear}`,
      start: autumnStart,
      end: autumnEnd,
      halfTermStart: addDays(octoberHalfTerm, -4),
      halfTermEnd: octoberHalfTerm,
    },
    {
      name: `Spring ${next}`,
      start: springStart,
      end: springEnd,
      halfTermStart: februaryHalfTerm,
      halfTermEnd: addDays(februaryHalfTerm, 4),
    },
    {
      name: `Summer ${next}`,
      start: addDays(easterBreakStart, 14),
      end: lastWeekdayOnOrBefore(iso(next, 7, 22)),
      halfTermStart: mayHalfTerm,
      halfTermEnd: addDays(mayHalfTerm, 4),
    },
  ];
};

/**
 * The bank holidays of England that can fall in term time in the school
 * year from September of `startYear`: Good Friday, Easter Monday and the
 * early May bank holiday (the first Monday of May). Those inside a term are
 * returned, as closures.
 */
export const englandBankHolidays = (startYear: number): SchoolCalendar['closures'] => {
  const next = startYear + 1;
  const easter = easterSunday(next);
  const terms = englandSchoolYear(startYear);
  const candidates = [
    { date: addDays(easter, -2), reason: 'Good Friday' },
    { date: addDays(easter, 1), reason: 'Easter Monday' },
    { date: onOrAfter(iso(next, 5, 1), 'mon'), reason: 'Early May bank holiday' },
  ];
  return candidates.filter(({ date }) =>
    terms.some((term) => term.start <= date && date <= term.end),
  );
};

/** The school year (by its September's year) that `date` falls in; August counts as the year ending. */
export const schoolYearOf = (date: IsoDate): number => {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
};

/** A new school's calendar: the current and the next school year, on the England pattern. */
export const englandCalendarFrom = (date: IsoDate): SchoolCalendar => {
  const year = schoolYearOf(date);
  return {
    terms: [...englandSchoolYear(year), ...englandSchoolYear(year + 1)],
    closures: [...englandBankHolidays(year), ...englandBankHolidays(year + 1)],
  };
};
