/**
 * Getting the school in from an MIS export: choose the file, map its
 * columns (suggested, and remembered for the school), preview, check every
 * row, then confirm. Nothing is written until the SENCo confirms, a file
 * with any error writes nothing, and the confirmed import is written in one
 * transaction (patchEntities), so a school is never half imported.
 * After a staff import, sign-in accounts are made on the server with
 * temporary passwords shown once.
 */
import { useState } from 'preact/hooks';
import type { StaffAccountResult } from '../../domain';
import {
  decodeCsvBytes,
  FIELDS,
  isCleanCheck,
  parseCsv,
  planChildImport,
  planStaffImport,
  suggestMapping,
  validateChildren,
  validateStaff,
  type ColumnMapping,
  type ImportPlan,
  type ParsedCsv,
  type RosterKind,
  type RowError,
} from '../../domain/roster-import';
import { patchEntities } from '../../storage';
import { createStaffAccounts } from '../../sync';
import type { Signed } from '../app-model';
import { useSchoolRecords } from './model';
import { StatusMessage } from '../components/StatusMessage';
import { TableWrap } from '../components/TableWrap';

type Checked = { errors: RowError[]; plan?: ImportPlan };

const rowCount = (n: number): string => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;

/** The answers so far and the new ones, by staff record; a shown temporary password is kept. */
const mergeAccountResults = (
  shown: StaffAccountResult[] | undefined,
  fresh: StaffAccountResult[],
): StaffAccountResult[] => {
  const byId = new Map((shown ?? []).map((result) => [result.staffId, result]));
  for (const result of fresh) {
    if (byId.get(result.staffId)?.status !== 'created') byId.set(result.staffId, result);
  }
  return [...byId.values()];
};

