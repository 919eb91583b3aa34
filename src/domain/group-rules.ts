/**
 * The rules an intervention group must meet as a whole (each field's own
 * rules are the record schema's): who is in it, who runs it, when it meets,
 * and between which dates. Pure, so the SENCo's form, the storage command
 * that saves a group and the groups list all judge a group the same way.
 * Also the defaults a new group starts from: its weekly slots from the
 * provision's sessions a week, and its dates from the school calendar.
 */
import { nextTermlyReview, type IsoDate, type SchoolCalendar } from './calendar';
import { plannedSessions } from './provision';
import { WEEKDAYS, type Intervention, type Provision } from './records';

export type GroupFields = Omit<Intervention, 'isArchived'>;
export type Slot = Intervention['schedule'][number];
export type Weekday = Slot['weekday'];

/** The record schema's limits (records.ts, interventionSchema). */
export const GROUP_LIMITS = { children: 40, staff: 10, slots: 10 } as const;

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
};

// ---------------------------------------------------------------- defaults

/** Weekdays spread through the week for 1 to 5 sessions. */
const SPREAD: Record<number, Weekday[]> = {
  1: ['mon'],
  2: ['tue', 'thu'],
  3: ['mon', 'wed', 'fri'],
  4: ['mon', 'tue', 'thu', 'fri'],
  5: [...WEEKDAYS],
};

/**
 * A first weekly schedule for a provision run `sessionsPerWeek` times:
 * mornings spread through the week, and beyond five a second, afternoon
 * session on the same days. The SENCo changes days and times to the
 * timetable; this only saves typing the usual shape.
 */
export const defaultSchedule = (sessionsPerWeek: number): Slot[] => {
  const count = Math.max(1, Math.min(GROUP_LIMITS.slots, Math.round(sessionsPerWeek)));
  const mornings = (SPREAD[Math.min(count, 5)] ?? []).map((weekday) => ({
    weekday,
    time: '09:00',
  }));
  const afternoons = WEEKDAYS.slice(0, Math.max(0, count - 5)).map((weekday) => ({
    weekday,
    time: '13:30',
  }));
  return [...mornings, ...afternoons];
};

/**
 * A new group runs from today to the end of the current term (the last
 * school day of the term, or of the next term when today is a holiday).
 */
export const defaultGroupDates = (
  today: IsoDate,
  calendar: SchoolCalendar,
): { startDate: IsoDate; endDate: IsoDate } => ({
  startDate: today,
  endDate: nextTermlyReview(today, calendar),
});

// ---------------------------------------------------------------- checks

const isDate = (value: unknown): value is IsoDate =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

const isTime = (value: string): boolean => {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return !!match && Number(match[1]) < 24 && Number(match[2]) < 60;
};

export type GroupContext = {
  /** The provision the group is an instance of, as this device holds it. */
  provision?: Pick<Provision, 'name' | 'format' | 'isArchived'>;
  calendar: SchoolCalendar;
  /**
   * Whether the group is new or its provision is being changed: an archived
   * provision may not be chosen, but a group already running one keeps it.
   */
  isChoosingProvision: boolean;
};

/**
 * Every problem with a group, keyed by field (`schedule.2` for one slot),
 * each in words a SENCo can act on. Empty when the group is fine.
 */
export const checkGroup = (
  group: Partial<GroupFields>,
  context: GroupContext,
): Record<string, string> => {
  const errors: Record<string, string> = {};
  const { provision } = context;

  if (!group.provisionId) errors.provisionId = 'Choose a provision from the library.';
  else if (!provision) errors.provisionId = 'That provision is not in the library on this device.';
  else if (provision.isArchived && context.isChoosingProvision) {
    errors.provisionId = `${provision.name} has been archived: choose another provision.`;
  }

  if (!group.name?.trim()) errors.name = 'Enter a name for the group.';

  const children = group.childIds ?? [];
  if (children.length === 0) errors.childIds = 'Choose at least one child.';
  else if (children.length > GROUP_LIMITS.children) {
    errors.childIds = `A group has at most ${GROUP_LIMITS.children} children: ${children.length} are chosen.`;
  } else if (provision?.format === 'one_to_one' && children.length > 1) {
    // Refused, not warned: a one-to-one provision is planned and costed as a
    // whole session for each child (the provision map charges every child a
    // full session), while a TA logs one register per session. A "1:1" group
    // of three would plan three children's worth of one-to-one time that is
    // never given, and its dosage and cost per pupil would both be wrong.
    // What a SENCo means by it is one 1:1 group per child, so say so.
    errors.childIds = `${provision.name} is one-to-one: choose one child. For ${children.length} children, make a group for each.`;
  }

  const staff = group.staffIds ?? [];
  if (staff.length === 0) errors.staffIds = 'Choose who runs the group.';
  else if (staff.length > GROUP_LIMITS.staff) {
    errors.staffIds = `A group is run by at most ${GROUP_LIMITS.staff} staff.`;
  }

  const schedule = group.schedule ?? [];
  if (schedule.length === 0) errors.schedule = 'Add at least one session time.';
  else if (schedule.length > GROUP_LIMITS.slots) {
    errors.schedule = `A group meets at most ${GROUP_LIMITS.slots} times a week.`;
  }
  const seen = new Set<string>();
  schedule.forEach((slot, index) => {
    if (!isTime(slot.time)) {
      errors[`schedule.${index}`] = 'Enter a time of day, e.g. 09:05.';
      return;
    }
    const key = `${slot.weekday} ${slot.time}`;
    if (seen.has(key)) {
      errors[`schedule.${index}`] =
        `${WEEKDAY_NAMES[slot.weekday]} at ${slot.time} is already in the schedule.`;
    }
    seen.add(key);
  });

  const { startDate, endDate } = group;
  if (!isDate(startDate)) errors.startDate = 'Enter the date the group starts.';
  if (!isDate(endDate)) errors.endDate = 'Enter the date the group ends.';
  else if (isDate(startDate) && endDate < startDate) {
    errors.endDate = 'The end date must be on or after the start date.';
  }

  // Planned sessions come from the schedule and the calendar: a group whose
  // weekdays never fall on a school day between its dates plans nothing, so
  // "delivered against planned" could never mean anything for it.
  if (
    !errors.schedule &&
    schedule.length > 0 &&
    !errors.startDate &&
    !errors.endDate &&
    plannedSessions(
      { id: '', schedule, startDate: startDate!, endDate: endDate! },
      context.calendar,
    ).length === 0
  ) {
    errors.schedule =
      'No session falls on a school day between these dates (weekends, holidays and INSET days are left out): change the days or the dates.';
  }
  return errors;
};
