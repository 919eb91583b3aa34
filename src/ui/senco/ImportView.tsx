/**
 * Getting the school in from an MIS export: choose the file, map its
 * columns (suggested, and remembered for the school), preview, check every
 * row, then confirm. Values the importer does not know are shown once each
 * for the SENCo to map (remembered on the school record with the columns).
 * Nothing is written until the SENCo confirms; a file with a problem writes
 * nothing unless the SENCo ticks to leave those rows out; the confirmed
 * import is written in one transaction (patchEntities). Children missing
 * from the file are offered as leavers, kept and marked with a leaving date.
 * After a staff import, sign-in accounts are made on the server with
 * temporary passwords shown once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffAccountResult } from '../../domain';
import {
  decodeCsvBytes,
  childrenMissingFrom,
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
  type UnknownValue,
  type ValueMapping,
  VALUE_CHOICES,
  valueKey,
} from '../../domain/roster-import';
import { patchEntities } from '../../storage';
import { createStaffAccounts } from '../../sync';
import type { Signed } from '../app-state';
import { today, useSchoolRecords } from './model';
import { StatusMessage } from '../components/StatusMessage';
import { TableWrap } from '../components/TableWrap';
import { launchedFile, takeLaunchedFile } from '../launch/launch-queue';

type Checked = {
  errors: RowError[];
  unknownValues: UnknownValue[];
  warnings: RowError[];
  /** Rows with a problem, and how many rows could be imported without them. */
  rowsWithProblems: number[];
  goodRows: number;
  plan?: ImportPlan;
  /** Children the school holds who are not in the file (all of it, problem rows included). */
  missing: { id: string; name: string }[];
};

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
  const [chosenValues, setChosenValues] = useState<ValueMapping>({});
  const [isLeavingOut, setIsLeavingOut] = useState(false);
  const [yearForFile, setYearForFile] = useState<string>('');
  const [leaverIds, setLeaverIds] = useState<string[]>([]);
  // A CSV opened with the app (see ui/launch) is read as if chosen below,
  // once the school's records (its remembered columns) are loaded.
  const onFileRef = useRef<(file: File) => Promise<void>>();
  const opened = launchedFile.value;
  useEffect(() => {
    if (!records || !opened || !onFileRef.current) return;
    void onFileRef.current(takeLaunchedFile()!);
  }, [records, opened]);
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
    setChosenValues({});
    setIsLeavingOut(false);
    setLeaverIds([]);
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

  onFileRef.current = onFile;

  /** The school's remembered value mappings with the ones chosen on this screen. */
  const valueMapping = (): ValueMapping => {
    const merged: ValueMapping = {};
    for (const source of [settings?.rosterValues ?? {}, chosenValues]) {
      for (const [field, values] of Object.entries(source)) {
        merged[field] = { ...(merged[field] ?? {}), ...values };
      }
    }
    return merged;
  };

  const check = async (leaveOut = isLeavingOut, chosen = chosenValues) => {
    if (!csv) return;
    setDone(undefined);
    await whileBusy(`Checking ${rowCount(csv.rows.length)}…`, () => {
      if (kind === 'children') {
        const mappingNow = { ...valueMapping() };
        for (const [field, values] of Object.entries(chosen)) {
          mappingNow[field] = { ...(mappingNow[field] ?? {}), ...values };
        }
        const result = validateChildren(csv, mapping, {
          today: today(),
          valueMapping: mappingNow,
          ...(yearForFile !== '' ? { yearGroupForFile: Number(yearForFile) } : {}),
        });
        const isClean = isCleanCheck(result);
        const isHeaderProblem = result.errors.some((e) => e.row === 1);
        // Why only with the SENCo's tick: a school silently missing children
        // is worse than none imported; leaving rows out is her decision.
        const canPlan = isClean || (leaveOut && !isHeaderProblem && result.rows.length > 0);
        setChecked({
          errors: result.errors,
          unknownValues: result.unknownValues,
          warnings: result.warnings,
          rowsWithProblems: result.rowsWithProblems,
          goodRows: result.rows.length,
          ...(canPlan ? { plan: planChildImport(result.rows, records) } : {}),
          missing: isHeaderProblem
            ? []
            : childrenMissingFrom(result.identities, records.children).map((c) => ({
                id: c.id,
                name: `${c.firstName} ${c.lastName}`,
              })),
        });
      } else {
        const { rows, errors } = validateStaff(csv, mapping, records.classes);
        const base = {
          errors,
          unknownValues: [],
          warnings: [],
          rowsWithProblems: [],
          goodRows: rows.length,
          missing: [],
        };
        setChecked(errors.length > 0 ? base : { ...base, plan: planStaffImport(rows, records) });
      }
    });
  };

  const chooseValue = (unknown: UnknownValue, value: string) => {
    const next = {
      ...chosenValues,
      [unknown.field]: { ...(chosenValues[unknown.field] ?? {}), [valueKey(unknown.value)]: value },
    };
    setChosenValues(next);
    void check(isLeavingOut, next);
  };

  const markLeavers = async () => {
    const on = today();
    await whileBusy(`Marking ${leaverIds.length} children as left…`, async () => {
      try {
        // Why a leaving date, never a delete: a child's record is kept.
        await patchEntities(
          store,
          leaverIds.map((id) => ({ entity: 'child' as const, id, fields: { leftOn: on } })),
        );
        setDone(
          `${leaverIds.length} ${leaverIds.length === 1 ? 'child' : 'children'} marked as left on ${on}. Their records are kept.`,
        );
        setLeaverIds([]);
        setChecked((shown) => shown && { ...shown, missing: [] });
        void current.engine.sync();
      } catch {
        setSaveError('Nothing was changed: the device could not save it. Try again.');
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
                ...(kind === 'children' ? { rosterValues: valueMapping() } : {}),
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
    // Keep the leavers on offer: marking them is the next step after an import.
    setChecked((shown) =>
      shown?.missing.length
        ? {
            errors: [],
            unknownValues: [],
            warnings: [],
            rowsWithProblems: [],
            goodRows: 0,
            missing: shown.missing,
          }
        : undefined,
    );
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
          {kind === 'children' && (
            <p>
              <label>
                Year group for rows that do not give one{' '}
                <select
                  value={yearForFile}
                  onChange={(e) => {
                    setYearForFile(e.currentTarget.value);
                    reset();
                  }}
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
              onClick={() => void check()}
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
          <TableWrap label="Values to map">
            <table>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Value</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Means</th>
                </tr>
              </thead>
              <tbody>
                {checked.unknownValues.slice(0, 100).map((u) => (
                  <tr key={`${u.field}:${u.value}`}>
                    <td>{u.column}</td>
                    <td>{u.value === '' ? '(blank)' : u.value}</td>
                    <td>{u.count}</td>
                    <td>
                      <select
                        aria-label={`What “${u.value}” in ${u.column} means`}
                        value=""
                        onChange={(e) => chooseValue(u, e.currentTarget.value)}
                      >
                        <option value="">Choose…</option>
                        {(VALUE_CHOICES[u.field] ?? []).map((choice) => (
                          <option key={choice.value} value={choice.value}>
                            {choice.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      )}
      {checked && checked.rowsWithProblems.length > 0 && checked.goodRows > 0 && (
        <p>
          <label>
            <input
              type="checkbox"
              checked={isLeavingOut}
              onChange={(e) => {
                const leaveOut = e.currentTarget.checked;
                setIsLeavingOut(leaveOut);
                void check(leaveOut);
              }}
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
            onClick={() => void confirm()}
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
                    onChange={(e) => {
                      const isChecked = e.currentTarget.checked;
                      setLeaverIds((ids) =>
                        isChecked ? [...ids, child.id] : ids.filter((id) => id !== child.id),
                      );
                    }}
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
            onClick={() => void markLeavers()}
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
