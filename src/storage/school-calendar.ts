/**
 * The school calendar as the SENCo edits it: read from the school record on
 * this device, checked (src/domain/calendar-checks.ts), and saved as one
 * patch of the school record's `terms` and `closures`, which syncs to every
 * device like any other change. Why whole lists and not one term at a time:
 * a calendar is only right as a whole (terms must not overlap), and the
 * school record merges field by field, so two SENCos editing at once end
 * with one whole calendar, never half of each.
 */
import { checkSchoolCalendar, type SchoolCalendar } from '../domain';
import { patchEntity } from './commands';
import type { LocalStore } from './local-store';
import { isLive } from './rows';
import { ValidationError } from './validation';

export type SchoolCalendarView = {
  schoolId: string;
  schoolName: string;
  /** What the school record holds; empty lists when it holds none yet. */
  calendar: SchoolCalendar;
  /** True when the school has no terms of its own and reports use the England pattern. */
  usesDefault: boolean;
};

export const schoolCalendarView = async (store: LocalStore): Promise<SchoolCalendarView | null> => {
  const school = (await store.db.records('school').toArray()).find(isLive);
  if (!school) return null;
  const terms = school.terms ?? [];
  return {
    schoolId: school.id,
    schoolName: school.name,
    calendar: {
      terms: [...terms].sort((a, b) => a.start.localeCompare(b.start)),
      closures: [...(school.closures ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    },
    usesDefault: terms.length === 0,
  };
};

/** Checks and saves the whole calendar; refuses with field errors and writes nothing. */
export const saveSchoolCalendar = async (
  store: LocalStore,
  schoolId: string,
  calendar: SchoolCalendar,
): Promise<void> => {
  const tidy: SchoolCalendar = {
    terms: calendar.terms.map((term) => ({
      name: term.name.trim(),
      start: term.start,
      end: term.end,
      ...(term.halfTermStart ? { halfTermStart: term.halfTermStart } : {}),
      ...(term.halfTermEnd ? { halfTermEnd: term.halfTermEnd } : {}),
    })),
    closures: calendar.closures.map((c) => ({ date: c.date, reason: c.reason.trim() })),
  };
  const errors = checkSchoolCalendar(tidy);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  tidy.terms.sort((a, b) => a.start.localeCompare(b.start));
  tidy.closures.sort((a, b) => a.date.localeCompare(b.date));
  await patchEntity(store, 'school', schoolId, tidy);
};
