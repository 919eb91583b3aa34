/**
 * Provision maths: what was planned for an intervention group, what was
 * actually delivered, and to whom. Pure functions over plain records, so the
 * TA's screens, the SENCo's costed provision map and the impact reports all
 * count sessions, minutes and attendance the same way.
 *
 * The one rule everything here rests on: a session log is an event, and a
 * correction is a new event that supersedes it. Only the version that stands
 * (standing.ts) counts; the others are its history and are never added up.
 */
import {
  plannedSessionDates,
  type IsoDate,
  type SchoolCalendar,
  type SchoolMoment,
} from './calendar';
import type { AssessmentScore, Intervention, InterventionSession, Provision } from './records';
import { standingRecords } from './standing';

// ---------------------------------------------------------------- shapes

/** A logged session as this module needs it (a stored `interventionSession`). */
export type SessionLog = Pick<
  InterventionSession,
  'interventionId' | 'date' | 'minutes' | 'attendance' | 'recordedAt' | 'supersedesId'
> & { id: string; isUnscheduled?: boolean };

export type ScoreRecord = Pick<
  AssessmentScore,
  'childId' | 'interventionId' | 'phase' | 'value' | 'date' | 'recordedAt' | 'supersedesId'
> & { id: string };

export type PlannedSession = { interventionId: string; date: IsoDate; time: string };

export type DateRange = { from?: IsoDate; to?: IsoDate };

/**
 * Whether a planned session's time has come by `now`: its day is past, or
 * it is today and its slot has started. Why the slot's start and not its
 * end: a TA logs a session as it finishes, and a session already under way
 * is one the SENCo expects to see logged; a slot still to come today is not
 * yet missed, and counting it would show a Thursday as "0 of 6".
 */
export const hasCome = (session: PlannedSession, now: SchoolMoment): boolean =>
  session.date < now.date || (session.date === now.date && session.time <= now.time);

const inRange = (date: IsoDate, range: DateRange = {}): boolean =>
  (!range.from || date >= range.from) && (!range.to || date <= range.to);

// ---------------------------------------------------------------- planned

type Schedule = Pick<Intervention, 'schedule' | 'startDate' | 'endDate'> & { id: string };

/**
 * The sessions a group's weekly schedule plans, on school days only (no
 * weekends, holidays or INSET days), between its start and end dates and
 * within `range` when given; ordered by date then time. Two slots on the same
 * weekday are two planned sessions.
 */
export const plannedSessions = (
  intervention: Schedule,
  calendar: SchoolCalendar,
  range: DateRange = {},
  /** When given, only the sessions whose time has come by then (`hasCome`). */
  dueBy?: SchoolMoment,
): PlannedSession[] => {
  const from =
    range.from && range.from > intervention.startDate ? range.from : intervention.startDate;
  let to = range.to && range.to < intervention.endDate ? range.to : intervention.endDate;
  if (dueBy && dueBy.date < to) to = dueBy.date;
  if (from > to) return [];
  const planned: PlannedSession[] = [];
  for (const slot of intervention.schedule) {
    for (const date of plannedSessionDates([slot.weekday], from, to, calendar)) {
      const session = { interventionId: intervention.id, date, time: slot.time };
      if (!dueBy || hasCome(session, dueBy)) planned.push(session);
    }
  }
  return planned.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
};

// ---------------------------------------------------------------- delivered

/** Effective sessions of one group (or all, when no id), within a date range. */
export const deliveredSessions = <T extends SessionLog>(
  sessions: readonly T[],
  options: DateRange & { interventionId?: string } = {},
): T[] =>
  standingRecords(sessions)
    .filter(
      (session) =>
        (!options.interventionId || session.interventionId === options.interventionId) &&
        inRange(session.date, options),
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt));

/** How many sessions were delivered (effective versions only), in a range. */
export const sessionsDelivered = (
  sessions: readonly SessionLog[],
  options: DateRange & { interventionId?: string } = {},
): number => deliveredSessions(sessions, options).length;

export type DeliveryCount = {
  planned: number;
  delivered: number;
  /** Delivered sessions logged as extra to the timetable. */
  unscheduled: number;
  /** delivered / planned, or undefined when nothing was planned. */
  rate?: number;
};

/** Sessions delivered against sessions planned, for one group over a range. */
export const deliveryAgainstPlan = (
  intervention: Schedule,
  sessions: readonly SessionLog[],
  calendar: SchoolCalendar,
  range: DateRange = {},
  /** When given, planned counts only the sessions whose time has come. */
  dueBy?: SchoolMoment,
): DeliveryCount => {
  const planned = plannedSessions(intervention, calendar, range, dueBy).length;
  const delivered = deliveredSessions(sessions, { ...range, interventionId: intervention.id });
  return {
    planned,
    delivered: delivered.length,
    unscheduled: delivered.filter((session) => session.isUnscheduled).length,
    ...(planned > 0 ? { rate: delivered.length / planned } : {}),
  };
};

/**
 * The planned sessions still to log: those planned in `range` (and, with
 * `dueBy`, whose time has come) that no standing session logged against the
 * timetable covers. A day's logged sessions cover its slots in time order,
 * so two slots on a Monday with one session logged leave the later one.
 * Why unscheduled sessions cover nothing: an extra session is not the one
 * the plan promised, and counting it would hide a missed slot.
 */
