/**
 * Which record stands: the one rule, for every event type (tick, session log,
 * score, review), that decides which version of a corrected event counts.
 * Every screen, summary and report asks this module, so the teacher's lesson,
 * the child's page, the review and the SENCo's reports always count alike.
 *
 * The rule:
 * - An event is never edited. A correction is a new event naming the one it
 *   corrects (`supersedesId`); an undo (a withdrawn tick) is a correction that
 *   says "this did not happen".
 * - Corrections form chains: an original and everything that corrects it,
 *   directly or through another correction. A chain stands for at most ONE
 *   record, however many people corrected it.
 * - The versions nothing supersedes are the chain's heads. One head is the
 *   usual case; two or more means staff corrected the same version at once,
 *   on devices that had not seen each other's correction.
 * - Withdrawal beats correction: if any head is an undo, the chain stands for
 *   nothing. Why: like a delete beating an edit of an entity, an undo made
 *   while someone else corrected the tick still means it should not count;
 *   the correction stays in the history.
 * - Otherwise the newest head stands, by `recordedAt` and then id. Why these:
 *   they are written into the event itself, so every device holds the same
 *   values and picks the same winner, whatever order the corrections
 *   reached it in. (An event's HLC is not kept on the stored record.)
 * - A correction of an event this device does not hold stands for it.
 *
 * Why chains and not "every event nothing supersedes": two staff correcting
 * one tick offline both supersede it, and counting both would turn one
 * observation into two.
 */

/** The least an event needs for the rule. */
export type Correctable = {
  id: string;
  recordedAt: string;
  supersedesId?: string;
  isWithdrawn?: boolean;
};

/** True when `a` is the newer version: by recordedAt, then id (UUID v7 is time-ordered). */
const isNewer = (a: Correctable, b: Correctable): boolean =>
  a.recordedAt === b.recordedAt ? a.id > b.id : a.recordedAt > b.recordedAt;

/** Oldest first. */
export const byRecordedAt = (a: Correctable, b: Correctable): number =>
  a.id === b.id ? 0 : isNewer(a, b) ? 1 : -1;

/** The first version of a chain: follow `supersedesId` back as far as this device holds it. */
const rootOf = <T extends Correctable>(record: T, byId: Map<string, T>): string => {
  let current: Correctable = record;
  const seen = new Set<string>([current.id]);
  while (current.supersedesId) {
    const previous = byId.get(current.supersedesId);
    // A correction of something this device does not hold still stands for it.
    if (!previous) return current.supersedesId;
    if (seen.has(previous.id)) break; // a loop is corrupt data: stop, never spin
    seen.add(previous.id);
    current = previous;
  }
  return current.id;
};

/** Records grouped into chains of corrections, keyed by the first version's id, each oldest first. */
export const correctionChains = <T extends Correctable>(
  records: readonly T[],
): Map<string, T[]> => {
  const byId = new Map(records.map((record) => [record.id, record]));
  const chains = new Map<string, T[]>();
  for (const record of records) {
    const root = rootOf(record, byId);
    const chain = chains.get(root);
    if (chain) chain.push(record);
    else chains.set(root, [record]);
  }
  for (const chain of chains.values()) chain.sort(byRecordedAt);
  return chains;
};

/** The record one chain stands for, or undefined when it stands for nothing (undone). */
const standingOf = <T extends Correctable>(chain: readonly T[], superseded: Set<string>) => {
  let best: T | undefined;
  for (const record of chain) {
    if (superseded.has(record.id)) continue;
    if (record.isWithdrawn) return undefined;
    if (!best || isNewer(record, best)) best = record;
  }
  return best;
};

const supersededIds = (records: readonly Correctable[]): Set<string> =>
  new Set(records.map((record) => record.supersedesId).filter((id): id is string => !!id));

/**
 * The records that stand, in the order given: one per chain of corrections,
 * none for a chain that was undone. Pass every version of the events in
 * question (filter by child or target before, never by date: a correction
 * made later must still find the version it corrects). Sort the answer with
 * `byRecordedAt` where order matters; why not here: the reports count a
 * year of records and need no order, and sorting them cost more than the
 * rule itself.
 */
export const standingRecords = <T extends Correctable>(records: readonly T[]): T[] => {
  const superseded = supersededIds(records);
  // Why two paths: nearly every record is an original nobody corrected, a
  // chain of its own; only records in a chain of corrections are grouped.
  const isAlone = (record: T) => !record.supersedesId && !superseded.has(record.id);
  const standing = new Set<T>();
  for (const chain of correctionChains(records.filter((record) => !isAlone(record))).values()) {
    const record = standingOf(chain, superseded);
    if (record) standing.add(record);
  }
  return records.filter((record) => (isAlone(record) ? !record.isWithdrawn : standing.has(record)));
};

/** The record a chain that holds `id` stands for: what a correction of `id` should correct now. */
export const standingVersionOf = <T extends Correctable>(
  records: readonly T[],
  id: string,
): T | undefined => {
  for (const chain of correctionChains(records).values()) {
    if (chain.some((record) => record.id === id)) return standingOf(chain, supersededIds(chain));
  }
  return undefined;
};

/** Every version in the chain `id` belongs to, oldest first (the original, then corrections). */
export const historyOf = <T extends Correctable>(records: readonly T[], id: string): T[] => {
  for (const chain of correctionChains(records).values()) {
    if (chain.some((record) => record.id === id)) return chain;
  }
  return [];
};

/**
 * The newest standing record per key (a target, say), for a screen that
 * shows one current value. Keys with nothing standing are absent.
 */
export const latestStandingBy = <T extends Correctable>(
  records: readonly T[],
  keyOf: (record: T) => string,
): Map<string, T> => {
  const latest = new Map<string, T>();
  for (const record of standingRecords(records)) {
    const key = keyOf(record);
    const current = latest.get(key);
    if (!current || isNewer(record, current)) latest.set(key, record);
  }
  return latest;
};

/**
 * What became of each version, for a history list: it stands; it was
 * changed (a correction replaced it, or a concurrent correction won); it
 * was withdrawn (its chain was undone); or it is itself the undo.
 */
export type CorrectionStatus = 'standing' | 'changed' | 'withdrawn' | 'undo';

export const correctionStatuses = <T extends Correctable>(
  records: readonly T[],
): Map<string, CorrectionStatus> => {
  const superseded = supersededIds(records);
  const statuses = new Map<string, CorrectionStatus>();
  for (const chain of correctionChains(records).values()) {
    const stands = standingOf(chain, superseded);
    for (const record of chain) {
      statuses.set(
        record.id,
        record.isWithdrawn
          ? 'undo'
          : record === stands
            ? 'standing'
            : stands
              ? 'changed'
              : 'withdrawn',
      );
    }
  }
  return statuses;
};
