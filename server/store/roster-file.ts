/**
 * `import-roster` on the server: the SENCo's roster import (src/domain/
 * roster-import.ts: the same parsing, column detection, checks and plan),
 * run against the school's records as the server holds them, and written
 * through the sync path as the server, so every device pulls the result.
 *
 * All or nothing unless the operator agrees, as on the SENCo's screen: a
 * file with any error or unknown value writes nothing, and says so once
 * per distinct unknown value (column, value, how many rows) so it can be
 * mapped. With `leaveOutRowsWithProblems` the rows that read are written and
 * the rest are named. Value mappings given (and those the school remembers)
 * are used, and remembered on the school record for the next import. Leavers (children the school holds who are not in the file) are
 * counted and named in a warning, never archived or removed here: marking
 * a child as left is the SENCo's decision, made on the import screen.
 * A Common Transfer File (src/domain/ctf-import.ts) is read as a list of
 * joiners: the same checks and plan, and never any leavers.
 */
import { randomUUID } from 'node:crypto';
import { childSchema, classSchema, schoolSchema, staffSchema } from '../../src/domain';
import type { EntityName, StoredRecord } from '../../src/domain';
import {
  childrenMissingFrom,
  decodeCsvBytes,
  isCleanCheck,
  parseCsv,
  planChildImport,
  planStaffImport,
  suggestMapping,
  validateChildren,
  validateStaff,
} from '../../src/domain/roster-import';
import { looksLikeCtf, parseCommonTransferFile } from '../../src/domain/ctf-import';
import type {
  ColumnMapping,
  ImportPlan,
  RosterKind,
  RowError,
  UnknownValue,
  ValueMapping,
} from '../../src/domain/roster-import';
import type { Executor } from '../db/connection';
import { createServerWriter } from './school-setup';
import { findRecord, listRecords } from './sync-store';

export type RosterImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  leavers: number;
  warnings: string[];
  errors: string[];
  /** Whether anything was written (false on a dry run or a refusal). */
  isWritten: boolean;
  kind?: RosterKind;
  /** Values the importer did not know, once per column and value. */
  unknownValues?: UnknownValue[];
  /** Rows left out because they had a problem (only with leaveOutRowsWithProblems). */
  leftOut?: number[];
};

/** At most this many row warnings are listed; the rest are counted. */
const MAX_LISTED_WARNINGS = 50;

const describeUnknown = (unknown: UnknownValue): string =>
  `${unknown.column}: “${unknown.value}” (${unknown.count} ${unknown.count === 1 ? 'row' : 'rows'}) is not a value the importer knows. Map it to one it knows, or leave those rows out.`;

const refused = (errors: string[], warnings: string[] = []): RosterImportResult => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  leavers: 0,
  warnings,
  errors,
  isWritten: false,
});

const describeRowError = (error: RowError): string =>
  `Row ${error.row}, ${error.column}: ${error.message}`;

/** Live records of one type, as the domain's import expects them (data with its id). */
const liveRecords = async <E extends EntityName>(
  db: Executor,
  schoolId: string,
  entity: E,
  parse: (data: unknown) => { success: boolean; data?: unknown },
): Promise<StoredRecord<E>[]> =>
  (await listRecords(db, schoolId, entity)).flatMap((record) => {
    const parsed = parse(record.data);
    return parsed.success
      ? [{ ...(parsed.data as object), id: record.entityId } as StoredRecord<E>]
      : [];
  });

/** Which kind of file this is: a staff list has an email and a role column; anything else is children. */
const detectKind = (headers: string[], remembered: Record<string, ColumnMapping>): RosterKind => {
  const staff = suggestMapping('staff', headers, remembered.staff).mapping;
  return staff.email && staff.role ? 'staff' : 'children';
};

