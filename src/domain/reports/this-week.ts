/**
 * "This week": for any school week, did the provision happen as planned
 * (sessions delivered vs planned per group, attendance, minutes per child),
 * which children on the SEN register or a focus list got nothing recorded,
 * how many ticks and with what outcomes, which reviews are due or overdue,
 * and which staff or devices have not synced for more than two school days.
 */
import type { DeviceSummary } from '../api/devices';
import { isActiveStaff, isOnRoll } from '../people';
import { standingRecords } from '../standing';
import { addDays, isSchoolDay, type IsoDate, type SchoolCalendar } from '../calendar';
import { OUTCOMES, type Outcome, type Role, type StoredRecord } from '../records';
import {
  childName,
  dateOfInstant,
  inRange,
  isOnSenRegister,
  percent,
  plannedDatesIn,
  schoolWeekOf,
  type DateRange,
  type SchoolRecords,
} from './common';

/** What this report needs of the server's device summary (GET /api/v1/devices). */
export type DeviceSeen = Pick<
  DeviceSummary,
  'id' | 'staffId' | 'staffName' | 'firstSeenAt' | 'lastPushAt' | 'lastPullAt'
>;

export type GroupWeek = {
  interventionId: string;
  name: string;
  provisionName: string;
  /** Sessions planned this week whose time has come (`hasCome`): what dosage counts against. */
  planned: number;
  /** Every session planned this week, those still to come included. */
  plannedInWeek: number;
  delivered: number;
  /** delivered / planned x 100; null when no session was due yet this week. */
  dosagePct: number | null;
  /** Children present / children on the register, over delivered sessions. */
  attendancePct: number | null;
  minutesDelivered: number;
  /** Sessions logged on a day that is not a school day (still delivered). */
  outsideTerm: number;
};

export type ChildWeek = {
  childId: string;
  name: string;
  minutes: number;
  sessionsAttended: number;
  sessionsMissed: number;
};

export type UnsupportedChild = {
  childId: string;
  name: string;
  className?: string;
  why: ('sen_register' | 'focus')[];
};

export type ReviewDue = {
  childId: string;
  name: string;
  planId: string;
  planTitle: string;
  dueDate: IsoDate;
  state: 'due' | 'overdue';
};

export type NotSynced = {
  staffId: string;
  staffName: string;
  deviceId?: string;
  lastSyncAt: string | null;
  schoolDaysSince: number | null;
};

export type ThisWeekReport = {
  week: DateRange;
  schoolDays: number;
  groups: GroupWeek[];
  totals: {
    planned: number;
    plannedInWeek: number;
    delivered: number;
    dosagePct: number | null;
    attendancePct: number | null;
  };
  children: ChildWeek[];
  unsupported: UnsupportedChild[];
  ticks: { total: number; byOutcome: Record<Outcome, number> };
  reviews: ReviewDue[];
  notSynced: { devices: NotSynced[]; staff: NotSynced[] };
};

export type ThisWeekInput = {
  records: SchoolRecords;
  calendar: SchoolCalendar;
  /** Any date in the week wanted. */
  weekOf: IsoDate;
  /** Today's date on the device: reviews before it are overdue, sync gaps count up to it. */
  today: IsoDate;
  /**
   * The time of day on the device, `HH:MM`. Why: dosage counts only the
   * sessions whose slot has come, so a session later today is not yet
   * missed. Without it every one of today's slots counts as come.
   */
  timeNow?: string;
  devices?: DeviceSeen[];
};

/** School days after `from` (not counted) up to and including `to`. */
export const schoolDaysSince = (from: IsoDate, to: IsoDate, calendar: SchoolCalendar): number => {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isSchoolDay(day, calendar)) count += 1;
  }
  return count;
};

const lastSyncOf = (device: DeviceSeen): string | null => {
  const times = [device.lastPushAt, device.lastPullAt].filter((t): t is string => !!t);
  return times.length === 0 ? null : times.sort().at(-1)!;
};

/** Staff who should be recording: teachers and TAs (and SENCos who tick). */
const RECORDING_ROLES: readonly Role[] = ['teacher', 'ta'];

/** The "more than two school days" rule, on its own so it is tested on its own. */
export const STALE_AFTER_SCHOOL_DAYS = 2;

