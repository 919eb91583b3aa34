/**
 * Shared state and helpers for the SENCo's screens: the whole school as
 * plain arrays from the device (a live query, so a sync that lands while a
 * report is open updates it), the school calendar, money and percentage
 * wording.
 */
import { calendarOf, localDate, type SchoolCalendar } from '../../domain';
import { schoolRecordNames, type RecordWords, type SchoolRecords } from '../../domain/reports';
import { schoolRecords, type LocalStore } from '../../storage';
import { formatDate, formatTime } from '../format';
import { useWatch } from '../hooks/use-watch';

export const useSchoolRecords = (store: LocalStore): SchoolRecords | undefined =>
  useWatch(() => schoolRecords(store), [store]);

export const calendarFor = (records: SchoolRecords): SchoolCalendar => calendarOf(records.school);

export const today = (): string => localDate();

const GBP = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
export const money = (pence: number | null | undefined): string =>
  pence === null || pence === undefined ? '—' : GBP.format(pence / 100);

export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${Math.round(value)}%`;

export const num = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined
    ? '—'
    : value.toLocaleString('en-GB', { maximumFractionDigits: digits });

export const points = (value: number | null | undefined): string =>
  value === null || value === undefined
    ? '—'
    : `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)} pts`;

export const csvName = (what: string): string => `${what}-${today()}.csv`;

/** "26/10/2015", from the date as written, whatever the time zone. */
const ukDate = (isoDate: string): string => isoDate.slice(0, 10).split('-').reverse().join('/');

/**
 * The words of a CSV file: records by their names on this device, dates
 * the UK way, and times in full ("23/11/2026 09:15"), since a file is read
 * long after it is made.
 */
export const csvWords = (records: SchoolRecords): RecordWords => ({
  nameOf: schoolRecordNames(records, ukDate),
  date: ukDate,
  when: (iso) => `${formatDate(iso)} ${formatTime(iso)}`,
});
