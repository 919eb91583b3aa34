/**
 * Dates and times in the words UK staff read, made with the browser's own
 * Intl (en-GB) and no date library: "Mon 3 Nov", "Monday 3 November 2026",
 * "03/11/2026", "09:05"; and the few calendar comparisons the screens need.
 * Every value is read in the device's local time.
 *
 * Why the parts are put together here and not left to one Intl pattern: the
 * browser's locale data changes between versions (newer data writes "Sept"
 * for September and puts a comma after the weekday), and a screen must print
 * the same words on every tablet in the school.
 */
const weekdayShort = new Intl.DateTimeFormat('en-GB', { weekday: 'short' });
const weekdayLong = new Intl.DateTimeFormat('en-GB', { weekday: 'long' });
const monthLong = new Intl.DateTimeFormat('en-GB', { month: 'long' });
const time24 = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** "Mon": English weekday abbreviations are the first three letters. */
const shortWeekday = (date: Date): string => weekdayShort.format(date).slice(0, 3);
/** "Nov", "Sep": English month abbreviations are the first three letters. */
const shortMonth = (date: Date): string => monthLong.format(date).slice(0, 3);

/** "09:05", on the 24-hour clock. */
export const timeOfDay = (date: Date): string => time24.format(date);

/** "Mon 3 Nov" */
export const shortDay = (date: Date): string =>
  `${shortWeekday(date)} ${date.getDate()} ${shortMonth(date)}`;

/** "Monday 3 November 2026" */
export const longDay = (date: Date): string =>
  `${weekdayLong.format(date)} ${date.getDate()} ${monthLong.format(date)} ${date.getFullYear()}`;

/** "03/11/2026" */
export const numericDate = (date: Date): string =>
  `${twoDigits(date.getDate())}/${twoDigits(date.getMonth() + 1)}/${date.getFullYear()}`;

/**
 * A calendar date (`YYYY-MM-DD`) as local midnight, never shifted by time
 * zone (`new Date('2026-11-03')` would be midnight UTC, the evening before
 * west of Greenwich). Anything longer is read as a moment.
 */
export const localMidnight = (date: string): Date => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return new Date(date);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};

export const isSameLocalDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() &&
  a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

/** The day before, by the calendar (a day of 23 or 25 hours at a clock change included). */
export const dayBefore = (date: Date): Date => {
  const before = new Date(date);
  before.setDate(before.getDate() - 1);
  return before;
};
