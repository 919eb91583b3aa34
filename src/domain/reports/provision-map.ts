/**
 * The provision map: children x provisions with minutes and cost as
 * DELIVERED (from session registers) beside what was PLANNED (from each
 * intervention's weekly schedule on school days), with totals by class,
 * year group, area of need and vulnerable group, and the school's spend.
 *
 * Cost rules (see common.ts, staffCostPerChild): a group session's staff
 * cost is shared by the children present; a one-to-one session costs a
 * whole session per child. A provision's resource cost per pupil is charged
 * once per child who attended at least once (delivered) or who is in the
 * group (planned).
 */
import { standingRecords } from '../standing';
import type { IsoDate, SchoolCalendar } from '../calendar';
import { AREA_OF_NEED_LABELS, type AreaOfNeed, type StoredRecord } from '../records';
import {
  childName,
  inRange,
  plannedDatesIn,
  sessionStaffCost,
  staffCostPerChild,
  type DateRange,
  type SchoolRecords,
} from './common';
import { groupsOfChild } from './groups';

export type ProvisionMapRow = {
  childId: string;
  childName: string;
  className?: string;
  yearGroup: number;
  provisionId: string;
  provisionName: string;
  areaOfNeed: AreaOfNeed;
  plannedSessions: number;
  plannedMinutes: number;
  plannedPence: number;
  deliveredSessions: number;
  deliveredMinutes: number;
  deliveredPence: number;
};

export type Money = {
  plannedMinutes: number;
  plannedPence: number;
  deliveredMinutes: number;
  deliveredPence: number;
  children: number;
};

export type TotalLine = Money & { key: string; label: string };

export type ProvisionMap = {
  range: DateRange;
  rows: ProvisionMapRow[];
  provisions: TotalLine[];
  byClass: TotalLine[];
  byYearGroup: TotalLine[];
  byAreaOfNeed: TotalLine[];
  /** A child in several groups counts in each, so these do not add up to the school total. */
  byGroup: TotalLine[];
  school: Money;
};

export type ProvisionMapInput = {
  records: Pick<
    SchoolRecords,
    'children' | 'classes' | 'provisions' | 'interventions' | 'sessions' | 'school'
  >;
  calendar: SchoolCalendar;
  range: DateRange;
};

const zero = (): Money => ({
  plannedMinutes: 0,
  plannedPence: 0,
  deliveredMinutes: 0,
  deliveredPence: 0,
  children: 0,
});

export const yearGroupLabel = (year: number): string =>
  year === -1 ? 'Nursery' : year === 0 ? 'Reception' : `Year ${year}`;

type Cell = Omit<
  ProvisionMapRow,
  'childName' | 'className' | 'yearGroup' | 'provisionName' | 'areaOfNeed'
> & {
  /** Interventions whose resource cost is already charged (planned / delivered). */
  plannedResource: Set<string>;
  deliveredResource: Set<string>;
};

/** One child's provision in a range: the same arithmetic the map uses, per intervention. */
export const deliveredByChild = (
  intervention: StoredRecord<'intervention'>,
  provision: StoredRecord<'provision'>,
  sessions: StoredRecord<'interventionSession'>[],
): Map<string, { sessions: number; minutes: number; pence: number }> => {
  const out = new Map<string, { sessions: number; minutes: number; pence: number }>();
  for (const session of sessions) {
    if (session.interventionId !== intervention.id) continue;
    const share = staffCostPerChild(session, provision);
    for (const childId of share.childIds) {
      const entry = out.get(childId) ?? { sessions: 0, minutes: 0, pence: 0 };
      entry.pence += share.pence;
      out.set(childId, entry);
    }
    for (const entry of session.attendance) {
      if (!entry.isPresent) continue;
      const current = out.get(entry.childId) ?? { sessions: 0, minutes: 0, pence: 0 };
      current.sessions += 1;
      current.minutes += session.minutes;
      out.set(entry.childId, current);
    }
  }
  for (const [childId, entry] of out) {
    if (entry.sessions > 0) entry.pence += provision.resourceCostPerPupilPence;
    out.set(childId, entry);
  }
  return out;
};

