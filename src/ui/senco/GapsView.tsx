/**
 * Gap analysis: pick a measure; each vulnerable group against the rest per
 * half term, with the trend and a RAG; choose a cell to see the children
 * behind it. The chart of the chosen group loads uPlot on demand.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  DEFAULT_GAP_THRESHOLDS,
  GAP_MEASURES,
  GAP_MEASURE_LABELS,
  gapChildren,
  gapReport,
  type GapMeasure,
} from '../../domain/reports';
import { gapsCsv } from '../../domain/reports/csv';
import type { LocalStore } from '../../storage';
import { LineChart } from './Chart';
import { calendarFor, csvName, pct, points, useSchoolRecords } from './model';
import { RagBadge } from './Rag';
import { TableWrap } from '../components/TableWrap';
import { DownloadButton } from '../components/DownloadButton';
import { Loading } from '../components/Loading';

const TREND_LABELS = {
  improving: '↗ Improving',
  worsening: '↘ Worsening',
  steady: '→ Steady',
  none: '—',
} as const;

export function GapsView({ store }: { store: LocalStore }) {
  const records = useSchoolRecords(store);
  const [measure, setMeasure] = useState<GapMeasure>('ticks');
  const [chosen, setChosen] = useState<{ groupKey: string; halfTermId: string }>();
  const thresholds = records?.school?.reportSettings?.gapThresholds ?? DEFAULT_GAP_THRESHOLDS;
  const report = useMemo(
    () => records && gapReport({ records, calendar: calendarFor(records), measure, thresholds }),
    [records, measure],
  );
  if (!records || !report) return <Loading />;
  const chosenLine = chosen && report.lines.find((l) => l.group.key === chosen.groupKey);
  const chosenHalf = chosen && report.halfTerms.find((h) => h.id === chosen.halfTermId);
  // On a phone each group is a card and each half term a labelled line in it.
  const halfTermLabels = new Map(report.halfTerms.map((h) => [h.id, h.label]));
  return (
    <section aria-labelledby="gaps-heading" class="report">
      <div class="report-head">
        <h1 id="gaps-heading">Gap analysis</h1>
        <div class="report-tools no-print">
          <label>
            Measure{' '}
            <select
              value={measure}
              onChange={(e) => {
                setMeasure(e.currentTarget.value as GapMeasure);
                setChosen(undefined);
              }}
            >
              {GAP_MEASURES.map((m) => (
                <option key={m} value={m}>
                  {GAP_MEASURE_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          <DownloadButton
            label="Download CSV"
            filename={() => csvName(`gaps-${measure}`)}
            type="text/csv"
            build={() => gapsCsv(report)}
          />
          <button type="button" class="quiet" onClick={() => print()}>
            Print
          </button>
        </div>
      </div>
      <p class="summary">
        Each group against all other children with a value, per half term (percent). Gap in
        percentage points: green up to {thresholds.amber} points behind, amber up to{' '}
        {thresholds.red}, red beyond. Choose a gap to see the children behind it.
      </p>
      {report.halfTerms.length === 0 ? (
        <p class="empty">Nothing recorded in term time for this measure yet.</p>
      ) : (
        <TableWrap label="Gaps by half term">
          <table data-testid="gaps-table" class="cards-narrow" role="table">
            <thead>
              <tr>
                <th scope="col">Group</th>
                {report.halfTerms.map((h) => (
                  <th scope="col" key={h.id}>
                    {h.label}
                  </th>
                ))}
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {report.lines.map((line) => (
                <tr key={line.group.key} data-testid="gap-row">
                  <th scope="row">{line.group.label}</th>
                  {line.cells.map((cell) => (
                    <td
                      key={cell.halfTermId}
                      role="cell"
                      data-label={halfTermLabels.get(cell.halfTermId)}
                    >
                      {cell.gap === null ? (
                        <span class="empty">{cell.nGroup === 0 ? 'No children' : '—'}</span>
                      ) : (
                        <button
                          type="button"
                          class="link gap-cell"
                          aria-pressed={
                            chosen?.groupKey === line.group.key &&
                            chosen.halfTermId === cell.halfTermId
                          }
                          onClick={() =>
                            setChosen({ groupKey: line.group.key, halfTermId: cell.halfTermId })
                          }
                        >
                          {points(cell.gap)}
                          <span class="note">
                            {' '}
                            {pct(cell.group)} vs {pct(cell.rest)} (n={cell.nGroup})
                          </span>
                        </button>
                      )}{' '}
                      {cell.gap !== null && <RagBadge rag={cell.rag} />}
                    </td>
                  ))}
                  <td role="cell" data-label="Trend">
                    {TREND_LABELS[line.trend]}
                    {line.trendPoints !== null && ` (${points(line.trendPoints)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {chosenLine && chosenHalf && (
        <section aria-labelledby="gap-children-heading" class="drill-panel">
          <h2 id="gap-children-heading">
            {chosenLine.group.label}, {chosenHalf.label}
          </h2>
          <LineChart
            title={`${chosenLine.group.label} against the rest, by half term`}
            yLabel="%"
            labels={report.halfTerms.map((h) => h.label)}
            series={[
              {
                label: chosenLine.group.label,
                values: chosenLine.cells.map((c) => c.group),
                colour: '#1f4e79',
              },
              {
                label: 'The rest',
                values: chosenLine.cells.map((c) => c.rest),
                colour: '#7a4d00',
                dash: [6, 4],
              },
            ]}
          />
          <ul class="plain-list" data-testid="gap-children">
            {gapChildren(report, records, chosen!.groupKey, chosen!.halfTermId).map((c) => (
              <li key={c.childId}>
                <a href={`/senco/child/${c.childId}`}>{c.name}</a>:{' '}
                {c.value === null ? 'no data' : pct(c.value)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
