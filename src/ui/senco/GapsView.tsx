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
  type GapLine,
  type GapMeasure,
} from '../../domain/reports';
import { gapsCsv } from '../../domain/reports/csv';
import type { LocalStore } from '../../storage';
import { LineChart } from './Chart';
import { calendarFor, csvName, pct, points, useSchoolRecords } from './model';
import { RagBadge } from './Rag';
import { ReportHeader } from '../components/ReportHeader';
import { ReportTable, type ReportColumn } from '../components/ReportTable';
import { Loading } from '../components/Loading';
import { ChoiceOptions } from '../components/ChoiceOptions';

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
  return (
    <section aria-labelledby="gaps-heading" class="report">
      <ReportHeader
        id="gaps-heading"
        title="Gap analysis"
        csv={{ filename: () => csvName(`gaps-${measure}`), build: () => gapsCsv(report) }}
      >
        <label>
          Measure{' '}
          <select
            value={measure}
            onChange={(e) => {
              setMeasure(e.currentTarget.value as GapMeasure);
              setChosen(undefined);
            }}
          >
            <ChoiceOptions values={GAP_MEASURES} label={(m) => GAP_MEASURE_LABELS[m]} />
          </select>
        </label>
      </ReportHeader>
      <p class="summary">
        Each group against all other children with a value, per half term (percent). Gap in
        percentage points: green up to {thresholds.amber} points behind, amber up to{' '}
        {thresholds.red}, red beyond. Choose a gap to see the children behind it.
      </p>
      {report.halfTerms.length === 0 ? (
        <p class="empty">Nothing recorded in term time for this measure yet.</p>
      ) : (
        <ReportTable
          caption="Gaps by half term"
          columns={[
            { header: 'Group', isRowHeader: true, cell: (line) => line.group.label },
            ...report.halfTerms.map((h, i): ReportColumn<GapLine> => ({
              header: h.label,
              key: h.id,
              cell: (line) => {
                const cell = line.cells[i]!;
                return (
                  <>
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
                  </>
                );
              },
            })),
            {
              header: 'Trend',
              cell: (line) => (
                <>
                  {TREND_LABELS[line.trend]}
                  {line.trendPoints !== null && ` (${points(line.trendPoints)})`}
                </>
              ),
            },
          ]}
          rows={report.lines}
          rowKey={(line) => line.group.key}
          testId="gaps-table"
          rowTestId="gap-row"
        />
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