export const provisionMap = (input: ProvisionMapInput): ProvisionMap => {
  const { records, calendar, range } = input;
  const provisions = new Map(records.provisions.map((p) => [p.id, p]));
  const children = new Map(records.children.map((c) => [c.id, c]));
  const classes = new Map(records.classes.map((c) => [c.id, c]));
  const sessions = standingRecords(records.sessions).filter((s) => inRange(s.date, range));
  const interventions = new Map(records.interventions.map((i) => [i.id, i]));
  const cells = new Map<string, Cell>();
  const cell = (childId: string, provisionId: string): Cell => {
    const key = `${childId}|${provisionId}`;
    let found = cells.get(key);
    if (!found) {
      found = {
        childId,
        provisionId,
        plannedSessions: 0,
        plannedMinutes: 0,
        plannedPence: 0,
        deliveredSessions: 0,
        deliveredMinutes: 0,
        deliveredPence: 0,
        plannedResource: new Set(),
        deliveredResource: new Set(),
      };
      cells.set(key, found);
    }
    return found;
  };

  // Planned: each child in a live group gets the scheduled sessions in range.
  for (const intervention of records.interventions) {
    if (intervention.isArchived) continue;
    const provision = provisions.get(intervention.provisionId);
    if (!provision) continue;
    const dates = plannedDatesIn(intervention, range, calendar);
    if (dates.length === 0) continue;
    const full = sessionStaffCost(intervention.sessionMinutes, provision.staffHourlyCostPence);
    const groupSize = Math.max(1, intervention.childIds.length);
    const perChild = provision.format === 'one_to_one' ? full : full / groupSize;
    for (const childId of intervention.childIds) {
      const c = cell(childId, provision.id);
      c.plannedSessions += dates.length;
      c.plannedMinutes += dates.length * intervention.sessionMinutes;
      c.plannedPence += dates.length * perChild;
      if (!c.plannedResource.has(intervention.id)) {
        c.plannedResource.add(intervention.id);
        c.plannedPence += provision.resourceCostPerPupilPence;
      }
    }
  }

  // Delivered: from the registers of sessions that happened in range.
  for (const session of sessions) {
    const intervention = interventions.get(session.interventionId);
    const provision = intervention && provisions.get(intervention.provisionId);
    if (!intervention || !provision) continue;
    const share = staffCostPerChild(session, provision);
    for (const childId of share.childIds) cell(childId, provision.id).deliveredPence += share.pence;
    for (const entry of session.attendance) {
      if (!entry.isPresent) continue;
      const c = cell(entry.childId, provision.id);
      c.deliveredSessions += 1;
      c.deliveredMinutes += session.minutes;
      if (!c.deliveredResource.has(intervention.id)) {
        c.deliveredResource.add(intervention.id);
        c.deliveredPence += provision.resourceCostPerPupilPence;
      }
    }
  }

  const rows: ProvisionMapRow[] = [];
  for (const c of cells.values()) {
    const child = children.get(c.childId);
    const provision = provisions.get(c.provisionId)!;
    if (!child) continue;
    const { plannedResource: _p, deliveredResource: _d, ...rest } = c;
    const className = child.classId ? classes.get(child.classId)?.name : undefined;
    rows.push({
      ...rest,
      childName: childName(child),
      ...(className ? { className } : {}),
      yearGroup: child.yearGroup,
      provisionName: provision.name,
      areaOfNeed: provision.areaOfNeed,
    });
  }
  rows.sort(
    (a, b) =>
      a.childName.localeCompare(b.childName) || a.provisionName.localeCompare(b.provisionName),
  );

  const totals = (
    keysOf: (row: ProvisionMapRow) => { key: string; label: string }[],
  ): TotalLine[] => {
    const lines = new Map<string, TotalLine & { seen: Set<string> }>();
    for (const row of rows) {
      for (const { key, label } of keysOf(row)) {
        const line = lines.get(key) ?? { key, label, ...zero(), seen: new Set<string>() };
        line.plannedMinutes += row.plannedMinutes;
        line.plannedPence += row.plannedPence;
        line.deliveredMinutes += row.deliveredMinutes;
        line.deliveredPence += row.deliveredPence;
        line.seen.add(row.childId);
        line.children = line.seen.size;
        lines.set(key, line);
      }
    }
    return [...lines.values()]
      .map(({ seen: _seen, ...line }) => line)
      .sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
  };

  const school = zero();
  const everyone = new Set<string>();
  for (const row of rows) {
    school.plannedMinutes += row.plannedMinutes;
    school.plannedPence += row.plannedPence;
    school.deliveredMinutes += row.deliveredMinutes;
    school.deliveredPence += row.deliveredPence;
    everyone.add(row.childId);
  }
  school.children = everyone.size;

  return {
    range,
    rows,
    provisions: totals((row) => [{ key: row.provisionId, label: row.provisionName }]),
    byClass: totals((row) => [{ key: row.className ?? '-', label: row.className ?? 'No class' }]),
    byYearGroup: totals((row) => [
      { key: String(row.yearGroup), label: yearGroupLabel(row.yearGroup) },
    ]),
    byAreaOfNeed: totals((row) => [
      { key: row.areaOfNeed, label: AREA_OF_NEED_LABELS[row.areaOfNeed] },
    ]),
    byGroup: totals((row) => {
      const child = children.get(row.childId)!;
      return groupsOfChild(child)
        .filter((group) => group.kind !== 'year' && group.kind !== 'gender')
        .map((group) => ({ key: group.key, label: group.label }));
    }),
    school,
  };
};

export type { IsoDate };
