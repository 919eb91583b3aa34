/**
 * A child's dated SEN register history, worked out from their register
 * entries (`senRegisterEntry` events): each status with the day it started
 * and the day the next one took over, the census need types it had, where
 * the change came from, and every correction made to it (who and when).
 *
 * Why corrections are resolved here and not by editing: an entry is an
 * event, never changed. A correction names the entry it corrects; the
 * latest correction of an entry (by when it was recorded) is what the
 * history shows, and the entry as first written and any earlier
 * corrections are kept beside it. Two SENCos correcting the same entry
 * offline both keep their work: the later one shows, the other is listed.
 */
import {
  SEN_STATUSES,
  type SenChangeSource,
  type SenNeedType,
  type SenRegisterEntry,
  type SenStatus,
  type StoredRecord,
} from './records';

type Entry = StoredRecord<'senRegisterEntry'>;

/** One version of an entry: the first one written or a correction of it. */
export type SenHistoryVersion = {
  entryId: string;
  status: SenStatus;
  date: string;
  recordedBy?: string;
  recordedAt: string;
};

export type SenHistoryPeriod = {
  /** The entry as it stands (the latest correction, or the first entry). */
  entryId: string;
  /** The first entry of this line, which every correction names back to. */
  firstEntryId: string;
  status: SenStatus;
  start: string;
  /** The day the next status started; none for the status the child has now. */
  end?: string;
  needTypes: SenNeedType[];
  source: SenChangeSource;
  reviewId?: string;
  recordedBy?: string;
  recordedAt: string;
  /** Earlier versions of this line, oldest first, when it has been corrected. */
  corrections: SenHistoryVersion[];
};

const rootOf = (entry: Entry, byId: ReadonlyMap<string, Entry>): string => {
  let current = entry;
  const seen = new Set<string>([current.id]);
  while (current.supersedesId) {
    const earlier = byId.get(current.supersedesId);
    // A correction of an entry this device does not hold (yet) stands on its own.
    if (!earlier || seen.has(earlier.id)) return current.supersedesId;
    seen.add(earlier.id);
    current = earlier;
  }
  return current.id;
};

const byRecorded = (a: Entry, b: Entry): number =>
  a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id);

/**
 * A child's register history, oldest first. Entries about other children
 * are left out, so a caller may pass every entry it holds.
 */
export const senRegisterHistory = (
  childId: string,
  entries: readonly Entry[],
): SenHistoryPeriod[] => {
  const own = entries.filter((entry) => entry.childId === childId);
  const byId = new Map(own.map((entry) => [entry.id, entry]));
  const lines = new Map<string, Entry[]>();
  for (const entry of own) {
    const root = rootOf(entry, byId);
    lines.set(root, [...(lines.get(root) ?? []), entry]);
  }
  const periods: Omit<SenHistoryPeriod, 'end'>[] = [];
  for (const [root, versions] of lines) {
    const sorted = [...versions].sort(byRecorded);
    // The first entry of the line is the one that corrects nothing (when held).
    const first = sorted.find((entry) => entry.id === root);
    const corrections = sorted.filter((entry) => entry.id !== root);
    const current = corrections.at(-1) ?? first!;
    const earlier = [...(first ? [first] : []), ...corrections.slice(0, -1)];
    periods.push({
      entryId: current.id,
      firstEntryId: root,
      status: current.status,
      start: current.date,
      needTypes: [...current.needTypes],
      source: current.source,
      ...(current.reviewId ? { reviewId: current.reviewId } : {}),
      ...(current.recordedBy ? { recordedBy: current.recordedBy } : {}),
      recordedAt: current.recordedAt,
      corrections: current === first ? [] : earlier.map(versionOf),
    });
  }
  periods.sort(
    (a, b) =>
      a.start.localeCompare(b.start) ||
      a.recordedAt.localeCompare(b.recordedAt) ||
      a.entryId.localeCompare(b.entryId),
  );
  return periods.map((period, index) => {
    const next = periods[index + 1];
    return next ? { ...period, end: next.start } : period;
  });
};

const versionOf = (entry: Entry): SenHistoryVersion => ({
  entryId: entry.id,
  status: entry.status,
  date: entry.date,
  ...(entry.recordedBy ? { recordedBy: entry.recordedBy } : {}),
  recordedAt: entry.recordedAt,
});

/**
 * The register entry a change of a child's SEN status writes, or nothing
 * when the status does not change. Called wherever `child.senStatus` is
 * written on the device, in the same transaction.
 */
export const senRegisterEntryFor = (
  childId: string,
  before: { senStatus?: SenStatus; senNeedTypes?: readonly SenNeedType[] } | undefined,
  after: { senStatus?: SenStatus; senNeedTypes?: readonly SenNeedType[] },
  how: { source: SenChangeSource; date: string; reviewId?: string; recordedAt: string },
): SenRegisterEntry | undefined => {
  const from = before?.senStatus ?? 'none';
  const to = after.senStatus ?? from;
  // A new child who is not on the register has no history to start.
  if (to === from) return undefined;
  if (!SEN_STATUSES.includes(to)) return undefined;
  return {
    childId,
    status: to,
    ...(before ? { from } : {}),
    date: how.date,
    needTypes: [...(after.senNeedTypes ?? before?.senNeedTypes ?? [])],
    source: how.source,
    ...(how.reviewId ? { reviewId: how.reviewId } : {}),
    recordedAt: how.recordedAt,
  };
};

/** The words a history line says for where its change came from. */
export const SEN_CHANGE_SOURCE_LABELS: Record<SenChangeSource, string> = {
  review: 'At a review',
  import: 'From a roster import',
  edit: "SENCo's change",
};
