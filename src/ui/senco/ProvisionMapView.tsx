/**
 * The provision map: who received which provision, minutes and cost as
 * delivered beside planned, with totals by class, year group, area of need
 * and vulnerable group, and the school's spend, for a date range (the
 * current term to today by default).
 */
import { useMemo, useState } from 'preact/hooks';
import { termOf } from '../../domain';
import { provisionMap, type TotalLine } from '../../domain/reports';
import { provisionMapCsv } from '../../domain/reports/csv';
import type { LocalStore } from '../../storage';
import { formatDate } from '../format';
import { calendarFor, csvName, money, today, useSchoolRecords } from './model';
import { TableWrap } from '../components/TableWrap';
import { DownloadButton } from '../components/DownloadButton';
import { Loading } from '../components/Loading';

const TOTAL_COLUMNS = [
  'Children',
  'Planned minutes',
  'Delivered minutes',
  'Planned cost',
  'Delivered cost',
] as const;

function Totals({ title, lines, testId }: { title: string; lines: TotalLine[]; testId: string }) {
  if (lines.length === 0) {
    return (
      <p class="empty" data-testid={testId}>
        {title}: no provision in these dates.
      </p>
    );
  }
  return (
    <TableWrap label={title}>
      <table data-testid={testId} class="cards-narrow" role="table">
        <caption>{title}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {title.replace('By ', '').replace(/^./, (c) => c.toUpperCase())}
            </th>
            {TOTAL_COLUMNS.map((column) => (
              <th key={column} scope="col" role="columnheader" class="num">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {lines.map((line) => (
            <tr key={line.key} role="row">
              <th scope="row" role="rowheader">
                {line.label}
              </th>
              {[
                line.children,
                line.plannedMinutes,
                line.deliveredMinutes,
                money(line.plannedPence),
                money(line.deliveredPence),
              ].map((value, i) => (
                <td key={i} role="cell" class="num" data-label={TOTAL_COLUMNS[i]}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
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
      <div class="report-head">
        <h1 id="map-heading">Provision map</h1>
        <div class="report-tools no-print">
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
            <input
              type="date"
              value={map.range.end}
              onInput={(e) => setEnd(e.currentTarget.value)}
            />
          </label>
          <DownloadButton
            label="Download CSV"
            filename={() => csvName('provision-map')}
            type="text/csv"
            build={() => provisionMapCsv(map)}
          />
          <button type="button" class="quiet" onClick={() => print()}>
            Print
          </button>
        </div>
      </div>
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
      {map.rows.length === 0 ? (
        <p class="empty">No provision was planned or delivered in these dates.</p>
      ) : (
        <TableWrap label="Children and provisions">
          <table data-testid="map-table" class="cards-narrow" role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  Child
                </th>
                <th scope="col" role="columnheader">
                  Class
                </th>
                <th scope="col" role="columnheader">
                  Provision
                </th>
                <th scope="col" role="columnheader" class="num">
                  Sessions planned / delivered
                </th>
                <th scope="col" role="columnheader" class="num">
                  Minutes planned / delivered
                </th>
                <th scope="col" role="columnheader" class="num">
                  Cost planned
                </th>
                <th scope="col" role="columnheader" class="num">
                  Cost delivered
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {map.rows.map((row) => (
                <tr key={`${row.childId}-${row.provisionId}`} data-testid="map-row" role="row">
                  <th scope="row" role="rowheader">
                    <a href={`/senco/child/${row.childId}`}>{row.childName}</a>
                  </th>
                  <td role="cell" data-label="Class">
                    {row.className ?? '—'}
                  </td>
                  <td role="cell" data-label="Provision">
                    {row.provisionName}
                  </td>
                  <td role="cell" class="num" data-label="Sessions planned / delivered">
                    {row.plannedSessions} / {row.deliveredSessions}
                  </td>
                  <td role="cell" class="num" data-label="Minutes planned / delivered">
                    {row.plannedMinutes} / {row.deliveredMinutes}
                  </td>
                  <td role="cell" class="num" data-label="Cost planned">
                    {money(row.plannedPence)}
                  </td>
                  <td role="cell" class="num" data-label="Cost delivered">
                    {money(row.deliveredPence)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
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
