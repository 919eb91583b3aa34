/**
 * The roster import's state and steps, without markup: choose the file,
 * map its columns, check every row, map unknown values, leave problem rows
 * out, confirm, mark leavers, make staff sign-ins. ImportView renders it.
 *
 * Nothing is written until the SENCo confirms; a file with a problem writes
 * nothing unless she ticks to leave those rows out; the confirmed import is
 * one save (patchEntities, one transaction). Children missing from the file
 * are offered as leavers, kept and marked with a leaving date.
 *
 * A Common Transfer File (.xml) chosen here is read by ../../domain/ctf-import
 * into the same rows, and goes through the same check, preview and confirm:
 * joiners only, so it never offers leavers and never replaces the columns
 * remembered for the school's CSV exports.
 */
import { signal } from '@preact/signals';
import type { StaffAccountResult } from '../../domain';
import {
  decodeCsvBytes,
  childrenMissingFrom,
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
  valueKey,
} from '../../domain/roster-import';
import { looksLikeCtf, parseCommonTransferFile } from '../../domain/ctf-import';
import type { SchoolRecords } from '../../domain/reports';
import type { EntityName } from '../../domain';

export type Checked = {
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

type Change = { entity: EntityName; id: string; fields: Record<string, unknown> };

export type ImportDeps = {
  /** Writes entity changes in one transaction (patchEntities on the device store). */
  save: (changes: Change[]) => Promise<void>;
  /** Runs a sync now; `message` says why it failed. */
  sync: () => Promise<{ ok: true } | { ok: false; message: string }>;
  /** Makes sign-in accounts on the server for staff records already synced. */
  createAccounts: (staffIds: string[]) => Promise<{
    results: StaffAccountResult[];
    failure?: string;
  }>;
  today: () => string;
  /** Resolves once the page has painted (so a busy message shows before work blocks it). */
  afterPaint?: () => Promise<void>;
};

/** The part of a chosen file the import reads. */
export type ChosenFile = { name: string; arrayBuffer: () => Promise<ArrayBuffer> };

export const rowCount = (n: number): string =>
  `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;

/** The answers so far and the new ones, by staff record; a shown activation code is kept. */
export const mergeAccountResults = (
  shown: StaffAccountResult[] | undefined,
  fresh: StaffAccountResult[],
): StaffAccountResult[] => {
  const byId = new Map((shown ?? []).map((result) => [result.staffId, result]));
  for (const result of fresh) {
    if (byId.get(result.staffId)?.status !== 'created') byId.set(result.staffId, result);
  }
  return [...byId.values()];
};

const paint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export const createImportModel = (deps: ImportDeps) => {
  /** The school's records, from a live query the view keeps here. */
  const records = signal<SchoolRecords | undefined>(undefined);
  const kind = signal<RosterKind>('children');
  const csv = signal<ParsedCsv | undefined>(undefined);
  const fileError = signal<string | undefined>(undefined);
  const system = signal<string | undefined>(undefined);
  /** Set when the chosen file is a Common Transfer File: where it came from, in words. */
  const ctfFrom = signal<string | undefined>(undefined);
  const mapping = signal<ColumnMapping>({});
  const checked = signal<Checked | undefined>(undefined);
  const done = signal<string | undefined>(undefined);
  const saveError = signal<string | undefined>(undefined);
  const newStaff = signal<string[]>([]);
  const accounts = signal<StaffAccountResult[] | undefined>(undefined);
  const accountsError = signal<string | undefined>(undefined);
  /** What long piece of work is under way: reading, checking or importing. */
  const busy = signal<string | undefined>(undefined);
  const chosenValues = signal<ValueMapping>({});
  const isLeavingOut = signal(false);
  const yearForFile = signal('');
  const leaverIds = signal<string[]>([]);

  const settings = () => records.value?.school?.reportSettings;

  const whileBusy = async (message: string, work: () => void | Promise<void>) => {
    if (busy.value) return;
    busy.value = message;
    // Why wait for a paint: reading and checking a school's file run on this
    // thread, and would block the page before the message could show.
    await (deps.afterPaint ?? paint)();
    try {
      await work();
    } finally {
      busy.value = undefined;
    }
  };

  /** A new choice (kind, column, year) makes the last check stale. */
  const reset = () => {
    checked.value = undefined;
    done.value = undefined;
    saveError.value = undefined;
  };

  const chooseKind = (next: RosterKind) => {
    kind.value = next;
    csv.value = undefined;
    reset();
  };

  const chooseFile = async (file: ChosenFile | undefined) => {
    reset();
    csv.value = undefined;
    fileError.value = undefined;
    accounts.value = undefined;
    chosenValues.value = {};
    isLeavingOut.value = false;
    leaverIds.value = [];
    ctfFrom.value = undefined;
    if (!file) return;
    await whileBusy(`Reading ${file.name}…`, async () => {
      const { text } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
      if (looksLikeCtf(file.name, text.slice(0, 200))) {
        const ctf = parseCommonTransferFile(text, deps.today());
        if ('error' in ctf) {
          fileError.value = ctf.error;
          return;
        }
        // A CTF holds children; its columns are fixed by the file's elements.
        kind.value = 'children';
        csv.value = ctf.csv;
        mapping.value = ctf.mapping;
        system.value = undefined;
        const { schoolName, urn } = ctf.source;
        ctfFrom.value = `${schoolName ?? 'another school'}${urn ? ` (URN ${urn})` : ''}`;
        return;
      }
      const result = parseCsv(text);
      if ('error' in result) {
        fileError.value = result.error;
        return;
      }
      if (result.rows.length === 0) {
        fileError.value = 'The file has a header row but no children or staff in it.';
        return;
      }
      const suggested = suggestMapping(
        kind.value,
        result.headers,
        settings()?.rosterColumns?.[kind.value] ?? {},
      );
      csv.value = result;
      mapping.value = suggested.mapping;
      system.value = suggested.system;
    });
  };

  /** Which column of the file holds a field ('' for none). */
  const mapColumn = (field: string, header: string) => {
    const next = { ...mapping.value };
    if (header) next[field] = header;
    else delete next[field];
    mapping.value = next;
    reset();
  };

  const chooseYearForFile = (year: string) => {
    yearForFile.value = year;
    reset();
  };

  /** The school's remembered value mappings with the ones chosen on this screen. */
  const valueMapping = (): ValueMapping => {
    const merged: ValueMapping = {};
    for (const source of [settings()?.rosterValues ?? {}, chosenValues.value]) {
      for (const [field, values] of Object.entries(source)) {
        merged[field] = { ...(merged[field] ?? {}), ...values };
      }
    }
    return merged;
  };

  const check = async () => {
    const file = csv.value;
    const school = records.value;
    if (!file || !school) return;
    done.value = undefined;
    await whileBusy(`Checking ${rowCount(file.rows.length)}…`, () => {
      if (kind.value === 'children') {
        const result = validateChildren(file, mapping.value, {
          today: deps.today(),
          valueMapping: valueMapping(),
          ...(yearForFile.value !== '' ? { yearGroupForFile: Number(yearForFile.value) } : {}),
        });
        const isClean = isCleanCheck(result);
        const isHeaderProblem = result.errors.some((e) => e.row === 1);
        // Why only with the SENCo's tick: a school silently missing children
        // is worse than none imported; leaving rows out is her decision.
        const canPlan =
          isClean || (isLeavingOut.value && !isHeaderProblem && result.rows.length > 0);
        checked.value = {
          errors: result.errors,
          unknownValues: result.unknownValues,
          warnings: result.warnings,
          rowsWithProblems: result.rowsWithProblems,
          goodRows: result.rows.length,
          ...(canPlan ? { plan: planChildImport(result.rows, school) } : {}),
          // Why no leavers from a CTF: it carries the joiners, not the whole school.
          missing:
            isHeaderProblem || ctfFrom.value
              ? []
              : childrenMissingFrom(result.identities, school.children).map((c) => ({
                  id: c.id,
                  name: `${c.firstName} ${c.lastName}`,
                })),
        };
      } else {
        const { rows, errors } = validateStaff(file, mapping.value, school.classes);
        const base = {
          errors,
          unknownValues: [],
          warnings: [],
          rowsWithProblems: [],
          goodRows: rows.length,
          missing: [],
        };
        checked.value = errors.length > 0 ? base : { ...base, plan: planStaffImport(rows, school) };
      }
    });
  };

  /** Say what an unknown value means, and check again with it. */
  const chooseValue = (unknown: UnknownValue, value: string) => {
    chosenValues.value = {
      ...chosenValues.value,
      [unknown.field]: {
        ...(chosenValues.value[unknown.field] ?? {}),
        [valueKey(unknown.value)]: value,
      },
    };
    void check();
  };

  /** Tick or untick leaving out the rows with problems, and check again. */
  const leaveOutProblems = (leaveOut: boolean) => {
    isLeavingOut.value = leaveOut;
    void check();
  };

  const chooseLeaver = (childId: string, isChosen: boolean) => {
    const ids = leaverIds.value;
    leaverIds.value = isChosen ? [...ids, childId] : ids.filter((id) => id !== childId);
  };

  const markLeavers = async () => {
    const on = deps.today();
    const ids = leaverIds.value;
    await whileBusy(`Marking ${ids.length} children as left…`, async () => {
      try {
        // Why a leaving date, never a delete: a child's record is kept.
        await deps.save(
          ids.map((id) => ({ entity: 'child' as const, id, fields: { leftOn: on } })),
        );
        done.value = `${ids.length} ${ids.length === 1 ? 'child' : 'children'} marked as left on ${on}. Their records are kept.`;
        leaverIds.value = [];
        if (checked.value) checked.value = { ...checked.value, missing: [] };
        void deps.sync();
      } catch {
        saveError.value = 'Nothing was changed: the device could not save it. Try again.';
      }
    });
  };

  const confirm = async () => {
    const plan = checked.value?.plan;
    if (!plan) return;
    const school = records.value?.school;
    const current = settings();
    const remember: Change[] = school
      ? [
          {
            entity: 'school',
            id: school.id,
            fields: {
              reportSettings: {
                impactExpected: {},
                ...current,
                rosterColumns: ctfFrom.value
                  ? (current?.rosterColumns ?? {})
                  : { ...(current?.rosterColumns ?? {}), [kind.value]: mapping.value },
                ...(kind.value === 'children' ? { rosterValues: valueMapping() } : {}),
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
          await deps.save([...plan.changes, ...remember]);
          isSaved = true;
        } catch {
          saveError.value = 'Nothing was imported: the device could not save it. Try again.';
        }
      },
    );
    if (!isSaved) return;
    const { summary } = plan;
    newStaff.value = plan.changes
      .filter((c) => c.entity === 'staff' && 'email' in c.fields && 'role' in c.fields)
      .map((c) => c.id);
    // Keep the leavers on offer: marking them is the next step after an import.
    const shown = checked.value;
    checked.value = shown?.missing.length
      ? {
          errors: [],
          unknownValues: [],
          warnings: [],
          rowsWithProblems: [],
          goodRows: 0,
          missing: shown.missing,
        }
      : undefined;
    done.value =
      kind.value === 'children'
        ? `Imported: ${summary.created} new children, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.classesCreated} new classes.`
        : `Imported: ${summary.created} new staff, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.classesUpdated} classes given their teachers and TAs.`;
    void deps.sync();
  };

  const makeAccounts = () =>
    whileBusy(`Creating sign-ins for ${newStaff.value.length} staff…`, async () => {
      accountsError.value = undefined;
      // The staff records must reach the server before it can make their accounts.
      const synced = await deps.sync();
      if (!synced.ok) {
        accountsError.value = synced.message;
        return;
      }
      try {
        const made = await deps.createAccounts(newStaff.value);
        // Why merge: after a partial failure the button asks again, and a
        // activation code shown the first time must stay on screen.
        accounts.value = mergeAccountResults(accounts.value, made.results);
        if (made.failure) accountsError.value = made.failure;
      } catch (error) {
        accountsError.value = (error as Error).message;
      }
    });

  return {
    records,
    kind,
    csv,
    fileError,
    system,
    ctfFrom,
    mapping,
    checked,
    done,
    saveError,
    newStaff,
    accounts,
    accountsError,
    busy,
    isLeavingOut,
    yearForFile,
    leaverIds,
    chooseKind,
    chooseFile,
    mapColumn,
    chooseYearForFile,
    check,
    chooseValue,
    leaveOutProblems,
    chooseLeaver,
    markLeavers,
    confirm,
    makeAccounts,
  };
};

export type ImportModel = ReturnType<typeof createImportModel>;
