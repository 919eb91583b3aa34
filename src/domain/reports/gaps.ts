/**
 * Gap analysis ("know the gaps"): one measure, each vulnerable group against
 * the rest of the children who have a value, per half term, with the trend
 * and a RAG, and the children behind each figure.
 *
 * Measures, each a percentage per child per half term:
 * - ticks: target achievement rate = (achieved + half of partly) / ticks,
 *   absences left out;
 * - progress: progress on an intervention measure = (exit - entry) as a
 *   percentage of the measure's range, turned round when lower is better,
 *   in the half term of the exit score;
 * - attendance: provision attendance = sessions present / sessions on the
 *   register.
 * A group's value is the mean of its children's values (each child counts
 * once, however many ticks they have). Gap = group - rest, in percentage
 * points; negative means the group is behind.
 * RAG on the gap: green when the group is no more than `amber` points
 * behind, amber up to `red` points behind, red beyond.
 */
import { standingRecords } from '../standing';
import { halfTermOf, halfTerms, type HalfTerm, type SchoolCalendar } from '../calendar';
import type { StoredRecord } from '../records';
import { childName, dateOfInstant, type Rag, type SchoolRecords } from './common';
import { groupsOfChild, type ChildGroup } from './groups';

export const GAP_MEASURES = ['ticks', 'progress', 'attendance'] as const;
export type GapMeasure = (typeof GAP_MEASURES)[number];
export const GAP_MEASURE_LABELS: Record<GapMeasure, string> = {
  ticks: 'Target achievement rate (ticks)',
  progress: 'Progress on intervention measures',
  attendance: 'Provision attendance',
};

export type GapThresholds = { amber: number; red: number };
export const DEFAULT_GAP_THRESHOLDS: GapThresholds = { amber: 5, red: 10 };

export type GapCell = {
  halfTermId: string;
  group: number | null;
  rest: number | null;
  gap: number | null;
  nGroup: number;
  nRest: number;
  rag: Rag;
};

export type GapLine = {
  group: ChildGroup;
  cells: GapCell[];
  latest: GapCell | null;
  /** Change in the gap since the previous half term with a gap: + is the group doing better relative to the rest (a gap narrowing when behind). */
  trend: 'improving' | 'worsening' | 'steady' | 'none';
  trendPoints: number | null;
};

export type GapReport = {
  measure: GapMeasure;
  halfTerms: HalfTerm[];
  lines: GapLine[];
  /** Each child's value per half term, for the drill-down. */
  values: Map<string, Map<string, number>>;
};

export type GapInput = {
  records: Pick<
    SchoolRecords,
    'children' | 'ticks' | 'sessions' | 'scores' | 'interventions' | 'provisions' | 'school'
  >;
  calendar: SchoolCalendar;
  measure: GapMeasure;
  thresholds?: GapThresholds;
};

export const gapRag = (
  gap: number | null,
  thresholds: GapThresholds = DEFAULT_GAP_THRESHOLDS,
): Rag => {
  if (gap === null) return 'none';
  if (gap >= -thresholds.amber) return 'green';
  if (gap >= -thresholds.red) return 'amber';
  return 'red';
};

type Acc = Map<string, Map<string, { sum: number; count: number }>>;

const add = (acc: Acc, childId: string, halfTermId: string, value: number, weight = 1) => {
  let byHalf = acc.get(childId);
  if (!byHalf) acc.set(childId, (byHalf = new Map()));
  const entry = byHalf.get(halfTermId) ?? { sum: 0, count: 0 };
  entry.sum += value;
  entry.count += weight;
  byHalf.set(halfTermId, entry);
};

