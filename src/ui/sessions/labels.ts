/** Words and dates for intervention sessions, as TAs say them. */
import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import type { AbsenceReason } from '../../storage';

export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  ill: 'Unwell',
  refused: 'Refused',
  clash: 'Clashed with a lesson',
  out_of_school: 'Out of school',
  other: 'Other',
};

export const RATING_LABELS = ['', 'Struggled', 'Some progress', 'Good', 'Excellent'] as const;

export const PHASE_LABELS = { entry: 'Entry', interim: 'Interim', exit: 'Exit' } as const;

/** A calendar date (`YYYY-MM-DD`) read as a local date, never shifted by time zone. */
const local = (date: string): Date => parseISO(date);

/** "Mon 23 Nov" */
export const dayLabel = (date: string): string =>
  format(local(date), 'EEE d MMM', { locale: enGB });
/** "Monday 23 November 2026" */
export const longDayLabel = (date: string): string =>
  format(local(date), 'EEEE d MMMM yyyy', { locale: enGB });
/** "23/11/2026" */
export const ukDate = (date: string): string => format(local(date), 'dd/MM/yyyy', { locale: enGB });

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
