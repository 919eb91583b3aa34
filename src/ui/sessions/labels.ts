/** Words and dates for intervention sessions, as TAs say them. */
import { localMidnight, longDay, numericDate, shortDay } from '../dates';
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

/** "Mon 23 Nov", for a calendar date (`YYYY-MM-DD`). */
export const dayLabel = (date: string): string => shortDay(localMidnight(date));
/** "Monday 23 November 2026" */
export const longDayLabel = (date: string): string => longDay(localMidnight(date));
/** "23/11/2026" */
export const ukDate = (date: string): string => numericDate(localMidnight(date));

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
