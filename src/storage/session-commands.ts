/**
 * Commands for intervention sessions and entry/exit scores: logging a
 * session register, correcting one, and recording a group's scores.
 *
 * The record schemas check each field on its own; the checks here need other
 * records (the group, its provision's measure, today's date on this device).
 * Every problem is reported against the field it belongs to, and nothing is
 * written unless every check passes.
 */
import type { ABSENCE_REASONS } from '../domain';
import {
  formatUkDate as ukDate,
  isScoreInRange,
  localDate,
  slotsToLog,
  standingRecords,
  standingVersionOf,
  type AssessmentScore,
  type InterventionSession,
} from '../domain';
import { recordEvent, recordEvents } from './commands';
import type { StoredRow } from './db';
import type { LocalStore } from './local-store';
import { isLive, namesOf, schoolCalendar } from './rows';
import { ValidationError } from './validation';

export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export type AttendanceMark = {
  childId: string;
  isPresent: boolean;
  absenceReason?: AbsenceReason;
  rating?: number;
};

export type SessionInput = {
  interventionId: string;
  date: string;
  minutes: number;
  attendance: AttendanceMark[];
  note?: string;
  isUnscheduled?: boolean;
};

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const liveRow = async <E extends 'intervention' | 'provision' | 'interventionSession'>(
  store: LocalStore,
  entity: E,
  id: string,
): Promise<StoredRow<E> | undefined> => {
  const row = await store.db.records(entity).get(id);
  return isLive(row) ? row : undefined;
};

const childNames = (store: LocalStore, ids: string[]): Promise<Map<string, string>> =>
  namesOf(store, 'child', ids);

/** Checks a date a session or score was taken on: a real date, not in the future. */
const dateProblem = (date: string, today: string, what: string): string | undefined => {
  if (!DATE_PATTERN.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    return 'Enter the date as day, month and year.';
  }
  if (date.slice(0, 4) > today.slice(0, 4)) {
    return `${ukDate(date)} is next year. ${what} can only be recorded on or after the day.`;
  }
  if (date > today) {
    return `${ukDate(date)} is in the future. ${what} can only be recorded on or after the day.`;
  }
  return undefined;
};

/**
 * Everything wrong with a session register, by field (`date`, `minutes`,
 * `attendance.<childId>`, `note`, `_`); empty when it can be saved.
 */
export const checkSession = async (
  store: LocalStore,
  input: SessionInput,
  correcting?: StoredRow<'interventionSession'>,
): Promise<Record<string, string>> => {
  const errors: Record<string, string> = {};
  const group = await liveRow(store, 'intervention', input.interventionId);
  if (!group) return { _: 'This group is not on this device any more.' };
  const today = localDate(new Date(store.now()));

  const dateError = dateProblem(input.date, today, 'A session');
  if (dateError) errors.date = dateError;
  else if (input.date < group.startDate) {
    errors.date = `This group started on ${ukDate(group.startDate)}: pick a date from then on.`;
  }

  if (!Number.isFinite(input.minutes))
    errors.minutes = 'Enter how many minutes the session lasted.';
  else if (!Number.isInteger(input.minutes)) errors.minutes = 'Enter whole minutes.';
  else if (input.minutes < 1) errors.minutes = 'A session lasts at least 1 minute.';
  else if (input.minutes > 480) {
    errors.minutes = `${input.minutes} minutes is more than a school day: a session lasts at most 480 minutes (8 hours).`;
  }

  if (input.attendance.length === 0) errors._ = 'A register needs at least one child.';
  // A correction may keep a child who has since left the group.
  const allowed = new Set([
    ...group.childIds,
    ...(correcting?.attendance ?? []).map((m) => m.childId),
  ]);
  const names = await childNames(
    store,
    input.attendance.map((mark) => mark.childId),
  );
  const seen = new Set<string>();
  for (const mark of input.attendance) {
    const key = `attendance.${mark.childId}`;
    const name = names.get(mark.childId) ?? 'This child';
    if (!allowed.has(mark.childId)) errors[key] = `${name} is not in this group.`;
    else if (seen.has(mark.childId)) errors[key] = `${name} is on the register twice.`;
    else if (!mark.isPresent && !mark.absenceReason) errors[key] = `Say why ${name} was absent.`;
    else if (mark.isPresent && mark.absenceReason) {
      errors[key] = `${name} is marked present, so has no absence reason.`;
    } else if (mark.rating !== undefined && !mark.isPresent) {
      errors[key] = `${name} was absent, so cannot be rated.`;
    } else if (
      mark.rating !== undefined &&
      (!Number.isInteger(mark.rating) || mark.rating < 1 || mark.rating > 4)
    ) {
      errors[key] = 'A rating is from 1 to 4.';
    }
    seen.add(mark.childId);
  }
  if ((input.note ?? '').length > 2_000) errors.note = 'Keep the note under 2,000 characters.';
  return errors;
};

const toEvent = (input: SessionInput, store: LocalStore, supersedesId?: string) => {
  const note = input.note?.trim();
  return {
    interventionId: input.interventionId,
    date: input.date,
    minutes: input.minutes,
    attendance: input.attendance.map((mark) => ({
      childId: mark.childId,
      isPresent: mark.isPresent,
      ...(mark.isPresent ? {} : { absenceReason: mark.absenceReason }),
      ...(mark.isPresent && mark.rating !== undefined ? { rating: mark.rating } : {}),
    })),
    ...(note ? { note } : {}),
    isUnscheduled: input.isUnscheduled ?? false,
    ...(supersedesId ? { supersedesId } : {}),
    recordedAt: new Date(store.now()).toISOString(),
  } satisfies Omit<InterventionSession, 'recordedBy'>;
};