export const importRosterFile = async (
  trx: Executor,
  request: {
    schoolId: string;
    bytes: Uint8Array;
    isDryRun: boolean;
    nowMs: number;
    /** The SENCo agreed that rows with a problem are left out and the rest imported. */
    leaveOutRowsWithProblems?: boolean;
    /** Values mapped by hand, by field key then valueKey(raw value). */
    valueMapping?: ValueMapping;
    /** A year group for the whole file, for rows nothing else gives one. */
    yearGroupForFile?: number;
  },
): Promise<RosterImportResult> => {
  const schoolRecord = await findRecord(trx, request.schoolId, 'school', request.schoolId);
  const school = schoolRecord ? schoolSchema.safeParse(schoolRecord.data) : undefined;
  if (!school?.success) return refused([`There is no school with the id ${request.schoolId}.`]);

  const today = new Date(request.nowMs).toISOString().slice(0, 10);
  const { text, encoding } = decodeCsvBytes(request.bytes);
  // A Common Transfer File holds joiners from another school: its pupils
  // become rows of a student list, checked and planned the same way.
  const ctf = looksLikeCtf('', text.slice(0, 200))
    ? parseCommonTransferFile(text, today)
    : undefined;
  if (ctf && 'error' in ctf) return refused([ctf.error]);
  const csv = ctf ? ctf.csv : parseCsv(text);
  if ('error' in csv) return refused([csv.error]);
  if (csv.rows.length === 0) return refused(['The file has a header row but nothing under it.']);
  const warnings: string[] = [];
  if (encoding !== 'UTF-8') warnings.push(`Read as ${encoding}.`);

  const remembered = school.data.reportSettings?.rosterColumns ?? {};
  const kind = ctf ? 'children' : detectKind(csv.headers, remembered);
  const { mapping, system } = ctf
    ? { mapping: ctf.mapping, system: undefined }
    : suggestMapping(kind, csv.headers, remembered[kind]);
  if (system)
    warnings.push(`This looks like ${/^[AEIOU]/.test(system) ? 'an' : 'a'} ${system} export.`);
  if (ctf)
    warnings.push(
      `A Common Transfer File from ${ctf.source.schoolName ?? 'another school'}${ctf.source.urn ? ` (URN ${ctf.source.urn})` : ''}: joiners only, so nobody is taken for a leaver.`,
    );

  const [children, classes, staff] = await Promise.all([
    liveRecords(trx, request.schoolId, 'child', (d) => childSchema.safeParse(d)),
    liveRecords(trx, request.schoolId, 'class', (d) => classSchema.safeParse(d)),
    liveRecords(trx, request.schoolId, 'staff', (d) => staffSchema.safeParse(d)),
  ]);

  let plan: ImportPlan;
  let leavers = 0;
  let leftOut: number[] = [];
  let unknownValues: UnknownValue[] = [];
  const rememberedValues = school.data.reportSettings?.rosterValues ?? {};
  const valueMapping: ValueMapping = { ...rememberedValues };
  for (const [field, values] of Object.entries(request.valueMapping ?? {})) {
    if (field === '__proto__') continue;
    valueMapping[field] = { ...(valueMapping[field] ?? {}), ...values };
  }
  if (kind === 'children') {
    const checked = validateChildren(csv, mapping, {
      today,
      valueMapping,
      ...(request.yearGroupForFile !== undefined
        ? { yearGroupForFile: request.yearGroupForFile }
        : {}),
    });
    unknownValues = checked.unknownValues;
    const problems = [
      ...checked.unknownValues.map(describeUnknown),
      ...checked.errors.map(describeRowError),
    ];
    // Why refuse unless agreed: a partial import silently missing children
    // is worse than none; leaving rows out is the SENCo's decision.
    const isHeaderProblem = checked.errors.some((error) => error.row === 1);
    if (!isCleanCheck(checked) && (!request.leaveOutRowsWithProblems || isHeaderProblem)) {
      return { ...refused(problems, warnings), kind, unknownValues };
    }
    leftOut = checked.rowsWithProblems;
    if (leftOut.length > 0) {
      warnings.push(
        `${leftOut.length} ${leftOut.length === 1 ? 'row was' : 'rows were'} left out, as agreed (rows ${leftOut.slice(0, 20).join(', ')}${leftOut.length > 20 ? ', …' : ''}): ${problems.slice(0, 5).join(' ')}`,
      );
    }
    const rowWarnings = checked.warnings.map(describeRowError);
    warnings.push(...rowWarnings.slice(0, MAX_LISTED_WARNINGS));
    if (rowWarnings.length > MAX_LISTED_WARNINGS) {
      warnings.push(`… and ${rowWarnings.length - MAX_LISTED_WARNINGS} more warnings like these.`);
    }
    plan = planChildImport(checked.rows, { children, classes }, randomUUID);
    // Why no leavers from a CTF: it holds the children joining, not the school.
    const missing = ctf ? [] : childrenMissingFrom(checked.identities, children);
    leavers = missing.length;
    if (leavers > 0) {
      warnings.push(
        `${leavers} ${leavers === 1 ? 'child the school holds is' : 'children the school holds are'} not in this file (${missing
          .slice(0, 5)
          .map((child) => `${child.firstName} ${child.lastName}`)
          .join(
            ', ',
          )}${leavers > 5 ? ', …' : ''}). If they have left, mark them as leavers on the SENCo's import screen; nothing was removed.`,
      );
    }
  } else {
    const checked = validateStaff(csv, mapping, classes);
    if (checked.errors.length > 0) {
      return { ...refused(checked.errors.map(describeRowError), warnings), kind };
    }
    plan = planStaffImport(checked.rows, { staff, classes }, randomUUID);
  }

  const result: RosterImportResult = {
    created: plan.summary.created,
    updated: plan.summary.updated,
    unchanged: plan.summary.unchanged,
    leavers,
    warnings,
    errors: [],
    isWritten: false,
    kind,
    ...(kind === 'children' ? { unknownValues, leftOut } : {}),
  };
  if (request.isDryRun || plan.changes.length === 0) return result;

  // Why the school's SENCo as the author: every change must name a person,
  // and the import is the SENCo's (the server operator runs it for them).
  const author = await trx
    .selectFrom('staff')
    .select('id')
    .where('school_id', '=', request.schoolId)
    .where('role', '=', 'senco')
    .where('is_active', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  if (!author) {
    return refused(['The school has no active SENCo to record this import under.'], warnings);
  }
  const writer = createServerWriter({
    schoolId: request.schoolId,
    staffId: author.id,
    deviceId: randomUUID(),
    nowMs: request.nowMs,
    newId: randomUUID,
  });
  for (const change of plan.changes) writer.patch(change.entity, change.id, change.fields);
  // Remember the columns, as the SENCo's screen does, for the next import.
  writer.patch('school', request.schoolId, {
    reportSettings: {
      ...school.data.reportSettings,
      impactExpected: school.data.reportSettings?.impactExpected ?? {},
      rosterColumns: { ...remembered, [kind]: mapping },
      ...(Object.keys(valueMapping).length > 0 ? { rosterValues: valueMapping } : {}),
    },
  });
  await writer.flush(trx);
  return { ...result, isWritten: true };
};
