/** UK dates and times for people: "Mon 23 Nov", "23/11/2026", "09:15". */
import { dayBefore, isSameLocalDay, numericDate, shortDay, timeOfDay } from './dates';

export const formatTime = (iso: string): string => timeOfDay(new Date(iso));

export const formatDay = (iso: string): string => shortDay(new Date(iso));

export const formatDate = (iso: string): string => numericDate(new Date(iso));

/** "today at 09:15", "yesterday at 16:02", "Mon 23 Nov at 09:15". */
export const formatWhen = (iso: string): string => {
  const date = new Date(iso);
  const now = new Date();
  const time = formatTime(iso);
  if (isSameLocalDay(date, now)) return `today at ${time}`;
  if (isSameLocalDay(date, dayBefore(now))) return `yesterday at ${time}`;
  return `${formatDay(iso)} at ${time}`;
};

export const startOfTodayIso = (now = new Date()): string => {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return start.toISOString();
};
