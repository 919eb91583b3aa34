/**
 * CSV out of the app: every report and every record type, through
 * papaparse. Not exported from the domain index on purpose, so only the
 * SENCo's screens (a separate chunk) carry papaparse.
 *
 * Why `escapeFormulae`: a child's name or note that starts with `=`, `+`,
 * `-` or `@` would otherwise run as a formula when the file is opened in a
 * spreadsheet. A plain negative number (a gap of -25.0 points) is left as
 * it is: it runs nothing, and escaped it would open as text, not a number.
 */
import Papa from 'papaparse';
import { OUTCOMES, type EntityName, type StoredRecord } from '../records';
import type { GapReport } from './gaps';
import type { ImpactReport } from './impact';
import type { ProvisionMap } from './provision-map';
import type { ThisWeekReport } from './this-week';

export type CsvRow = Record<string, string | number | boolean | null | undefined>;

/** Anything a spreadsheet could read as a formula, but not a plain negative number. */
export const FORMULA_START = /^(?!-\d+(\.\d+)?$)[=+\-@\t\r]/;

export const toCsv = (rows: CsvRow[], columns?: string[]): string =>
  // A BOM so Excel reads UTF-8 (accents in names) correctly.
  '\uFEFF' +
  Papa.unparse(
    {
      fields: columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))],
      data: rows.map((row) => (columns ?? Object.keys(row)).map((c) => row[c] ?? '')),
    },
    { escapeFormulae: FORMULA_START, newline: '\r\n' },
  );

const pounds = (pence: number | null): string => (pence === null ? '' : (pence / 100).toFixed(2));
const pct = (value: number | null): string => (value === null ? '' : value.toFixed(1));

export const thisWeekCsv = (report: ThisWeekReport): string => {
  const rows: CsvRow[] = [
    ...report.groups.map((g) => ({
      section: 'Group',
      name: g.name,
      provision: g.provisionName,
      planned_sessions: g.plannedInWeek,
      // Why both: dosage is delivered against the sessions whose time has come.
      due_so_far: g.planned,
      delivered_sessions: g.delivered,
      dosage_percent: pct(g.dosagePct),
      attendance_percent: pct(g.attendancePct),
      minutes: g.minutesDelivered,
    })),
    ...report.children.map((c) => ({
      section: 'Child minutes',
      name: c.name,
      minutes: c.minutes,
      sessions_attended: c.sessionsAttended,
      sessions_missed: c.sessionsMissed,
    })),
    ...report.unsupported.map((c) => ({
      section: 'No provision and no ticks',
      name: c.name,
      class: c.className ?? '',
      why: c.why.join(' and '),
    })),
    ...OUTCOMES.map((o) => ({ section: 'Ticks', name: o, count: report.ticks.byOutcome[o] })),
    ...report.reviews.map((r) => ({
      section: `Review ${r.state}`,
      name: r.name,
      plan: r.planTitle,
      date: r.dueDate,
    })),
    ...report.notSynced.staff.map((s) => ({
      section: 'Staff not synced',
      name: s.staffName,
      last_sync: s.lastSyncAt ?? 'never',
      school_days_since: s.schoolDaysSince ?? '',
    })),
    ...report.notSynced.devices.map((d) => ({
      section: 'Device not synced',
      name: d.staffName,
      device: d.deviceId ?? '',
      last_sync: d.lastSyncAt ?? 'never',
      school_days_since: d.schoolDaysSince ?? '',
    })),
  ];
  return toCsv(rows, [
    'section',
    'name',
    'provision',
    'planned_sessions',
    'due_so_far',
    'delivered_sessions',
    'dosage_percent',
    'attendance_percent',
    'minutes',
    'sessions_attended',
    'sessions_missed',
    'class',
    'why',
    'count',
    'plan',
    'date',
    'device',
    'last_sync',
    'school_days_since',
  ]);
};

export const provisionMapCsv = (map: ProvisionMap): string =>
  toCsv(
    map.rows.map((row) => ({
      child: row.childName,
      class: row.className ?? '',
      year_group: row.yearGroup,
      provision: row.provisionName,
      area_of_need: row.areaOfNeed,
      planned_sessions: row.plannedSessions,
      planned_minutes: row.plannedMinutes,
      planned_cost_gbp: pounds(row.plannedPence),
      delivered_sessions: row.deliveredSessions,
      delivered_minutes: row.deliveredMinutes,
      delivered_cost_gbp: pounds(row.deliveredPence),
    })),
  );

export const impactCsv = (report: ImpactReport): string =>
  toCsv(
    [
      ...report.groups.map((l) => ({ ...l, level: 'group' })),
      ...report.provisions.map((l) => ({ ...l, level: 'provision' })),
    ].map((line) => ({
      level: line.level,
      name: line.name,
      provision: line.provisionName,
      measure: line.measure?.name ?? '',
      children_measured: line.n,
      children_attended: line.children,
      mean_entry: line.meanEntry ?? '',
      mean_exit: line.meanExit ?? '',
      mean_change: line.meanChange ?? '',
      delivered_cost_gbp: pounds(line.deliveredPence),
      cost_per_pupil_gbp: pounds(line.costPerPupilPence),
      cost_per_unit_gbp: pounds(line.costPerUnitPence),
      expected_change: line.expected ?? '',
      rag: line.rag,
    })),
  );

export const gapsCsv = (report: GapReport): string =>
  toCsv(
    report.lines.flatMap((line) =>
      line.cells.map((cell) => ({
        measure: report.measure,
        group: line.group.label,
        half_term: report.halfTerms.find((h) => h.id === cell.halfTermId)?.label ?? cell.halfTermId,
        group_value: pct(cell.group),
        rest_value: pct(cell.rest),
        gap_points: pct(cell.gap),
        children_in_group: cell.nGroup,
        children_in_rest: cell.nRest,
        rag: cell.rag,
      })),
    ),
  );

/** Any record type as CSV: one column per field, lists and objects as JSON. */
export const recordsCsv = <E extends EntityName>(rows: StoredRecord<E>[]): string =>
  toCsv(
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([key]) => !key.startsWith('_'))
          .map(([key, value]) => [
            key,
            value !== null && typeof value === 'object'
              ? JSON.stringify(value)
              : (value as CsvRow[string]),
          ]),
      ),
    ),
  );
