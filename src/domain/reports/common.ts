/**
 * What every report shares: the records a report reads (plain arrays, so a
 * benchmark or a test can call a report without a database), the rule that
 * a superseded or withdrawn event does not count, dosage and cost per
 * session, and RAG ratings.
 *
 * Money is in pence as a (possibly fractional) number; rounding is for
 * display only, so totals add up exactly.
 */
import {
  addDays,
  startOfSchoolWeek,
  type IsoDate,
  type SchoolCalendar,
  type SchoolMoment,
} from '../calendar';
import { plannedSessions } from '../provision';
import type { StoredRecord } from '../records';

/** Every record a report may read, as plain arrays. */
export type SchoolRecords = {
  school?: StoredRecord<'school'>;
  staff: StoredRecord<'staff'>[];
  classes: StoredRecord<'class'>[];
  children: StoredRecord<'child'>[];
  focusChildren: StoredRecord<'focusChild'>[];
  learningPlans: StoredRecord<'learningPlan'>[];
  targets: StoredRecord<'target'>[];
  passports: StoredRecord<'passport'>[];
  provisions: StoredRecord<'provision'>[];
  interventions: StoredRecord<'intervention'>[];
  ticks: StoredRecord<'tick'>[];
  sessions: StoredRecord<'interventionSession'>[];
  scores: StoredRecord<'assessmentScore'>[];
  reviews: StoredRecord<'review'>[];
  /** The SEN register history's entries, corrections included. */
  senRegister: StoredRecord<'senRegisterEntry'>[];
};

export const emptySchoolRecords = (): SchoolRecords => ({
  staff: [],
  classes: [],
  children: [],
  focusChildren: [],
  learningPlans: [],
  targets: [],
  passports: [],
  provisions: [],
  interventions: [],
  ticks: [],
  sessions: [],
  scores: [],
  reviews: [],
  senRegister: [],
});

// ---------------------------------------------------------------- dates

export type DateRange = { start: IsoDate; end: IsoDate };

export const inRange = (date: IsoDate, range: DateRange): boolean =>
  range.start <= date && date <= range.end;

/** Monday to Friday of the school week containing `date`. */
export const schoolWeekOf = (date: IsoDate): DateRange => {
  const start = startOfSchoolWeek(date);
  return { start, end: addDays(start, 4) };
};

/**
 * The calendar date of an instant. Why the UTC date: records carry ISO
 * instants and UK school hours never cross UTC midnight (the UK is UTC+0 or
 * +1), so the UTC date is the school date without knowing the time zone.
 */
export const dateOfInstant = (iso: string): IsoDate => iso.slice(0, 10);

// ---------------------------------------------------------------- dosage and cost

/**
 * The dates an intervention was planned to run inside a range (school days
 * only; two slots on one weekday are two dates), from the same planning rule
 * the TA's screens use (provision.ts, `plannedSessions`).
 */
export const plannedDatesIn = (
  intervention: Pick<StoredRecord<'intervention'>, 'schedule' | 'startDate' | 'endDate'>,
  range: DateRange,
  calendar: SchoolCalendar,
  /** When given, only the sessions whose time has come by then. */
  dueBy?: SchoolMoment,
): IsoDate[] =>
  plannedSessions(
    { ...intervention, id: '' },
    calendar,
    { from: range.start, to: range.end },
    dueBy,
  ).map((planned) => planned.date);

/** Delivered / planned as a percentage, or null when nothing was planned. */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? (part / whole) * 100 : null;

/** What one session costs in staff time, in pence. */
export const sessionStaffCost = (minutes: number, hourlyPence: number): number =>
  (minutes / 60) * hourlyPence;

/**
 * The staff cost of a delivered session that falls to each child present.
 * A group session's cost is shared by the children who came (it was spent
 * on them); a one-to-one provision gives each child present their own
 * session, so each carries a whole session's cost. When nobody came the
 * cost still happened: it is shared by everyone on the register.
 */
export const staffCostPerChild = (
  session: Pick<StoredRecord<'interventionSession'>, 'minutes' | 'attendance'>,
  provision: Pick<StoredRecord<'provision'>, 'format' | 'staffHourlyCostPence'>,
): { childIds: string[]; pence: number } => {
  const present = session.attendance.filter((entry) => entry.isPresent).map((e) => e.childId);
  const full = sessionStaffCost(session.minutes, provision.staffHourlyCostPence);
  if (present.length === 0) {
    const everyone = session.attendance.map((entry) => entry.childId);
    return {
      childIds: everyone,
      pence: provision.format === 'one_to_one' ? full : full / Math.max(1, everyone.length),
    };
  }
  return {
    childIds: present,
    pence: provision.format === 'one_to_one' ? full : full / present.length,
  };
};

// ---------------------------------------------------------------- RAG

export const RAGS = ['red', 'amber', 'green', 'none'] as const;
export type Rag = (typeof RAGS)[number];
export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  none: 'No data',
};

/**
 * Green at or above `green`, amber at or above `amber`, red below; `none`
 * when there is no value. Both bounds are inclusive on the better side.
 */
export const ragAtLeast = (
  value: number | null | undefined,
  bounds: { green: number; amber: number },
): Rag => {
  if (value === null || value === undefined || Number.isNaN(value)) return 'none';
  if (value >= bounds.green) return 'green';
  if (value >= bounds.amber) return 'amber';
  return 'red';
};

// ---------------------------------------------------------------- children

export { childName, isOnSenRegister, legalName } from '../people';

export const byName = <T extends { name: string }>(a: T, b: T): number =>
  a.name.localeCompare(b.name);