export function ImportView({ current }: { current: Signed }) {
  const { store } = current;
  const records = useSchoolRecords(store);
  const [kind, setKind] = useState<RosterKind>('children');
  const [csv, setCsv] = useState<ParsedCsv>();
  const [fileError, setFileError] = useState<string>();
  const [system, setSystem] = useState<string>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [checked, setChecked] = useState<Checked>();
  const [done, setDone] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  const [newStaff, setNewStaff] = useState<string[]>([]);
  const [accounts, setAccounts] = useState<StaffAccountResult[]>();
  const [accountsError, setAccountsError] = useState<string>();
  /** What long piece of work is under way: reading, checking or importing. */
  const [busy, setBusy] = useState<string>();
  if (!records) return <p class="empty">Loading the school’s records…</p>;

  const whileBusy = async (message: string, work: () => void | Promise<void>) => {
    if (busy) return;
    setBusy(message);
    // Why wait for a paint: reading and checking a school's file run on this
    // thread, and would block the page before the message could show.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    try {
      await work();
    } finally {
      setBusy(undefined);
    }
  };
  const settings = records.school?.reportSettings;

  const reset = () => {
    setChecked(undefined);
    setDone(undefined);
    setSaveError(undefined);
  };

  const onFile = async (file: File | undefined) => {
    reset();
    setCsv(undefined);
    setFileError(undefined);
    setAccounts(undefined);
    if (!file) return;
    await whileBusy(`Reading ${file.name}…`, async () => {
      const result = parseCsv(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())).text);
      if ('error' in result) {
        setFileError(result.error);
        return;
      }
      if (result.rows.length === 0) {
        setFileError('The file has a header row but no children or staff in it.');
        return;
      }
      const suggested = suggestMapping(kind, result.headers, settings?.rosterColumns?.[kind] ?? {});
      setCsv(result);
      setMapping(suggested.mapping);
      setSystem(suggested.system);
    });
  };

  const check = async () => {
    if (!csv) return;
    setDone(undefined);
    await whileBusy(`Checking ${rowCount(csv.rows.length)}…`, () => {
      if (kind === 'children') {
        const checked = validateChildren(csv, mapping);
        setChecked(
          isCleanCheck(checked)
            ? { errors: [], plan: planChildImport(checked.rows, records) }
            : {
                errors: [
                  ...checked.unknownValues.map((u) => ({
                    row: u.rows[0]!,
                    column: u.column,
                    message: `“${u.value}” (${u.count} rows) is not a value the importer knows.`,
                  })),
                  ...checked.errors,
                ],
              },
        );
      } else {
        const { rows, errors } = validateStaff(csv, mapping, records.classes);
        setChecked(
          errors.length > 0 ? { errors } : { errors, plan: planStaffImport(rows, records) },
        );
      }
    });
  };

  const confirm = async () => {
    const plan = checked?.plan;
    if (!plan) return;
    const school = records.school;
    const remember = school
      ? [
          {
            entity: 'school' as const,
            id: school.id,
            fields: {
              reportSettings: {
                impactExpected: {},
                ...settings,
                rosterColumns: { ...(settings?.rosterColumns ?? {}), [kind]: mapping },
              },
            },
          },
        ]
      : [];
    let isSaved = false;
    await whileBusy(
      `Importing ${plan.changes.length.toLocaleString('en-GB')} changes…`,
      async () => {
        try {
          await patchEntities(store, [...plan.changes, ...remember]);
          isSaved = true;
        } catch {
          setSaveError('Nothing was imported: the device could not save it. Try again.');
        }
      },
    );
    if (!isSaved) return;
    const { summary } = plan;
    const made = plan.changes.filter(
      (c) => c.entity === 'staff' && 'email' in c.fields && 'role' in c.fields,
    );
    setNewStaff(made.map((c) => c.id));
    setChecked(undefined);
    setDone(
      kind === 'children'
        ? `Imported: ${summary.created} new children, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.classesCreated} new classes.`
        : `Imported: ${summary.created} new staff, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.classesUpdated} classes given their teachers and TAs.`,
    );
    void current.engine.sync();
  };

  const makeAccounts = () =>
    whileBusy(`Creating sign-ins for ${newStaff.length} staff…`, async () => {
      setAccountsError(undefined);
      // The staff records must reach the server before it can make their accounts.
      const synced = await current.engine.sync();
      if (!synced.ok) {
        setAccountsError(synced.message);
        return;
      }
      try {
        const made = await createStaffAccounts(current.session.token, newStaff);
        // Why merge: after a partial failure the button asks again, and a
        // temporary password shown the first time must stay on screen.
        setAccounts((shown) => mergeAccountResults(shown, made.results));
        if (made.failure) setAccountsError(made.failure);
      } catch (error) {
        setAccountsError((error as Error).message);
      }
    });

  const fields = FIELDS[kind];
  const preview = csv?.rows.slice(0, 5) ?? [];
  const changeCount = checked?.plan?.changes.length ?? 0;
  return (
    <section aria-labelledby="import-heading" class="report" aria-busy={busy ? true : undefined}>
      <h1 id="import-heading">Import from your MIS</h1>
      <p class="summary">
        Export a CSV from SIMS, Arbor or Bromcom. Import children first (their classes come with
        them), then staff. Children are matched on UPN or MIS id, staff on email, so importing the
        same file again changes nothing.
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
              onChange={() => {
                setKind(k);
                setCsv(undefined);
                reset();
              }}
            />{' '}
            {k === 'children' ? 'Children' : 'Staff'}
          </label>
        ))}
      </fieldset>
      <p>
        <label for="roster-file">CSV file</label>{' '}
        <input
          id="roster-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={fileError ? 'file-error' : undefined}
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
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
          <p class="note">
            {csv.rows.length} rows.{system ? ` This looks like a ${system} export.` : ''} Columns
            you choose are remembered for next time.
          </p>
          <div class="mapping">
            {fields.map((field) => (
              <label key={field.key}>
                {field.label}
                {field.isRequired ? ' (needed)' : ''}
                <select
                  value={mapping[field.key] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    const next = { ...mapping };
                    if (value) next[field.key] = value;
                    else delete next[field.key];
                    setMapping(next);
                    reset();
                  }}
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
          <TableWrap label="Preview">
            <table data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  {fields
                    .filter((f) => mapping[f.key])
                    .map((f) => (
                      <th scope="col" key={f.key}>
                        {f.label}
                      </th>
                    ))}
                </tr>
              </thead>
              <tbody>
                {preview.map(({ row, values }) => (
                  <tr key={row}>
                    <td>{row}</td>
                    {fields
                      .filter((f) => mapping[f.key])
                      .map((f) => (
                        <td key={f.key}>{values[mapping[f.key]!]}</td>
                      ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p>
            <button
              type="button"
              class="primary"
              aria-disabled={busy ? true : undefined}
              onClick={() => void check()}
            >
              Check every row
            </button>
          </p>
        </>
      )}
      {checked && checked.errors.length > 0 && (
        <div role="alert">
          <h2>
            {checked.errors.length} problem{checked.errors.length === 1 ? '' : 's'}: nothing has
            been imported
          </h2>
          <p>Fix these in the file (or the column choices) and check again.</p>
          <TableWrap label="Problems in the file">
            <table data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {checked.errors.slice(0, 200).map((e, i) => (
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
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
            onClick={() => void confirm()}
          >
            {changeCount === 0 ? 'Nothing to change' : `Import ${changeCount} changes`}
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
            onClick={() => void makeAccounts()}
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
          <p>
            Give each person their temporary password now: it is shown only this once, and is not
            kept anywhere.
          </p>
          <table data-testid="accounts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Temporary password</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.staffId}>
                  <td>{a.name ?? ''}</td>
                  <td>{a.email ?? ''}</td>
                  <td>
                    {a.status === 'created' ? (
                      <code>{a.temporaryPassword}</code>
                    ) : a.status === 'exists' ? (
                      'Already has a sign-in'
                    ) : a.status === 'email_taken' ? (
                      'Another sign-in in this school has this email'
                    ) : (
                      'Not on the server yet: sync and try again'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