/**
 * Log a delivered session (the register). Saved on this device with its
 * outbox entry at once; sync follows on its own. Returns the session's id.
 */
export const logSession = async (store: LocalStore, input: SessionInput): Promise<string> => {
  const errors = await checkSession(store, input);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const isUnscheduled = input.isUnscheduled === true && !(await hasOpenSlot(store, input));
  return recordEvent(store, 'interventionSession', toEvent({ ...input, isUnscheduled }, store));
};

/** Whether a logged session was saved as extra to the timetable (see hasOpenSlot). */
export const isLoggedAsExtra = async (store: LocalStore, sessionId: string): Promise<boolean> =>
  (await store.db.records('interventionSession').get(sessionId))?.isUnscheduled === true;

/**
 * Whether the group has a planned slot on the session's day that no session
 * logged against the timetable covers yet. Why a session logged as "extra"
 * on such a day is that slot's session: a session is unscheduled only when
 * it really was; otherwise the TA's week and the SENCo's dosage would show
 * one session delivered and the planned one missed, for the same session.
 */
const hasOpenSlot = async (store: LocalStore, input: SessionInput): Promise<boolean> => {
  const group = await store.db.records('intervention').get(input.interventionId);
  if (!isLive(group)) return false;
  const sessions = (
    await store.db
      .records('interventionSession')
      .where('interventionId')
      .equals(input.interventionId)
      .toArray()
  ).filter(isLive);
  const day = { from: input.date, to: input.date };
  return slotsToLog(group, sessions, await schoolCalendar(store), day).length > 0;
};

/**
 * Correct a logged session. Why a new event and not an edit: a session log is
 * evidence of provision delivered, so the original stays in the history and
 * the correction supersedes it. If someone has corrected it already, this
 * corrects their version, so the chain stays one line.
 */
export const correctSession = async (
  store: LocalStore,
  sessionId: string,
  input: Omit<SessionInput, 'interventionId'>,
): Promise<string> => {
  const original = await liveRow(store, 'interventionSession', sessionId);
  if (!original) throw new ValidationError({ _: 'That session is not on this device.' });
  const sessions = await store.db
    .records('interventionSession')
    .where('interventionId')
    .equals(original.interventionId)
    .toArray();
  const chainHead = standingVersionOf(sessions, sessionId)?.id ?? sessionId;
  const full: SessionInput = {
    ...input,
    interventionId: original.interventionId,
    isUnscheduled: input.isUnscheduled ?? original.isUnscheduled,
  };
  const errors = await checkSession(store, full, original);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return recordEvent(store, 'interventionSession', toEvent(full, store, chainHead));
};

// ---------------------------------------------------------------- scores

export type ScoresInput = {
  interventionId: string;
  phase: AssessmentScore['phase'];
  date: string;
  /** A score per child; children left out get none. */
  values: { childId: string; value: number }[];
};

/**
 * Record entry, interim or exit scores for a group, checked against the
 * provision's measure. All are saved in one go, or none. A second entry (or
 * exit) score for a child corrects the first, which stays in the history.
 */
export const recordScores = async (store: LocalStore, input: ScoresInput): Promise<string[]> => {
  const errors: Record<string, string> = {};
  const intervention = await liveRow(store, 'intervention', input.interventionId);
  if (!intervention) throw new ValidationError({ _: 'This group is not on this device any more.' });
  const provision = await liveRow(store, 'provision', intervention.provisionId);
  const measure = provision?.measure;
  if (!measure) {
    throw new ValidationError({
      _: 'This provision has no entry and exit measure yet. Ask the SENCo to add one.',
    });
  }
  const today = localDate(new Date(store.now()));
  const dateError = dateProblem(input.date, today, 'A score');
  if (dateError) errors.date = dateError;
  if (input.values.length === 0) errors._ = 'Enter at least one score.';
  const groupChildren = new Set(intervention.childIds);
  const names = await childNames(
    store,
    input.values.map((entry) => entry.childId),
  );
  const unit = measure.unit ? ` ${measure.unit}` : '';
  for (const { childId, value } of input.values) {
    const key = `value.${childId}`;
    const name = names.get(childId) ?? 'This child';
    if (!groupChildren.has(childId)) errors[key] = `${name} is not in this group.`;
    else if (!Number.isFinite(value)) errors[key] = `Enter ${name}'s score as a number.`;
    else if (!isScoreInRange(value, measure)) {
      errors[key] =
        `${value} is outside the ${measure.name} range: scores go from ${measure.min} to ${measure.max}${unit}.`;
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const existing =
    input.phase === 'interim'
      ? []
      : standingRecords(
          await store.db
            .records('assessmentScore')
            .where('interventionId')
            .equals(input.interventionId)
            .toArray(),
        ).filter((row) => row.phase === input.phase);
  const recordedAt = new Date(store.now()).toISOString();
  return recordEvents(
    store,
    'assessmentScore',
    input.values.map(({ childId, value }) => {
      const previous = existing.find((row) => row.childId === childId);
      return {
        childId,
        interventionId: input.interventionId,
        phase: input.phase,
        value,
        date: input.date,
        recordedAt,
        ...(previous ? { supersedesId: previous.id } : {}),
      };
    }),
  );
};
