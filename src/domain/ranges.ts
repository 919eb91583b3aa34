/**
 * The ranges a value must fall in to mean something, shared by the device
 * (which refuses them before they are saved) and the server (which refuses
 * them in a push). The record schemas (records.ts) use the fixed ones; the
 * ones that depend on the clock are checked with the clock at hand: the
 * device's own when a person records, the server's when a push arrives.
 *
 * Why a window and not just "a valid date": a year 9999 or 0000 is a valid
 * ISO date, but it sorts a record to the end (or the start) of every list,
 * report and merge for ever, and nobody can have recorded it.
 */
import { parseHlc } from './hlc';

/** The earliest calendar date a record may hold (no pupil or school record is older). */
export const EARLIEST_DATE = '2000-01-01';
/** The latest calendar date a record may hold (planned dates: a review, a group's end). */
export const LATEST_DATE = '2099-12-31';
const EARLIEST_MS = Date.parse(`${EARLIEST_DATE}T00:00:00.000Z`);
const LATEST_MS = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);

/**
 * How far ahead of the server's clock a time something was recorded at (or
 * a day something happened on) may be: 31 days. Why not a day: school
 * tablets run with wrong clocks (docs/architecture.md), and a tick recorded on
 * a tablet a week fast is still a true tick that the teacher could not
 * re-enter; refusing it would put a whole week's work in "needs attention"
 * for a setting nobody on the tablet chose. Its HLC is clamped for
 * conflicts (hlc.ts); what this refuses is a time no clock error explains
 * (2099, next term).
 */
export const RECORDED_AHEAD_MS = 31 * 24 * 60 * 60 * 1000;

/** The largest magnitude a score or a measure's bound may have. */
export const MAX_SCORE_MAGNITUDE = 1_000_000;

export const isDateInWindow = (date: string): boolean =>
  date >= EARLIEST_DATE && date <= LATEST_DATE;

export const isInstantInWindow = (instant: string): boolean => {
  const ms = Date.parse(instant);
  return !Number.isNaN(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;
};

/** Whether a recorded time (`recordedAt`) is not after `nowMs` by more than `RECORDED_AHEAD_MS`. */
export const isRecordedByNow = (instant: string, nowMs: number): boolean => {
  const ms = Date.parse(instant);
  return !Number.isNaN(ms) && ms <= nowMs + RECORDED_AHEAD_MS;
};

/** Whether a calendar day something happened on (`YYYY-MM-DD`) is not after `nowMs` by more than `RECORDED_AHEAD_MS`. */
export const isDayByNow = (date: string, nowMs: number): boolean =>
  date <= new Date(nowMs + RECORDED_AHEAD_MS).toISOString().slice(0, 10);

/**
 * Whether an HLC's wall time is no older than the earliest date. Why only a
 * floor: an HLC ahead of the server is pulled back by the clamp (hlc.ts),
 * but one from before 2000 would lose every conflict and sort before every
 * real change; no device that has synced once makes one (its clock moves
 * past every HLC it has pulled).
 */
export const isHlcInWindow = (hlc: string): boolean => {
  const parts = parseHlc(hlc);
  return parts !== null && parts.wallMs >= EARLIEST_MS;
};
