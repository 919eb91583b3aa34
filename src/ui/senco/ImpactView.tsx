/**
 * Impact: per group and per provision, entry -> exit change, how many
 * children, cost per pupil and per unit of progress as delivered, and a RAG
 * against the progress the SENCo expects (kept with the school record, so
 * every SENCo device shares it). Each line opens to its children.
 */
import { useMemo, useState } from 'preact/hooks';
import { impactReport, type ImpactChild, type ImpactLine } from '../../domain/reports';
import { impactCsv } from '../../domain/reports/csv';
import { patchEntity, type LocalStore } from '../../storage';
import { csvName, money, num, useSchoolRecords } from './model';
import { RagBadge } from './Rag';
import { TableWrap } from '../components/TableWrap';
import { ReportHeader } from '../components/ReportHeader';
import { ReportTable, type ReportColumn } from '../components/ReportTable';
import { Loading } from '../components/Loading';

const CHILD_COLUMNS: ReportColumn<ImpactChild>[] = [
  {
    header: 'Child',
    isRowHeader: true,
    cell: (d) => <a href={`/senco/child/${d.childId}`}>{d.name}</a>,
  },
  { header: 'Entry', isNumeric: true, cell: (d) => num(d.entry) },
  { header: 'Exit', isNumeric: true, cell: (d) => num(d.exit) },
  { header: 'Change', isNumeric: true, cell: (d) => num(d.change) },
  { header: 'Sessions', isNumeric: true, cell: (d) => d.sessions },
  { header: 'Minutes', isNumeric: true, cell: (d) => d.minutes },
  { header: 'Cost delivered', isNumeric: true, cell: (d) => money(d.deliveredPence) },
];

function Line({
  line,
  onExpected,
}: {
  line: ImpactLine;
  onExpected?: (value: number | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const unit = line.measure?.unit ?? '';
  const inputId = `expected-${line.key}`;
  return (
    <>
      <tr data-testid="impact-row" data-key={line.key}>
        <th scope="row">
          <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {line.name}
          </button>
          {line.measure && <div class="note">{line.measure.name}</div>}
        </th>
        <td role="cell" class="num" data-label="Children measured">
          {line.n}
        </td>
        <td role="cell" class="num" data-label="Entry → exit (mean)">
          {num(line.meanEntry)} → {num(line.meanExit)}
        </td>
        <td role="cell" class="num" data-testid="mean-change" data-label="Change">
          {line.meanChange === null
            ? '—'
            : `${line.meanChange > 0 ? '+' : ''}${num(line.meanChange)} ${unit}`}
        </td>
        <td role="cell" class="num" data-label="Cost delivered">
          {money(line.deliveredPence)}
        </td>
        <td role="cell" class="num" data-testid="cost-per-pupil" data-label="Cost per pupil">
          {money(line.costPerPupilPence)}
        </td>
        <td
          role="cell"
          class="num"
          data-testid="cost-per-unit"
          data-label="Cost per unit of progress"
        >
          {money(line.costPerUnitPence)}
        </td>
        <td role="cell" data-label="Expected progress">
          {onExpected ? (
            <>
              <label class="visually-hidden" for={inputId}>
                Expected progress for {line.name}
              </label>
              <input
                id={inputId}
                class="narrow"
                type="number"
                step="any"
                // Uncontrolled, so a sync landing while the SENCo types does not
                // reset the box; a new saved value remounts it.
                key={String(line.expected)}
                defaultValue={line.expected === null ? '' : String(line.expected)}
                onChange={(e) => {
                  const raw = e.currentTarget.value.trim();
                  const value = raw === '' ? null : Number(raw);
                  if (value !== null && !Number.isFinite(value)) {
                    setError('Enter a number');
                    return;
                  }
                  setError(undefined);
                  onExpected(value);
                }}
              />
              {error && <span class="error">{error}</span>}
            </>
          ) : (
            num(line.expected)
          )}
        </td>
        <td role="cell" data-label="RAG">
          <RagBadge rag={line.rag} />
        </td>
      </tr>
      {open && (
        <tr class="drill">
          <td role="cell" colSpan={9}>
            <ReportTable
              caption={`Children in ${line.name}`}
              columns={CHILD_COLUMNS}
              rows={line.details}
              rowKey={(d) => d.childId}
              testId="impact-children"
            />
          </td>
        </tr>
      )}
    </>
  );
}

function ImpactTable({
  lines,
  caption,
  onExpected,
}: {
  lines: ImpactLine[];
  caption: string;
  onExpected?: (provisionId: string, value: number | null) => void;
}) {
  return (
    <TableWrap label={caption}>
      <table class="cards-narrow" role="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="num">
              Children measured
            </th>
            <th scope="col" class="num">
              Entry → exit (mean)
            </th>
            <th scope="col" class="num">
              Change
            </th>
            <th scope="col" class="num">
              Cost delivered
            </th>
            <th scope="col" class="num">
              Cost per pupil
            </th>
            <th scope="col" class="num">
              Cost per unit of progress
            </th>
            <th scope="col">Expected progress</th>
            <th scope="col">RAG</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <Line
              key={line.key}
              line={line}
              {...(onExpected
                ? { onExpected: (v: number | null) => onExpected(line.provisionId, v) }
                : {})}
            />
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ImpactView({ store }: { store: LocalStore }) {
  const records = useSchoolRecords(store);
  const [saveError, setSaveError] = useState<string>();
  const settings = records?.school?.reportSettings;
  const report = useMemo(
    () => records && impactReport({ records, expected: settings?.impactExpected ?? {} }),
    [records],
  );
  if (!records || !report) return <Loading />;
  const setExpected = async (provisionId: string, value: number | null) => {
    const school = records.school;
    if (!school) return;
    const impactExpected = { ...(settings?.impactExpected ?? {}) };
    if (value === null) delete impactExpected[provisionId];
    else impactExpected[provisionId] = value;
    try {
      await patchEntity(store, 'school', school.id, {
        reportSettings: { rosterColumns: {}, ...settings, impactExpected },
      });
      setSaveError(undefined);
    } catch {
      setSaveError('That setting could not be saved on this device. Try again.');
    }
  };
  return (
    <section aria-labelledby="impact-heading" class="report">
      <ReportHeader
        id="impact-heading"
        title="Impact of provision"
        csv={{ filename: () => csvName('impact'), build: () => impactCsv(report) }}
      />
      <p class="summary">
        Change from entry to exit assessment, on children with both scores. Cost is as delivered.
        RAG: green when the mean change reaches the expected progress you set for the provision,
        amber from half of it, red below.
      </p>
      {saveError && (
        <p class="error" role="alert">
          {saveError}
        </p>
      )}
      {report.provisions.length === 0 ? (
        <p class="empty">No intervention groups yet.</p>
      ) : (
        <>
          <ImpactTable
            lines={report.provisions}
            caption="By provision (set the expected progress here)"
            onExpected={(id, v) => void setExpected(id, v)}
          />
          <ImpactTable lines={report.groups} caption="By group" />
        </>
      )}
    </section>
  );
}
