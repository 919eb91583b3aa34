/**
 * The provision map: who received which provision, minutes and cost as
 * delivered beside planned, with totals by class, year group, area of need
 * and vulnerable group, and the school's spend, for a date range (the
 * current term to today by default).
 */
import { useMemo, useState } from 'preact/hooks';
import { termOf } from '../../domain';
import { provisionMap, type ProvisionMapRow, type TotalLine } from '../../domain/reports';
import { provisionMapCsv } from '../../domain/reports/csv';
import type { LocalStore } from '../../storage';
import { formatDate } from '../format';
import { calendarFor, csvName, money, today, useSchoolRecords } from './model';
import { ReportHeader } from '../components/ReportHeader';
import { ReportTable, type ReportColumn } from '../components/ReportTable';
import { Loading } from '../components/Loading';

const TOTAL_COLUMNS: ReportColumn<TotalLine>[] = [
  { header: 'Children', cell: (line) => line.children, isNumeric: true },
  { header: 'Planned minutes', cell: (line) => line.plannedMinutes, isNumeric: true },
  { header: 'Delivered minutes', cell: (line) => line.deliveredMinutes, isNumeric: true },
  { header: 'Planned cost', cell: (line) => money(line.plannedPence), isNumeric: true },
  { header: 'Delivered cost', cell: (line) => money(line.deliveredPence), isNumeric: true },
];

const MAP_COLUMNS: ReportColumn<ProvisionMapRow>[] = [
  {
    header: 'Child',
    isRowHeader: true,
    cell: (row) => <a href={`/senco/child/${row.childId}`}>{row.childName}</a>,
  },
  { header: 'Class', cell: (row) => row.className ?? '—' },
  { header: 'Provision', cell: (row) => row.provisionName },
  {
    header: 'Sessions planned / delivered',
    isNumeric: true,
    cell: (row) => `${row.plannedSessions} / ${row.deliveredSessions}`,
  },
  {
    header: 'Minutes planned / delivered',
    isNumeric: true,
    cell: (row) => `${row.plannedMinutes} / ${row.deliveredMinutes}`,
  },
  { header: 'Cost planned', isNumeric: true, cell: (row) => money(row.plannedPence) },
  { header: 'Cost delivered', isNumeric: true, cell: (row) => money(row.deliveredPence) },
];

function Totals({ title, lines, testId }: { title: string; lines: TotalLine[]; testId: string }) {
  if (lines.length === 0) {
    return (
      <p class="empty" data-testid={testId}>
        {title}: no provision in these dates.
      </p>
    );
  }
  const name: ReportColumn<TotalLine> = {
    header: title.replace('By ', '').replace(/^./, (c) => c.toUpperCase()),
    isRowHeader: true,
    cell: (line) => line.label,
  };
  return (
    <ReportTable
      caption={title}
      isCaptionShown
      columns={[name, ...TOTAL_COLUMNS]}
      rows={lines}
      rowKey={(line) => line.key}
      testId={testId}
    />
  );
}

export function ProvisionMapView({ store }: { store: LocalStore }) {
  const records = useSchoolRecords(store);
  const [start, setStart] = useState<string>();
  const [end, setEnd] = useState<string>(today());
  const map = useMemo(() => {
    if (!records) return undefined;
    const calendar = calendarFor(records);
    const from = start || termOf(today(), calendar)?.start || today();
    const to = end || today();
    return provisionMap({ records, calendar, range: { start: from, end: to < from ? from : to } });
  }, [records, start, end]);
  if (!map) return <Loading />;
  return (
    <section aria-labelledby="map-heading" class="report">
      <ReportHeader
        id="map-heading"
        title="Provision map"
        csv={{ filename: () => csvName('provision-map'), build: () => provisionMapCsv(map) }}
      >
        <label>
          From{' '}
          <input
            type="date"
            value={map.range.start}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        </label>
        <label>
          To{' '}
          <input type="date" value={map.range.end} onInput={(e) => setEnd(e.currentTarget.value)} />
        </label>
      </ReportHeader>
      <p class="summary">
        {formatDate(map.range.start)} to {formatDate(map.range.end)}. Costed as delivered, from the
        session registers; planned from each group’s timetable on school days.
      </p>
      <div class="stat-grid">
        <div class="stat" data-testid="school-delivered">
          <span class="stat-label">School spend, as delivered</span>
          <span class="stat-value">{money(map.school.deliveredPence)}</span>
          <span class="stat-note">{map.school.deliveredMinutes} minutes</span>
        </div>
        <div class="stat" data-testid="school-planned">
          <span class="stat-label">As planned</span>
          <span class="stat-value">{money(map.school.plannedPence)}</span>
          <span class="stat-note">{map.school.plannedMinutes} minutes</span>
        </div>
        <div class="stat">
          <span class="stat-label">Children receiving provision</span>
          <span class="stat-value">{map.school.children}</span>
        </div>
      </div>

      <h2>Children and provisions</h2>
      <ReportTable
        caption="Children and provisions"
        columns={MAP_COLUMNS}
        rows={map.rows}
        rowKey={(row) => `${row.childId}-${row.provisionId}`}
        testId="map-table"
        rowTestId="map-row"
        empty="No provision was planned or delivered in these dates."
      />
      <h2>Totals</h2>
      <p class="note">A child in several groups counts in each, so group totals overlap.</p>
      <Totals title="By provision" lines={map.provisions} testId="totals-provision" />
      <Totals title="By class" lines={map.byClass} testId="totals-class" />
      <Totals title="By year group" lines={map.byYearGroup} testId="totals-year" />
      <Totals title="By area of need" lines={map.byAreaOfNeed} testId="totals-area" />
      <Totals title="By vulnerable group" lines={map.byGroup} testId="totals-group" />
    </section>
  );
}