export const notSyncedReport = (
  staff: StoredRecord<'staff'>[],
  devices: DeviceSeen[],
  today: IsoDate,
  calendar: SchoolCalendar,
): ThisWeekReport['notSynced'] => {
  // The server lists only devices someone signed in on (see server/store/devices.ts).
  const appDevices = devices.filter((device) => lastSyncOf(device) !== null);
  const staleDevices: NotSynced[] = [];
  const latestByStaff = new Map<string, string>();
  for (const device of appDevices) {
    const last = lastSyncOf(device)!;
    const previous = latestByStaff.get(device.staffId);
    if (!previous || last > previous) latestByStaff.set(device.staffId, last);
    const days = schoolDaysSince(dateOfInstant(last), today, calendar);
    if (days > STALE_AFTER_SCHOOL_DAYS) {
      staleDevices.push({
        staffId: device.staffId,
        staffName: device.staffName,
        deviceId: device.id,
        lastSyncAt: last,
        schoolDaysSince: days,
      });
    }
  }
  const staleStaff: NotSynced[] = [];
  for (const member of staff) {
    if (!isActiveStaff(member) || !RECORDING_ROLES.includes(member.role)) continue;
    const last = latestByStaff.get(member.id) ?? null;
    const days = last === null ? null : schoolDaysSince(dateOfInstant(last), today, calendar);
    if (days === null || days > STALE_AFTER_SCHOOL_DAYS) {
      staleStaff.push({
        staffId: member.id,
        staffName: member.name,
        lastSyncAt: last,
        schoolDaysSince: days,
      });
    }
  }
  staleStaff.sort((a, b) => a.staffName.localeCompare(b.staffName));
  staleDevices.sort((a, b) => (a.lastSyncAt ?? '').localeCompare(b.lastSyncAt ?? ''));
  return { devices: staleDevices, staff: staleStaff };
};

/**
 * When each live learning plan's review falls: its review date, or, once a
 * review for the plan has been held, that review's next review date.
 */
export const reviewsDue = (
  records: Pick<SchoolRecords, 'children' | 'learningPlans' | 'reviews'>,
  week: DateRange,
  today: IsoDate,
): ReviewDue[] => {
  const children = new Map(records.children.map((child) => [child.id, child]));
  const reviews = standingRecords(records.reviews);
  const out: ReviewDue[] = [];
  for (const plan of records.learningPlans) {
    if (plan.isArchived) continue;
    const child = children.get(plan.childId);
    if (!child || !isOnRoll(child, week.start)) continue;
    const held = reviews
      .filter((review) => review.planId === plan.id && review.date >= plan.startDate)
      .sort((a, b) => a.date.localeCompare(b.date))
      .at(-1);
    const dueDate = held ? held.nextReviewDate : plan.reviewDate;
    if (!dueDate) continue;
    // Overdue: the date has passed (today, or the end of a past week viewed).
    const reference = today < week.end ? today : week.end;
    const state =
      dueDate < reference && dueDate <= week.end
        ? 'overdue'
        : inRange(dueDate, week)
          ? 'due'
          : undefined;
    if (state) {
      out.push({
        childId: child.id,
        name: childName(child),
        planId: plan.id,
        planTitle: plan.title,
        dueDate,
        state,
      });
    }
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.name.localeCompare(b.name));
};