export const slotsToLog = (
  intervention: Schedule,
  sessions: readonly SessionLog[],
  calendar: SchoolCalendar,
  range: DateRange = {},
  dueBy?: SchoolMoment,
): PlannedSession[] => {
  const loggedOn = new Map<IsoDate, number>();
  for (const session of deliveredSessions(sessions, {
    ...range,
    interventionId: intervention.id,
  })) {
    if (session.isUnscheduled) continue;
    loggedOn.set(session.date, (loggedOn.get(session.date) ?? 0) + 1);
  }
  return plannedSessions(intervention, calendar, range, dueBy).filter((slot) => {
    const left = loggedOn.get(slot.date) ?? 0;
    if (left === 0) return true;
    loggedOn.set(slot.date, left - 1);
    return false;
  });
};

/**
 * Dosage: minutes of provision each child actually received, from the
 * effective sessions in which the child was marked present. A child absent
 * from a session receives none of its minutes.
 */
export const deliveredMinutesByChild = (
  sessions: readonly SessionLog[],
  options: DateRange & { interventionId?: string } = {},
): Map<string, number> => {
  const minutes = new Map<string, number>();
  for (const session of deliveredSessions(sessions, options)) {
    for (const mark of session.attendance) {
      if (!mark.isPresent) continue;
      minutes.set(mark.childId, (minutes.get(mark.childId) ?? 0) + session.minutes);
    }
  }
  return minutes;
};

export type ChildAttendance = {
  childId: string;
  /** Effective sessions the child was on the register for. */
  sessions: number;
  attended: number;
  missed: number;
  /** attended / sessions, or undefined when on no register yet. */
  rate?: number;
  minutes: number;
};

/** Attendance per child over the effective sessions, in a range. */
export const attendanceByChild = (
  sessions: readonly SessionLog[],
  options: DateRange & { interventionId?: string } = {},
): Map<string, ChildAttendance> => {
  const result = new Map<string, ChildAttendance>();
  for (const session of deliveredSessions(sessions, options)) {
    for (const mark of session.attendance) {
      const row = result.get(mark.childId) ?? {
        childId: mark.childId,
        sessions: 0,
        attended: 0,
        missed: 0,
        minutes: 0,
      };
      row.sessions += 1;
      if (mark.isPresent) {
        row.attended += 1;
        row.minutes += session.minutes;
      } else {
        row.missed += 1;
      }
      row.rate = row.attended / row.sessions;
      result.set(mark.childId, row);
    }
  }
  return result;
};

/** Children who missed at least `atLeast` effective sessions (two by default). */
export const childrenWhoMissed = (
  sessions: readonly SessionLog[],
  atLeast = 2,
  options: DateRange & { interventionId?: string } = {},
): ChildAttendance[] =>
  [...attendanceByChild(sessions, options).values()]
    .filter((row) => row.missed >= atLeast)
    .sort((a, b) => b.missed - a.missed);

// ---------------------------------------------------------------- cost

type CostModel = Pick<Provision, 'staffHourlyCostPence' | 'resourceCostPerPupilPence'>;

/**
 * The cost of what was actually delivered, in pence: staff time for every
 * effective session (hourly cost x minutes x number of staff), plus the
 * per-pupil resource cost for each child who attended at least once.
 */
export const deliveredCostPence = (
  provision: CostModel,
  sessions: readonly SessionLog[],
  options: DateRange & { interventionId?: string; staffCount?: number } = {},
): number => {
  const delivered = deliveredSessions(sessions, options);
  const staffMinutes =
    delivered.reduce((sum, session) => sum + session.minutes, 0) * (options.staffCount ?? 1);
  const pupils = [...deliveredMinutesByChild(sessions, options).values()].filter(
    (minutes) => minutes > 0,
  ).length;
  return Math.round(
    (provision.staffHourlyCostPence * staffMinutes) / 60 +
      provision.resourceCostPerPupilPence * pupils,
  );
};

// ---------------------------------------------------------------- scores

export type ScoreChange = {
  childId: string;
  entry?: ScoreRecord;
  interims: ScoreRecord[];
  exit?: ScoreRecord;
  /** The latest of exit, else the latest interim, minus entry. */
  change?: number;
  /** Whether the change is in the measure's good direction (undefined with no change yet). */
  isImprovement?: boolean;
};

/**
 * Each child's entry, interim and exit scores for one group (effective
 * versions only), and their change so far: the exit score, or failing that
 * the latest interim, against the (earliest) entry score.
 */
export const scoreChanges = (
  scores: readonly ScoreRecord[],
  interventionId: string,
  isHigherBetter: boolean,
): Map<string, ScoreChange> => {
  const result = new Map<string, ScoreChange>();
  const mine = standingRecords(scores.filter((score) => score.interventionId === interventionId));
  const byDate = (a: ScoreRecord, b: ScoreRecord) =>
    a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt);
  for (const score of [...mine].sort(byDate)) {
    const row = result.get(score.childId) ?? { childId: score.childId, interims: [] };
    // A phase recorded twice without a correction: the earliest entry is the
    // baseline and the latest exit stands, the same rule as the SENCo's
    // impact report (reports/impact.ts), so the TA and the SENCo see one change.
    if (score.phase === 'entry') row.entry ??= score;
    else if (score.phase === 'exit') row.exit = score;
    else row.interims.push(score);
    result.set(score.childId, row);
  }
  for (const row of result.values()) {
    const latest = row.exit ?? row.interims.at(-1);
    if (row.entry && latest) {
      row.change = latest.value - row.entry.value;
      row.isImprovement = row.change === 0 ? false : isHigherBetter === row.change > 0;
    }
  }
  return result;
};

// ---------------------------------------------------------------- checks

/** Whether a score is within its measure's range. */
export const isScoreInRange = (value: number, measure: { min: number; max: number }): boolean =>
  Number.isFinite(value) && value >= measure.min && value <= measure.max;
