/**
 * Impact: for each intervention group and each provision, the change from
 * entry to exit assessment, how many children it is measured on, what it
 * cost per pupil (as delivered) and per unit of progress, and a RAG against
 * the progress the SENCo expects; with every child behind the figures.
 *
 * - change = exit - entry, turned round when lower is better on the measure
 *   (so progress is always positive);
 * - a child is measured when they have an entry and an exit score for the
 *   group; the earliest entry and the latest exit stand;
 * - cost per pupil = delivered cost / children who attended at least once;
 * - cost per unit of progress = delivered cost of the measured children /
 *   the sum of their progress; none when there was no progress;
 * - RAG on the mean progress: green at or above the expected progress,
 *   amber at or above half of it, red below.
 */
import { standingRecords } from '../standing';
import type { StoredRecord } from '../records';
import { childName, ragAtLeast, type Rag, type SchoolRecords } from './common';
import { deliveredByChild } from './provision-map';

export type ImpactChild = {
  childId: string;
  name: string;
  entry: number | null;
  exit: number | null;
  /** Progress (positive is better); null unless both scores exist. */
  change: number | null;
  sessions: number;
  minutes: number;
  deliveredPence: number;
};

export type ImpactLine = {
  key: string;
  name: string;
  provisionId: string;
  provisionName: string;
  measure?: { name: string; unit: string; isHigherBetter: boolean };
  /** Children measured (entry and exit). */
  n: number;
  /** Children who attended at least one session. */
  children: number;
  meanEntry: number | null;
  meanExit: number | null;
  meanChange: number | null;
  deliveredPence: number;
  costPerPupilPence: number | null;
  costPerUnitPence: number | null;
  expected: number | null;
  rag: Rag;
  details: ImpactChild[];
};

export type ImpactReport = { groups: ImpactLine[]; provisions: ImpactLine[] };

export type ImpactInput = {
  records: Pick<SchoolRecords, 'children' | 'provisions' | 'interventions' | 'sessions' | 'scores'>;
  /** Expected progress per provision id, set by the SENCo, in the measure's units. */
  expected?: Record<string, number>;
};

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

/** The RAG rule, alone so it can be tested at its edges. */
export const impactRag = (meanChange: number | null, expected: number | null | undefined): Rag => {
  if (meanChange === null || expected === null || expected === undefined) return 'none';
  return ragAtLeast(meanChange, { green: expected, amber: expected / 2 });
};

const summarise = (
  key: string,
  name: string,
  provision: StoredRecord<'provision'>,
  details: ImpactChild[],
  expected: number | null,
): ImpactLine => {
  const measured = details.filter((d) => d.change !== null);
  const attended = details.filter((d) => d.sessions > 0);
  const deliveredPence = details.reduce((sum, d) => sum + d.deliveredPence, 0);
  const progress = measured.reduce((sum, d) => sum + d.change!, 0);
  const measuredCost = measured.reduce((sum, d) => sum + d.deliveredPence, 0);
  const meanChange = mean(measured.map((d) => d.change!));
  return {
    key,
    name,
    provisionId: provision.id,
    provisionName: provision.name,
    ...(provision.measure
      ? {
          measure: {
            name: provision.measure.name,
            unit: provision.measure.unit,
            isHigherBetter: provision.measure.isHigherBetter,
          },
        }
      : {}),
    n: measured.length,
    children: attended.length,
    meanEntry: mean(measured.map((d) => d.entry!)),
    meanExit: mean(measured.map((d) => d.exit!)),
    meanChange,
    deliveredPence,
    costPerPupilPence: attended.length > 0 ? deliveredPence / attended.length : null,
    costPerUnitPence: measured.length > 0 && progress > 0 ? measuredCost / progress : null,
    expected,
    rag: impactRag(meanChange, expected),
    details: details.sort((a, b) => a.name.localeCompare(b.name)),
  };
};

export const impactReport = (input: ImpactInput): ImpactReport => {
  const { records } = input;
  const provisions = new Map(records.provisions.map((p) => [p.id, p]));
  const children = new Map(records.children.map((c) => [c.id, c]));
  const sessions = standingRecords(records.sessions);
  const scores = standingRecords(records.scores);
  const groups: ImpactLine[] = [];
  const byProvision = new Map<string, ImpactChild[]>();

  for (const intervention of records.interventions) {
    const provision = provisions.get(intervention.provisionId);
    if (!provision) continue;
    const delivered = deliveredByChild(intervention, provision, sessions);
    const mine = scores.filter((s) => s.interventionId === intervention.id);
    const childIds = new Set([
      ...intervention.childIds,
      ...delivered.keys(),
      ...mine.map((s) => s.childId),
    ]);
    const details: ImpactChild[] = [];
    for (const childId of childIds) {
      const child = children.get(childId);
      if (!child) continue;
      const own = mine.filter((s) => s.childId === childId);
      const entries = own
        .filter((s) => s.phase === 'entry')
        .sort((a, b) => a.date.localeCompare(b.date));
      const exits = own
        .filter((s) => s.phase === 'exit')
        .sort((a, b) => a.date.localeCompare(b.date));
      const entry = entries[0]?.value ?? null;
      const exit = exits.at(-1)?.value ?? null;
      const sign = provision.measure?.isHigherBetter === false ? -1 : 1;
      const got = delivered.get(childId) ?? { sessions: 0, minutes: 0, pence: 0 };
      details.push({
        childId,
        name: childName(child),
        entry,
        exit,
        change: entry !== null && exit !== null ? sign * (exit - entry) : null,
        sessions: got.sessions,
        minutes: got.minutes,
        deliveredPence: got.pence,
      });
    }
    const expected = input.expected?.[provision.id] ?? null;
    groups.push(summarise(intervention.id, intervention.name, provision, [...details], expected));
    const list = byProvision.get(provision.id) ?? [];
    list.push(...details);
    byProvision.set(provision.id, list);
  }

  const provisionLines: ImpactLine[] = [];
  for (const [provisionId, details] of byProvision) {
    const provision = provisions.get(provisionId)!;
    provisionLines.push(
      summarise(
        provisionId,
        provision.name,
        provision,
        details,
        input.expected?.[provisionId] ?? null,
      ),
    );
  }
  const order = (a: ImpactLine, b: ImpactLine) => a.name.localeCompare(b.name);
  return { groups: groups.sort(order), provisions: provisionLines.sort(order) };
};