/** Each child's value (0-100) per half term for a measure. Dates outside term belong to no half term. */
export const childValues = (input: GapInput): Map<string, Map<string, number>> => {
  const { records, calendar } = input;
  const acc: Acc = new Map();
  // Why a cache: a school year has ~190 distinct dates but ~100 000 records.
  const halfCache = new Map<string, string | null>();
  const halfIdOf = (date: string): string | null => {
    let found = halfCache.get(date);
    if (found === undefined) {
      found = halfTermOf(date, calendar)?.id ?? null;
      halfCache.set(date, found);
    }
    return found;
  };
  if (input.measure === 'ticks') {
    for (const tick of standingRecords(records.ticks)) {
      if (tick.outcome === 'absent') continue;
      const half = halfIdOf(dateOfInstant(tick.recordedAt));
      if (!half) continue;
      add(
        acc,
        tick.childId,
        half,
        tick.outcome === 'achieved' ? 100 : tick.outcome === 'partly' ? 50 : 0,
      );
    }
  } else if (input.measure === 'attendance') {
    for (const session of standingRecords(records.sessions)) {
      const half = halfIdOf(session.date);
      if (!half) continue;
      for (const entry of session.attendance)
        add(acc, entry.childId, half, entry.isPresent ? 100 : 0);
    }
  } else {
    const interventions = new Map(records.interventions.map((i) => [i.id, i]));
    const provisions = new Map(records.provisions.map((p) => [p.id, p]));
    const pairs = new Map<
      string,
      { entry?: StoredRecord<'assessmentScore'>; exit?: StoredRecord<'assessmentScore'> }
    >();
    for (const score of standingRecords(input.records.scores)) {
      if (!score.interventionId || score.phase === 'interim') continue;
      const key = `${score.childId}|${score.interventionId}`;
      const pair = pairs.get(key) ?? {};
      if (score.phase === 'entry' && (!pair.entry || score.date < pair.entry.date))
        pair.entry = score;
      if (score.phase === 'exit' && (!pair.exit || score.date > pair.exit.date)) pair.exit = score;
      pairs.set(key, pair);
    }
    for (const { entry, exit } of pairs.values()) {
      if (!entry || !exit) continue;
      const intervention = interventions.get(exit.interventionId!);
      const measure = intervention && provisions.get(intervention.provisionId)?.measure;
      if (!measure || measure.max <= measure.min) continue;
      const half = halfIdOf(exit.date);
      if (!half) continue;
      const sign = measure.isHigherBetter ? 1 : -1;
      add(
        acc,
        exit.childId,
        half,
        (sign * (exit.value - entry.value) * 100) / (measure.max - measure.min),
      );
    }
  }
  const out = new Map<string, Map<string, number>>();
  for (const [childId, byHalf] of acc) {
    const values = new Map<string, number>();
    for (const [half, { sum, count }] of byHalf) values.set(half, sum / count);
    out.set(childId, values);
  }
  return out;
};

const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

export const gapReport = (input: GapInput): GapReport => {
  const thresholds = input.thresholds ?? DEFAULT_GAP_THRESHOLDS;
  const values = childValues(input);
  const halves = halfTerms(input.calendar);
  const customGroups = input.records.school?.customGroups ?? [];
  const groupsByKey = new Map<string, ChildGroup>();
  const members = new Map<string, Set<string>>();
  for (const child of input.records.children) {
    for (const group of groupsOfChild(child)) {
      groupsByKey.set(group.key, group);
      const set = members.get(group.key) ?? new Set<string>();
      set.add(child.id);
      members.set(group.key, set);
    }
  }
  // The school's own flags appear even when no child has one yet (an empty group).
  for (const code of customGroups) {
    const key = `custom:${code}`;
    if (!groupsByKey.has(key)) {
      groupsByKey.set(key, { key, label: code, kind: 'custom' });
      members.set(key, new Set());
    }
  }
  const usedHalves = halves.filter((half) =>
    [...values.values()].some((byHalf) => byHalf.has(half.id)),
  );
  const lines: GapLine[] = [];
  for (const [key, group] of groupsByKey) {
    const inGroup = members.get(key)!;
    const cells: GapCell[] = usedHalves.map((half) => {
      const groupValues: number[] = [];
      const restValues: number[] = [];
      for (const [childId, byHalf] of values) {
        const value = byHalf.get(half.id);
        if (value === undefined) continue;
        (inGroup.has(childId) ? groupValues : restValues).push(value);
      }
      const g = mean(groupValues);
      const r = mean(restValues);
      const gap = g !== null && r !== null ? g - r : null;
      return {
        halfTermId: half.id,
        group: g,
        rest: r,
        gap,
        nGroup: groupValues.length,
        nRest: restValues.length,
        rag: gapRag(gap, thresholds),
      };
    });
    const withGap = cells.filter((cell) => cell.gap !== null);
    const latest = withGap.at(-1) ?? null;
    const previous = withGap.at(-2);
    const trendPoints = latest && previous ? latest.gap! - previous.gap! : null;
    lines.push({
      group,
      cells,
      latest,
      trendPoints,
      trend:
        trendPoints === null
          ? 'none'
          : Math.abs(trendPoints) < 1
            ? 'steady'
            : trendPoints > 0
              ? 'improving'
              : 'worsening',
    });
  }
  const kindOrder = ['sen', 'vulnerable', 'custom', 'gender', 'year'];
  lines.sort(
    (a, b) =>
      kindOrder.indexOf(a.group.kind) - kindOrder.indexOf(b.group.kind) ||
      a.group.label.localeCompare(b.group.label, 'en-GB', { numeric: true }),
  );
  return { measure: input.measure, halfTerms: usedHalves, lines, values };
};

/** The children behind one cell: each group member's value in that half term. */
export const gapChildren = (
  report: GapReport,
  records: Pick<SchoolRecords, 'children' | 'school'>,
  groupKey: string,
  halfTermId: string,
): { childId: string; name: string; value: number | null }[] => {
  return records.children
    .filter((child) => groupsOfChild(child).some((g) => g.key === groupKey))
    .map((child) => ({
      childId: child.id,
      name: childName(child),
      value: report.values.get(child.id)?.get(halfTermId) ?? null,
    }))
    .sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || a.name.localeCompare(b.name));
};
