/** UK dates and times for people: "Mon 23 Nov", "23/11/2026", "09:15". */
import { format, isToday, isYesterday } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';

export const formatTime = (iso: string): string => format(new Date(iso), 'HH:mm', { locale: enGB });

export const formatDay = (iso: string): string =>
  format(new Date(iso), 'EEE d MMM', { locale: enGB });

export const formatDate = (iso: string): string =>
  format(new Date(iso), 'dd/MM/yyyy', { locale: enGB });

/** "today at 09:15", "yesterday at 16:02", "Mon 23 Nov at 09:15". */
export const formatWhen = (iso: string): string => {
  const date = new Date(iso);
  const time = formatTime(iso);
  if (isToday(date)) return `today at ${time}`;
  if (isYesterday(date)) return `yesterday at ${time}`;
  return `${formatDay(iso)} at ${time}`;
};

export const startOfTodayIso = (now = new Date()): string => {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return start.toISOString();
};