export const thisWeekReport = (input: ThisWeekInput): ThisWeekReport => {
  const { records, calendar, today } = input;
  const timeNow = input.timeNow ?? '23:59';
  const week = schoolWeekOf(input.weekOf);
  const provisions = new Map(records.provisions.map((p) => [p.id, p]));
  const childById = new Map(records.children.map((c) => [c.id, c]));
  const classNames = new Map(records.classes.map((c) => [c.id, c.name]));
  const sessions = standingRecords(records.sessions).filter((s) => inRange(s.date, week));
  const sessionsByIntervention = new Map<string, typeof sessions>();
  for (const session of sessions) {
    const list = sessionsByIntervention.get(session.interventionId) ?? [];
    list.push(session);
    sessionsByIntervention.set(session.interventionId, list);
  }

  const groups: GroupWeek[] = [];
  const childWeeks = new Map<string, ChildWeek>();
  const childWeek = (childId: string): ChildWeek => {
    let entry = childWeeks.get(childId);
    if (!entry) {
      const child = childById.get(childId);
      entry = {
        childId,
        name: child ? childName(child) : 'Unknown child',
        minutes: 0,
        sessionsAttended: 0,
        sessionsMissed: 0,
      };
      childWeeks.set(childId, entry);
    }
    return entry;
  };
  let present = 0;
  let registered = 0;
  for (const intervention of records.interventions) {
    const delivered = sessionsByIntervention.get(intervention.id) ?? [];
    const inWeek = intervention.isArchived ? [] : plannedDatesIn(intervention, week, calendar);
    if (inWeek.length === 0 && delivered.length === 0) continue;
    const planned = intervention.isArchived
      ? []
      : plannedDatesIn(intervention, week, calendar, { date: today, time: timeNow });
    let groupPresent = 0;
    let groupRegistered = 0;
    let minutes = 0;
    let outsideTerm = 0;
    for (const session of delivered) {
      minutes += session.minutes;
      if (!isSchoolDay(session.date, calendar)) outsideTerm += 1;
      for (const entry of session.attendance) {
        groupRegistered += 1;
        const cw = childWeek(entry.childId);
        if (entry.isPresent) {
          groupPresent += 1;
          cw.minutes += session.minutes;
          cw.sessionsAttended += 1;
        } else {
          cw.sessionsMissed += 1;
        }
      }
    }
    // Children in the group but on no register this week still appear, with 0 minutes.
    if (!intervention.isArchived) for (const childId of intervention.childIds) childWeek(childId);
    present += groupPresent;
    registered += groupRegistered;
    groups.push({
      interventionId: intervention.id,
      name: intervention.name,
      provisionName: provisions.get(intervention.provisionId)?.name ?? 'Unknown provision',
      planned: planned.length,
      plannedInWeek: inWeek.length,
      delivered: delivered.length,
      dosagePct: percent(delivered.length, planned.length),
      attendancePct: percent(groupPresent, groupRegistered),
      minutesDelivered: minutes,
      outsideTerm,
    });
  }
  groups.sort((a, b) => a.name.localeCompare(b.name));
  const totalPlanned = groups.reduce((sum, g) => sum + g.planned, 0);
  const totalInWeek = groups.reduce((sum, g) => sum + g.plannedInWeek, 0);
  const totalDelivered = groups.reduce((sum, g) => sum + g.delivered, 0);

  const ticks = standingRecords(records.ticks).filter((t) =>
    inRange(dateOfInstant(t.recordedAt), week),
  );
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const ticked = new Set<string>();
  for (const tick of ticks) {
    byOutcome[tick.outcome] += 1;
    ticked.add(tick.childId);
  }

  // Children who should be getting something: on the SEN register or a live focus list.
  const why = new Map<string, UnsupportedChild['why']>();
  for (const child of records.children) {
    if (isOnRoll(child, week.start) && isOnSenRegister(child)) why.set(child.id, ['sen_register']);
  }
  for (const focus of records.focusChildren) {
    if (focus.isArchived || focus.until < week.start) continue;
    const child = childById.get(focus.childId);
    if (!child || !isOnRoll(child, week.start)) continue;
    const reasons = why.get(child.id) ?? [];
    if (!reasons.includes('focus')) reasons.push('focus');
    why.set(child.id, reasons);
  }
  const unsupported: UnsupportedChild[] = [];
  for (const [childId, reasons] of why) {
    const attended = (childWeeks.get(childId)?.sessionsAttended ?? 0) > 0;
    if (attended || ticked.has(childId)) continue;
    const child = childById.get(childId)!;
    unsupported.push({
      childId,
      name: childName(child),
      ...(child.classId && classNames.has(child.classId)
        ? { className: classNames.get(child.classId)! }
        : {}),
      why: reasons,
    });
  }
  unsupported.sort((a, b) => a.name.localeCompare(b.name));

  const schoolDays = [0, 1, 2, 3, 4].filter((i) =>
    isSchoolDay(addDays(week.start, i), calendar),
  ).length;

  return {
    week,
    schoolDays,
    groups,
    totals: {
      planned: totalPlanned,
      plannedInWeek: totalInWeek,
      delivered: totalDelivered,
      dosagePct: percent(totalDelivered, totalPlanned),
      attendancePct: percent(present, registered),
    },
    children: [...childWeeks.values()].sort((a, b) => a.name.localeCompare(b.name)),
    unsupported,
    ticks: { total: ticks.length, byOutcome },
    reviews: reviewsDue(records, week, today),
    notSynced: notSyncedReport(records.staff, input.devices ?? [], today, calendar),
  };
};
