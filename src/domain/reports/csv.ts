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
import {
  AREA_OF_NEED_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  type AreaOfNeed,
  type EntityName,
  type StoredRecord,
} from '../records';
import { RAG_LABELS, type Rag } from './common';
import { GAP_MEASURE_LABELS, type GapReport } from './gaps';
import type { ImpactReport } from './impact';
import type { ProvisionMap } from './provision-map';
import { readableRows, type RecordWords } from './readable-record';
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

/** "26/10/2015", from the date as written. */
const ukDate = (isoDate: string): string => isoDate.slice(0, 10).split('-').reverse().join('/');
/** "23/11/2026 09:15" (UTC: a file carries no time zone of its own). */
const ukDateTime = (iso: string): string => `${ukDate(iso)} ${iso.slice(11, 16)}`;
const REVIEW_STATE_WORDS: Record<string, string> = {
  overdue: 'Review overdue',
  due: 'Review due',
  done: 'Review done',
};

const pounds = (pence: number | null): string => (pence === null ? '' : (pence / 100).toFixed(2));
const pct = (value: number | null): string => (value === null ? '' : value.toFixed(1));

export const thisWeekCsv = (report: ThisWeekReport): string => {
  const rows: CsvRow[] = [
    ...report.groups.map((g) => ({
      Section: 'Group',
      Name: g.name,
      Provision: g.provisionName,
      'Sessions planned this week': g.plannedInWeek,
      // Why both: dosage is delivered against the sessions whose time has come.
      'Sessions due so far': g.planned,
      'Sessions delivered': g.delivered,
      'Dosage (%)': pct(g.dosagePct),
      'Attendance (%)': pct(g.attendancePct),
      Minutes: g.minutesDelivered,
    })),
    ...report.children.map((c) => ({
      Section: 'Child minutes',
      Name: c.name,
      Minutes: c.minutes,
      'Sessions attended': c.sessionsAttended,
      'Sessions missed': c.sessionsMissed,
    })),
    ...report.unsupported.map((c) => ({
      Section: 'No provision and no ticks',
      Name: c.name,
      Class: c.className ?? '',
      Why: c.why.map((w) => (w === 'focus' ? 'Focus child' : 'On the SEN register')).join(' and '),
    })),
    ...OUTCOMES.map((o) => ({
      Section: 'Ticks',
      Name: OUTCOME_LABELS[o],
      Count: report.ticks.byOutcome[o],
    })),
    ...report.reviews.map((r) => ({
      Section: REVIEW_STATE_WORDS[r.state] ?? `Review ${r.state}`,
      Name: r.name,
      Plan: r.planTitle,
      Date: ukDate(r.dueDate),
    })),
    ...report.notSynced.staff.map((s) => ({
      Section: 'Staff not synced',
      Name: s.staffName,
      'Last synced (UTC)': s.lastSyncAt ? ukDateTime(s.lastSyncAt) : 'Never',
      'School days since': s.schoolDaysSince ?? '',
    })),
    ...report.notSynced.devices.map((d) => ({
      Section: 'Device not synced',
      Name: d.staffName,
      'Last synced (UTC)': d.lastSyncAt ? ukDateTime(d.lastSyncAt) : 'Never',
      'School days since': d.schoolDaysSince ?? '',
      // Why kept, and last: the SENCo matches it to the device list to revoke one.
      'Device id': d.deviceId ?? '',
    })),
  ];
  return toCsv(rows, [
    'Section',
    'Name',
    'Provision',
    'Sessions planned this week',
    'Sessions due so far',
    'Sessions delivered',
    'Dosage (%)',
    'Attendance (%)',
    'Minutes',
    'Sessions attended',
    'Sessions missed',
    'Class',
    'Why',
    'Count',
    'Plan',
    'Date',
    'Last synced (UTC)',
    'School days since',
    'Device id',
  ]);
};

export const provisionMapCsv = (map: ProvisionMap): string =>
  toCsv(
    map.rows.map((row) => ({
      Child: row.childName,
      Class: row.className ?? '',
      'Year group': row.yearGroup,
      Provision: row.provisionName,
      'Area of need': AREA_OF_NEED_LABELS[row.areaOfNeed as AreaOfNeed] ?? row.areaOfNeed,
      'Sessions planned': row.plannedSessions,
      'Minutes planned': row.plannedMinutes,
      'Cost planned (£)': pounds(row.plannedPence),
      'Sessions delivered': row.deliveredSessions,
      'Minutes delivered': row.deliveredMinutes,
      'Cost delivered (£)': pounds(row.deliveredPence),
    })),
  );

const rag = (value: Rag | null | undefined): string =>
  value ? RAG_LABELS[value] : RAG_LABELS.none;

export const impactCsv = (report: ImpactReport): string =>
  toCsv(
    [
      ...report.groups.map((l) => ({ ...l, level: 'Group' })),
      ...report.provisions.map((l) => ({ ...l, level: 'Provision' })),
    ].map((line) => ({
      Level: line.level,
      Name: line.name,
      Provision: line.provisionName,
      Measure: line.measure?.name ?? '',
      'Children measured': line.n,
      'Children attended': line.children,
      'Mean entry score': line.meanEntry ?? '',
      'Mean exit score': line.meanExit ?? '',
      'Mean change': line.meanChange ?? '',
      'Cost delivered (£)': pounds(line.deliveredPence),
      'Cost a pupil (£)': pounds(line.costPerPupilPence),
      'Cost a point of progress (£)': pounds(line.costPerUnitPence),
      'Expected change': line.expected ?? '',
      Rating: rag(line.rag),
    })),
  );

export const gapsCsv = (report: GapReport): string =>
  toCsv(
    report.lines.flatMap((line) =>
      line.cells.map((cell) => ({
        Measure: GAP_MEASURE_LABELS[report.measure],
        Group: line.group.label,
        'Half term': report.halfTerms.find((h) => h.id === cell.halfTermId)?.label ?? '',
        'Group score': pct(cell.group),
        'Rest of the school': pct(cell.rest),
        'Gap (points)': pct(cell.gap),
        'Children in group': cell.nGroup,
        'Children in the rest': cell.nRest,
        Rating: rag(cell.rag),
      })),
    ),
  );

/**
 * Any record type as CSV a person can read: one column per field under its
 * label, other records by their names, codes as words, dates as dates, lists
 * as words; the record's id alone in the last column.
 */
export const recordsCsv = <E extends EntityName>(
  rows: StoredRecord<E>[],
  words: RecordWords,
): string => {
  const readable = readableRows(rows as ({ id: string } & Record<string, unknown>)[], words);
  return toCsv(readable.rows, readable.columns);
};
