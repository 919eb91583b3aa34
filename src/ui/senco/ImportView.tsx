/**
 * Getting the school in from an MIS export, the screen: choose the file,
 * map its columns (suggested, and remembered for the school), preview, check
 * every row, map unknown values, then confirm; leavers and staff sign-ins
 * after. The steps and their state are in ./import-model; this file is the
 * markup. After a staff import, sign-in accounts are made on the server,
 * each with an activation code slip shown once (and printable).
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { StaffAccountResult } from '../../domain';
import {
  FIELDS,
  VALUE_CHOICES,
  type ParsedCsv,
  type RowError,
  type UnknownValue,
} from '../../domain/roster-import';
import { legalName } from '../../domain';
import { addTransferredRecord, patchEntities, transferredRecordsOf } from '../../storage';
import { formatDate } from '../format';
import { createTransferModel, describeCounts, type TransferModel } from './transfer-model';
import { createStaffAccounts } from '../../sync';
import type { Signed } from '../app-state';
import { today, useSchoolRecords } from './model';
import { createImportModel, rowCount } from './import-model';
import { Loading } from '../components/Loading';
import { StatusMessage } from '../components/StatusMessage';
import { ReportTable, type ReportColumn } from '../components/ReportTable';
import { launchedFile, takeLaunchedFile } from '../launch/launch-queue';
import { ActivationSlips, type Slip } from '../staff/ActivationSlip';

const slipsOf = (accounts: StaffAccountResult[]): Slip[] =>
  accounts.flatMap((a) =>
    a.status === 'created' && a.activationCode && a.activationExpiresAt
      ? [
          {
            staffId: a.staffId,
            name: a.name ?? '',
            email: a.email ?? '',
            code: a.activationCode,
            expiresAt: a.activationExpiresAt,
          },
        ]
      : [],
  );

type CsvRow = ParsedCsv['rows'][number];

const ERROR_COLUMNS: ReportColumn<RowError>[] = [
  { header: 'Row', cell: (e) => e.row },
  { header: 'Column', cell: (e) => e.column },
  { header: 'Problem', cell: (e) => e.message },
];

const ACCOUNT_COLUMNS: ReportColumn<StaffAccountResult>[] = [
  { header: 'Name', cell: (a) => a.name ?? '' },
  { header: 'Email', cell: (a) => a.email ?? '' },
  {
    header: 'Sign-in',
    cell: (a) =>
      a.status === 'created'
        ? 'Made: activation slip below'
        : a.status === 'exists'
          ? 'Already has a sign-in'
          : a.status === 'email_taken'
            ? 'Another sign-in in this school has this email'
            : 'Not on the server yet: sync and try again',
  },
];

export function ImportView({ current }: { current: Signed }) {
  const { store } = current;
  const records = useSchoolRecords(store);
  // Why a ref: signing in again replaces `current` (a new token), and the
  // model lives as long as the screen.
  const latest = useRef(current);
  latest.current = current;
  const model = useMemo(
    () =>
      createImportModel({
        save: (changes) => patchEntities(store, changes, { source: 'import' }),
        sync: () => latest.current.engine.sync(),
        createAccounts: (staffIds) => createStaffAccounts(latest.current.session.token, staffIds),
        today,
      }),
    [store],
  );
  const transfer = useMemo(
    () =>
      createTransferModel({
        children: () => model.records.value?.children ?? [],
        transferredOf: (childId) => transferredRecordsOf(store, childId),
        add: (record) => addTransferredRecord(store, record),
        sync: () => latest.current.engine.sync(),
        nowIso: () => new Date().toISOString(),
      }),
    [store, model],
  );
  // The live query's latest answer, for the model's checks (no render reads it there).
  model.records.value = records;
  // A CSV opened with the app (see ui/launch) is read as if chosen below,
  // once the school's records (its remembered columns) are loaded.
  const opened = launchedFile.value;
  useEffect(() => {
    if (!records || !opened) return;
    void model.chooseFile(takeLaunchedFile()!);
  }, [records, opened, model]);
  if (!records) return <Loading message="Loading the school’s records…" />;

  const kind = model.kind.value;
  const csv = model.csv.value;
  const fileError = model.fileError.value;
  const system = model.system.value;
  const ctfFrom = model.ctfFrom.value;
  const mapping = model.mapping.value;
  const checked = model.checked.value;
  const done = model.done.value;
  const saveError = model.saveError.value;
  const newStaff = model.newStaff.value;
  const accounts = model.accounts.value;
  const accountsError = model.accountsError.value;
  const busy = model.busy.value;
  const isLeavingOut = model.isLeavingOut.value;
  const yearForFile = model.yearForFile.value;
  const leaverIds = model.leaverIds.value;
  const fields = FIELDS[kind];
  const preview = csv?.rows.slice(0, 5) ?? [];
  const changeCount = checked?.plan?.changes.length ?? 0;
  return (
    <section aria-labelledby="import-heading" class="report" aria-busy={busy ? true : undefined}>
      <h1 id="import-heading">Import from your MIS</h1>
      <p class="summary">
        Export a CSV from SIMS, Arbor or Bromcom. Import children first (their classes come with
        them), then staff. Children are matched on UPN or MIS id, staff on email, so importing the
        same file again changes nothing. For joiners, choose the Common Transfer File (.xml) their
        last school sent.
      </p>
      <fieldset>
        <legend>What is in the file?</legend>
        {(['children', 'staff'] as const).map((k) => (
          <label key={k} class="radio">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => model.chooseKind(k)}
            />{' '}
            {k === 'children' ? 'Children' : 'Staff'}
          </label>
        ))}
      </fieldset>
      <p>
        <label for="roster-file">CSV file, or a Common Transfer File (.xml)</label>{' '}
        <input
          id="roster-file"
          type="file"
          accept=".csv,text/csv,.xml,text/xml,application/xml"
          aria-describedby={fileError ? 'file-error' : undefined}
          onChange={(e) => void model.chooseFile(e.currentTarget.files?.[0])}
        />
      </p>
      {fileError && (
        <p id="file-error" class="error" role="alert">
          {fileError}
        </p>
      )}
      {csv && (
        <>
          <h2>Match the columns</h2>
          {ctfFrom ? (
            <p class="note" data-testid="ctf-source">
              A Common Transfer File from {ctfFrom}: {csv.rows.length}{' '}
              {csv.rows.length === 1 ? 'joiner' : 'joiners'}. Nobody the school holds is taken for a
              leaver. Nothing is added until you confirm below.
            </p>
          ) : (
            <p class="note">
              {csv.rows.length} rows.{system ? ` This looks like a ${system} export.` : ''} Columns
              you choose are remembered for next time.
            </p>
          )}
          <div class="mapping">
            {fields.map((field) => (
              <label key={field.key}>
                {field.label}
                {field.isRequired ? ' (needed)' : ''}
                <select
                  value={mapping[field.key] ?? ''}
                  onChange={(e) => model.mapColumn(field.key, e.currentTarget.value)}
                >
                  <option value="">(not in this file)</option>
                  {csv.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h2>Preview</h2>
          <ReportTable
            caption="Preview"
            columns={[
              { header: 'Row', cell: (r: CsvRow) => r.row },
              ...fields
                .filter((f) => mapping[f.key])
                .map((f): ReportColumn<CsvRow> => ({
                  header: f.label,
                  key: f.key,
                  cell: (r) => r.values[mapping[f.key]!],
                })),
            ]}
            rows={preview}
            rowKey={(r) => String(r.row)}
            testId="import-preview"
          />
          {kind === 'children' && (
            <p>
              <label>
                Year group for rows that do not give one{' '}
                <select
                  value={yearForFile}
                  onChange={(e) => model.chooseYearForFile(e.currentTarget.value)}
                >
                  <option value="">(from the year, class or date of birth)</option>
                  {(VALUE_CHOICES.yearGroup ?? []).map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </label>
            </p>
          )}
          <p>
            <button
              type="button"
              class="primary"
              aria-disabled={busy ? true : undefined}
              onClick={() => void model.check()}
            >
              Check every row
            </button>
          </p>
        </>
      )}
      {checked && checked.unknownValues.length > 0 && (
        <div data-testid="import-unknown-values">
          <h2>Values to map</h2>
          <p>
            The importer does not know these values. Say what each one means: your choice is
            remembered for the next import.
          </p>
          <ReportTable
            caption="Values to map"
            columns={[
              { header: 'Column', cell: (u: UnknownValue) => u.column },
              {
                header: 'Value',
                cell: (u: UnknownValue) => (u.value === '' ? '(blank)' : u.value),
              },
              { header: 'Rows', cell: (u: UnknownValue) => u.count },
              {
                header: 'Means',
                cell: (u: UnknownValue) => (
                  <select
                    aria-label={`What “${u.value}” in ${u.column} means`}
                    value=""
                    onChange={(e) => model.chooseValue(u, e.currentTarget.value)}
                  >
                    <option value="">Choose…</option>
                    {(VALUE_CHOICES[u.field] ?? []).map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                ),
              },
            ]}
            rows={checked.unknownValues.slice(0, 100)}
            rowKey={(u) => `${u.field}:${u.value}`}
          />
        </div>
      )}
      {checked && checked.rowsWithProblems.length > 0 && checked.goodRows > 0 && (
        <p>
          <label>
            <input
              type="checkbox"
              checked={isLeavingOut}
              onChange={(e) => model.leaveOutProblems(e.currentTarget.checked)}
            />{' '}
            Leave out the {rowCount(checked.rowsWithProblems.length)} with problems and import the
            other {rowCount(checked.goodRows)}
          </label>
        </p>
      )}
      {checked && checked.errors.length > 0 && (
        <div role="alert">
          <h2>
            {checked.errors.length} problem{checked.errors.length === 1 ? '' : 's'}
            {checked.plan ? ': these rows will be left out' : ': nothing has been imported'}
          </h2>
          <p>Fix these in the file (or the column choices) and check again.</p>
          <ReportTable
            caption="Problems in the file"
            columns={ERROR_COLUMNS}
            rows={checked.errors.slice(0, 200).map((e, i) => ({ ...e, i }))}
            rowKey={(e) => String(e.i)}
            testId="import-errors"
          />
        </div>
      )}
      {checked && checked.warnings.length > 0 && (
        <details data-testid="import-warnings">
          <summary>
            {checked.warnings.length} note{checked.warnings.length === 1 ? '' : 's'} to check in
            your MIS (they do not stop the import)
          </summary>
          <ul>
            {checked.warnings.slice(0, 200).map((w, i) => (
              <li key={i}>
                Row {w.row}, {w.column}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {checked?.plan && (
        <div data-testid="import-plan">
          <h2>Ready to import</h2>
          <p>
            {kind === 'children'
              ? `${checked.plan.summary.created} new children, ${checked.plan.summary.updated} to update, ${checked.plan.summary.unchanged} unchanged, ${checked.plan.summary.classesCreated} new classes.`
              : `${checked.plan.summary.created} new staff, ${checked.plan.summary.updated} to update, ${checked.plan.summary.unchanged} unchanged, ${checked.plan.summary.classesUpdated} classes to update.`}
          </p>
          <button
            type="button"
            class="primary"
            disabled={changeCount === 0}
            aria-disabled={busy ? true : undefined}
            onClick={() => void model.confirm()}
          >
            {changeCount === 0 ? 'Nothing to change' : `Import ${changeCount} changes`}
          </button>
        </div>
      )}
      {checked && checked.missing.length > 0 && (
        <div data-testid="import-leavers">
          <h2>Not in this file</h2>
          <p>
            {checked.missing.length} {checked.missing.length === 1 ? 'child' : 'children'} the
            school holds {checked.missing.length === 1 ? 'is' : 'are'} not in this file. If they
            have left, mark them as leavers: their records are kept, with today as the leaving date.
          </p>
          <ul>
            {checked.missing.slice(0, 200).map((child) => (
              <li key={child.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={leaverIds.includes(child.id)}
                    onChange={(e) => model.chooseLeaver(child.id, e.currentTarget.checked)}
                  />{' '}
                  {child.name}
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={leaverIds.length === 0}
            aria-disabled={busy ? true : undefined}
            onClick={() => void model.markLeavers()}
          >
            Mark {leaverIds.length} as left
          </button>
        </div>
      )}
      {saveError && (
        <p class="error" role="alert">
          {saveError}
        </p>
      )}
      <StatusMessage class={busy ? 'busy' : 'done'} message={busy ?? done} />
      {done && newStaff.length > 0 && (!accounts || accountsError) && (
        <p>
          <button
            type="button"
            class="primary"
            aria-disabled={busy ? true : undefined}
            onClick={() => void model.makeAccounts()}
          >
            Create sign-ins for {newStaff.length} new staff
          </button>
          {accountsError && (
            <span class="error" role="alert">
              {' '}
              {accountsError}
            </span>
          )}
        </p>
      )}
      {accounts && (
        <div>
          <h2>Sign-ins</h2>
          <ReportTable
            caption="Sign-ins"
            columns={ACCOUNT_COLUMNS}
            rows={accounts}
            rowKey={(a) => a.staffId}
            testId="accounts"
          />
          <ActivationSlips slips={slipsOf(accounts)} />
        </div>
      )}
      <TransferSection current={current} model={transfer} />
    </section>
  );
}

/** A child's SEND record from the previous school: choose, see, add. */
function TransferSection({ current, model }: { current: Signed; model: TransferModel }) {
  const fileError = model.fileError.value;
  const preview = model.preview.value;
  const done = model.done.value;
  const saveError = model.saveError.value;
  return (
    <section aria-labelledby="transfer-heading" class="transfer">
      <h2 id="transfer-heading">A SEND record from a previous school</h2>
      <p class="summary">
        When a child joins from a school that uses Waymark, ask that school’s SENCo for the child’s
        “Export JSON” file. Add the child to your roll first (from your MIS or their Common Transfer
        File). Their record is kept apart, marked as from the previous school, and cannot be changed
        here.
      </p>
      <p>
        <label for="transfer-file">SEND record file (.json)</label>{' '}
        <input
          id="transfer-file"
          type="file"
          accept=".json,application/json"
          aria-describedby={fileError ? 'transfer-error' : undefined}
          onChange={(e) => void model.chooseFile(e.currentTarget.files?.[0])}
        />
      </p>
      {fileError && (
        <p id="transfer-error" class="error" role="alert">
          {fileError}
        </p>
      )}
      {preview && (
        <div data-testid="transfer-preview">
          <p>
            The SEND record of <strong>{preview.name}</strong> from{' '}
            <strong>{preview.fromSchool.name}</strong>
            {preview.exportedAt ? `, exported on ${formatDate(preview.exportedAt)}` : ''}.
          </p>
          {preview.match && (
            <p>
              It matches <strong>{legalName(preview.match.child)}</strong> (Year{' '}
              {preview.match.child.yearGroup === 0 ? 'R' : preview.match.child.yearGroup}) on your
              roll, by {preview.match.by}.
            </p>
          )}
          {preview.counts && <p>It holds {describeCounts(preview.counts)}.</p>}
          {preview.problem ? (
            <p class="error" role="alert">
              {preview.problem}
            </p>
          ) : (
            <>
              {preview.isAlreadyAdded && (
                <p class="note">This export has been added to this child before.</p>
              )}
              <button
                type="button"
                class="primary"
                aria-disabled={model.busy.value ? true : undefined}
                onClick={() => void model.confirm()}
              >
                Add to {preview.match ? legalName(preview.match.child) : 'the child'}’s record
              </button>
            </>
          )}
        </div>
      )}
      {saveError && (
        <p class="error" role="alert">
          {saveError}
        </p>
      )}
      <StatusMessage
        isSuccess
        message={done && `Added to ${done.name}’s record, under “From previous school”.`}
      />
      {done && (
        <p>
          <a href={`/senco/child/${done.childId}`}>Open {done.name}’s record</a>
        </p>
      )}
      {current.session.staff.role !== 'senco' && (
        <p class="note">Only the SENCo can add a record from a previous school.</p>
      )}
    </section>
  );
}
