/**
 * Getting the school in: children (with their classes) and staff (with
 * their roles and classes) from a CSV exported by the school's MIS. SIMS,
 * Arbor and Bromcom name their columns differently, so the SENCo maps
 * columns to fields (suggested from the headers, remembered per school).
 *
 * Three steps, all pure: parse (any delimiter, a BOM, quoted commas, blank
 * lines), validate every row (errors by row and column), then plan the
 * changes against what the school already holds, matching children on UPN
 * or MIS id and staff on email. Importing the same file again plans
 * nothing. A file with any error plans nothing at all: the SENCo fixes the
 * file and tries again, so a school is never half imported.
 *
 * Not exported from the domain index: only the SENCo's screens carry papaparse.
 */
import Papa from 'papaparse';
import { newId } from './ids';
import type { GENDERS, Role, SEN_STATUSES, StoredRecord } from './records';

export type RosterKind = 'children' | 'staff';

export type FieldSpec = { key: string; label: string; isRequired?: boolean; aliases: string[] };

/** Column names of each field in SIMS, Arbor and Bromcom exports (and plain English). */
export const CHILD_FIELDS: FieldSpec[] = [
  { key: 'upn', label: 'UPN', aliases: ['upn', 'unique pupil number'] },
  {
    key: 'misId',
    label: 'MIS id',
    aliases: [
      'adno',
      'admission number',
      'mis id',
      'arbor student id',
      'student id',
      'pupil id',
      'id',
    ],
  },
  {
    key: 'firstName',
    label: 'First name',
    isRequired: true,
    aliases: [
      'forename',
      'legal forename',
      'preferred forename',
      'first name',
      'firstname',
      'given name',
    ],
  },
  {
    key: 'lastName',
    label: 'Last name',
    isRequired: true,
    aliases: [
      'surname',
      'legal surname',
      'preferred surname',
      'last name',
      'lastname',
      'family name',
    ],
  },
  { key: 'dateOfBirth', label: 'Date of birth', aliases: ['dob', 'date of birth', 'birth date'] },
  { key: 'gender', label: 'Gender', aliases: ['gender', 'sex'] },
  {
    key: 'yearGroup',
    label: 'Year group',
    isRequired: true,
    aliases: ['year', 'year group', 'nc year', 'national curriculum year', 'curriculum year'],
  },
  {
    key: 'className',
    label: 'Class',
    aliases: [
      'reg group',
      'registration group',
      'registration form',
      'form',
      'tutor group',
      'class',
    ],
  },
  {
    key: 'senStatus',
    label: 'SEN status',
    aliases: ['sen status', 'sen provision', 'sen need', 'send status', 'sen'],
  },
  {
    key: 'fsm',
    label: 'FSM',
    aliases: ['fsm', 'fsm eligible', 'free school meals', 'fsm indicator'],
  },
  {
    key: 'pupilPremium',
    label: 'Pupil Premium',
    aliases: ['pupil premium', 'pupil premium indicator', 'pp', 'pp eligible'],
  },
  { key: 'eal', label: 'EAL', aliases: ['eal', 'english as an additional language', 'eal status'] },
  {
    key: 'cic',
    label: 'Child in care',
    aliases: ['in care', 'looked after', 'cla', 'cic', 'child in care', 'lac'],
  },
];

export const STAFF_FIELDS: FieldSpec[] = [
  { key: 'name', label: 'Name', aliases: ['name', 'full name', 'staff name'] },
  {
    key: 'firstName',
    label: 'First name',
    aliases: ['forename', 'first name', 'preferred forename'],
  },
  { key: 'lastName', label: 'Last name', aliases: ['surname', 'last name', 'preferred surname'] },
  {
    key: 'email',
    label: 'Email',
    isRequired: true,
    aliases: ['email', 'email address', 'work email', 'school email'],
  },
  {
    key: 'role',
    label: 'Role',
    isRequired: true,
    aliases: ['role', 'staff role', 'job title', 'post'],
  },
  {
    key: 'classes',
    label: 'Classes',
    aliases: ['classes', 'class', 'reg group', 'registration groups', 'groups'],
  },
];

export const FIELDS: Record<RosterKind, FieldSpec[]> = {
  children: CHILD_FIELDS,
  staff: STAFF_FIELDS,
};

/** Which MIS an export looks like, from headers only that system uses. */
const SYSTEM_HINTS: { system: 'SIMS' | 'Arbor' | 'Bromcom'; headers: string[] }[] = [
  { system: 'SIMS', headers: ['adno', 'reg group', 'legal forename', 'sen provision'] },
  { system: 'Arbor', headers: ['arbor student id', 'registration form'] },
  { system: 'Bromcom', headers: ['nc year', 'tutor group', 'student id'] },
];

export type ParsedCsv = {
  headers: string[];
  /** `row` is the row number in the file as a spreadsheet shows it (the header is row 1). */
  rows: { row: number; values: Record<string, string> }[];
};

export type RowError = { row: number; column: string; message: string };

const norm = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

/**
 * The text of an exported file, whatever it was saved as. UTF-8 (with or
 * without a byte-order mark) is tried first, strictly; a file that is not
 * valid UTF-8 is read as Windows-1252, which is what SIMS and Excel on
 * Windows write by default. Why this order: Windows-1252 accepts almost any
 * bytes, so it would "succeed" on a UTF-8 file and turn "Zoë" into "ZoÃ«";
 * a Windows-1252 file with an accent is almost never valid UTF-8.
 */
export const decodeCsvBytes = (bytes: Uint8Array): { text: string; encoding: string } => {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
};

/** Parse a CSV: a BOM is dropped, the delimiter is detected, blank rows skipped but counted. */
export const parseCsv = (text: string): ParsedCsv | { error: string } => {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
  const headerIndex = result.data.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { error: 'The file is empty.' };
  const headers = result.data[headerIndex]!.map((h) => h.trim());
  if (headers.some((h) => h === '')) return { error: 'A column in the first row has no name.' };
  const rows: ParsedCsv['rows'] = [];
  result.data.slice(headerIndex + 1).forEach((cells, i) => {
    if (isBlank(cells)) return;
    const values: Record<string, string> = {};
    headers.forEach((header, column) => (values[header] = (cells[column] ?? '').trim()));
    rows.push({ row: headerIndex + i + 2, values });
  });
  return { headers, rows };
};

export type ColumnMapping = Record<string, string>;

/** A mapping from the headers: the remembered one where it still fits, else by known names. */
export const suggestMapping = (
  kind: RosterKind,
  headers: string[],
  remembered: ColumnMapping = {},
): { mapping: ColumnMapping; system?: string } => {
  const byNorm = new Map(headers.map((h) => [norm(h), h]));
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of FIELDS[kind]) {
    const kept = remembered[field.key];
    const found =
      kept && headers.includes(kept)
        ? kept
        : field.aliases.map((alias) => byNorm.get(alias)).find((h) => h && !used.has(h));
    if (found) {
      mapping[field.key] = found;
      used.add(found);
    }
  }
  const normed = new Set(byNorm.keys());
  const system = SYSTEM_HINTS.find((hint) => hint.headers.some((h) => normed.has(h)))?.system;
  return { mapping, ...(system ? { system } : {}) };
};

// ---------------------------------------------------------------- values

/** 23/11/2016, 23-11-2016, 23.11.2016, 2016-11-23; a real date or undefined. */
export const parseUkDate = (raw: string): string | undefined => {
  const value = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
};

export const parseYearGroup = (raw: string): number | undefined => {
  const value = raw.trim().toLowerCase();
  if (['r', 'rec', 'reception', 'yr r', 'year r'].includes(value)) return 0;
  if (['n', 'n1', 'n2', 'nursery'].includes(value)) return -1;
  const match = /^(?:year|yr|y|nc)?\s*(\d{1,2})$/.exec(value);
  const year = match ? Number(match[1]) : NaN;
  return year >= 0 && year <= 14 ? year : undefined;
};

type Gender = (typeof GENDERS)[number];
const GENDER_WORDS: Record<string, Gender> = {
  m: 'male',
  male: 'male',
  boy: 'male',
  f: 'female',
  female: 'female',
  girl: 'female',
  x: 'other',
  other: 'other',
  'not stated': 'not_stated',
  u: 'not_stated',
  unknown: 'not_stated',
  '': 'not_stated',
};

type SenStatus = (typeof SEN_STATUSES)[number];
const SEN_WORDS: Record<string, SenStatus> = {
  '': 'none',
  n: 'none',
  none: 'none',
  'no sen': 'none',
  k: 'sen_support',
  'sen support': 'sen_support',
  sen_support: 'sen_support',
  support: 'sen_support',
  e: 'ehcp',
  ehcp: 'ehcp',
  'ehc plan': 'ehcp',
  s: 'ehcp',
  statement: 'ehcp',
  m: 'monitoring',
  monitoring: 'monitoring',
};

const YES = ['y', 'yes', 'true', '1', 't'];
const NO = ['', 'n', 'no', 'false', '0', 'f'];
const parseFlag = (raw: string): boolean | undefined => {
  const value = raw.trim().toLowerCase();
  return YES.includes(value) ? true : NO.includes(value) ? false : undefined;
};

const ROLE_WORDS: Record<string, Role> = {
  senco: 'senco',
  'sen co': 'senco',
  'sen coordinator': 'senco',
  'inclusion lead': 'senco',
  teacher: 'teacher',
  'class teacher': 'teacher',
  ta: 'ta',
  'teaching assistant': 'ta',
  hlta: 'ta',
  lsa: 'ta',
  'learning support assistant': 'ta',
  admin: 'admin',
};

const UPN_PATTERN = /^[A-Z]\d{11}[0-9A-Z]$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- children

export type ChildRow = {
  row: number;
  upn?: string;
  misId?: string;
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  gender?: Gender;
  yearGroup: number;
  className?: string;
  senStatus?: SenStatus;
  flags: Partial<Record<'fsm' | 'pupil_premium' | 'eal' | 'cic', boolean>>;
};

const FLAG_FIELDS = [
  ['fsm', 'fsm'],
  ['pupilPremium', 'pupil_premium'],
  ['eal', 'eal'],
  ['cic', 'cic'],
] as const;

export const validateChildren = (
  csv: ParsedCsv,
  mapping: ColumnMapping,
): { rows: ChildRow[]; errors: RowError[] } => {
  const errors: RowError[] = [];
  const missing = CHILD_FIELDS.filter((f) => f.isRequired && !mapping[f.key]);
  if (!mapping.upn && !mapping.misId) {
    errors.push({
      row: 1,
      column: 'UPN',
      message: 'Choose the UPN or the MIS id column, so a child is matched on a second import.',
    });
  }
  for (const field of missing) {
    errors.push({
      row: 1,
      column: field.label,
      message: `Choose the column that holds ${field.label.toLowerCase()}.`,
    });
  }
  if (errors.length > 0) return { rows: [], errors };
  const rows: ChildRow[] = [];
  const seenUpn = new Map<string, number>();
  const seenMis = new Map<string, number>();
  for (const { row, values } of csv.rows) {
    const get = (key: string) => (mapping[key] ? (values[mapping[key]!] ?? '') : '');
    const fail = (key: string, message: string) =>
      errors.push({ row, column: mapping[key] ?? key, message });
    const before = errors.length;
    const upn = get('upn').toUpperCase() || undefined;
    const misId = get('misId') || undefined;
    if (upn && !UPN_PATTERN.test(upn))
      fail('upn', `“${upn}” is not a UPN (a letter, 11 digits and a check character).`);
    if (!upn && !misId) fail(mapping.upn ? 'upn' : 'misId', 'Each child needs a UPN or an MIS id.');
    if (upn) {
      const first = seenUpn.get(upn);
      if (first !== undefined) fail('upn', `UPN ${upn} is also on row ${first}.`);
      else seenUpn.set(upn, row);
    }
    if (misId && !upn) {
      const first = seenMis.get(misId);
      if (first !== undefined) fail('misId', `MIS id ${misId} is also on row ${first}.`);
      else seenMis.set(misId, row);
    }
    const firstName = get('firstName');
    const lastName = get('lastName');
    if (!firstName) fail('firstName', 'The first name is empty.');
    else if (firstName.length > 200) fail('firstName', 'The first name is too long.');
    if (!lastName) fail('lastName', 'The last name is empty.');
    else if (lastName.length > 200) fail('lastName', 'The last name is too long.');
    let dateOfBirth: string | undefined;
    if (get('dateOfBirth')) {
      dateOfBirth = parseUkDate(get('dateOfBirth'));
      if (!dateOfBirth)
        fail('dateOfBirth', `“${get('dateOfBirth')}” is not a date (use 23/11/2016).`);
    }
    let gender: Gender | undefined;
    if (mapping.gender) {
      gender = GENDER_WORDS[get('gender').toLowerCase()];
      if (!gender)
        fail('gender', `“${get('gender')}” is not a gender this app knows (M, F, X or blank).`);
    }
    const yearGroup = parseYearGroup(get('yearGroup'));
    if (yearGroup === undefined)
      fail('yearGroup', `“${get('yearGroup')}” is not a year group (R, 1 to 14, or “Year 3”).`);
    const className = get('className') || undefined;
    if (className && className.length > 200) fail('className', 'The class name is too long.');
    let senStatus: SenStatus | undefined;
    if (mapping.senStatus) {
      senStatus = SEN_WORDS[get('senStatus').toLowerCase()];
      if (!senStatus)
        fail('senStatus', `“${get('senStatus')}” is not an SEN status (N, K, E or blank).`);
    }
    const flags: ChildRow['flags'] = {};
    for (const [key, code] of FLAG_FIELDS) {
      if (!mapping[key]) continue;
      const flag = parseFlag(get(key));
      if (flag === undefined) fail(key, `“${get(key)}” should be Yes or No.`);
      else flags[code] = flag;
    }
    if (errors.length > before) continue;
    rows.push({
      row,
      ...(upn ? { upn } : {}),
      ...(misId ? { misId } : {}),
      firstName,
      lastName,
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(gender ? { gender } : {}),
      yearGroup: yearGroup!,
      ...(className ? { className } : {}),
      ...(senStatus ? { senStatus } : {}),
      flags,
    });
  }
  return { rows: errors.length > 0 ? [] : rows, errors };
};

export type PlannedChange = {
  entity: 'child' | 'class' | 'staff';
  id: string;
  fields: Record<string, unknown>;
};

export type ImportPlan = {
  changes: PlannedChange[];
  summary: {
    created: number;
    updated: number;
    unchanged: number;
    classesCreated: number;
    classesUpdated: number;
  };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that differ from what the record holds. */
const diff = (existing: Record<string, unknown> | undefined, wanted: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !existing || !same(existing[k], v)));

export const planChildImport = (
  rows: ChildRow[],
  existing: { children: StoredRecord<'child'>[]; classes: StoredRecord<'class'>[] },
  makeId: () => string = newId,
): ImportPlan => {
  const changes: PlannedChange[] = [];
  const summary = { created: 0, updated: 0, unchanged: 0, classesCreated: 0, classesUpdated: 0 };
  const classByName = new Map(existing.classes.map((c) => [c.name.trim().toLowerCase(), c.id]));
  const byUpn = new Map(
    existing.children.filter((c) => c.upn).map((c) => [c.upn!.toUpperCase(), c]),
  );
  const byMis = new Map(existing.children.filter((c) => c.misId).map((c) => [c.misId!, c]));
  for (const row of rows) {
    let classId: string | undefined;
    if (row.className) {
      const key = row.className.toLowerCase();
      classId = classByName.get(key);
      if (!classId) {
        classId = makeId();
        classByName.set(key, classId);
        changes.push({
          entity: 'class',
          id: classId,
          fields: { name: row.className, yearGroup: row.yearGroup, teacherIds: [], taIds: [] },
        });
        summary.classesCreated += 1;
      }
    }
    const match =
      (row.upn && byUpn.get(row.upn)) || (row.misId && byMis.get(row.misId)) || undefined;
    const groups = new Set(match?.groups ?? []);
    for (const [code, isIn] of Object.entries(row.flags)) {
      if (isIn) groups.add(code);
      else groups.delete(code);
    }
    const wanted: Record<string, unknown> = {
      firstName: row.firstName,
      lastName: row.lastName,
      yearGroup: row.yearGroup,
      ...(row.upn ? { upn: row.upn } : {}),
      ...(row.misId ? { misId: row.misId } : {}),
      ...(row.dateOfBirth ? { dateOfBirth: row.dateOfBirth } : {}),
      ...(row.gender ? { gender: row.gender } : {}),
      ...(row.senStatus ? { senStatus: row.senStatus } : {}),
      ...(classId ? { classId } : {}),
      // Keep the order the record had, so an unchanged set is not a change.
      groups: match
        ? [
            ...(match.groups ?? []).filter((g) => groups.has(g)),
            ...[...groups].filter((g) => !(match.groups ?? []).includes(g)),
          ]
        : [...groups],
    };
    const fields = diff(match as Record<string, unknown> | undefined, wanted);
    if (!match) {
      changes.push({ entity: 'child', id: makeId(), fields });
      summary.created += 1;
    } else if (Object.keys(fields).length > 0) {
      changes.push({ entity: 'child', id: match.id, fields });
      summary.updated += 1;
    } else {
      summary.unchanged += 1;
    }
  }
  return { changes, summary };
};

/**
 * Children the school holds who are not in this file: leavers, if the file
 * is the whole school. They are offered, never removed (a child's record is
 * kept; the SENCo marks them as left). Children already marked as left are
 * not counted again.
 */
export const childrenMissingFrom = (
  rows: ChildRow[],
  existing: StoredRecord<'child'>[],
): StoredRecord<'child'>[] => {
  const upns = new Set(rows.flatMap((row) => (row.upn ? [row.upn] : [])));
  const misIds = new Set(rows.flatMap((row) => (row.misId ? [row.misId] : [])));
  return existing.filter(
    (child) =>
      !child.leftOn &&
      !(child.upn && upns.has(child.upn.toUpperCase())) &&
      !(child.misId && misIds.has(child.misId)),
  );
};

// ---------------------------------------------------------------- staff

export type StaffRow = { row: number; name: string; email: string; role: Role; classes: string[] };

export const validateStaff = (
  csv: ParsedCsv,
  mapping: ColumnMapping,
  classes: StoredRecord<'class'>[],
): { rows: StaffRow[]; errors: RowError[] } => {
  const errors: RowError[] = [];
  if (!mapping.email)
    errors.push({
      row: 1,
      column: 'Email',
      message: 'Choose the column that holds the email address.',
    });
  if (!mapping.role)
    errors.push({ row: 1, column: 'Role', message: 'Choose the column that holds the role.' });
  if (!mapping.name && !(mapping.firstName && mapping.lastName)) {
    errors.push({
      row: 1,
      column: 'Name',
      message: 'Choose the name column, or the first and last name columns.',
    });
  }
  if (errors.length > 0) return { rows: [], errors };
  const classNames = new Set(classes.map((c) => c.name.trim().toLowerCase()));
  const rows: StaffRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of csv.rows) {
    const get = (key: string) => (mapping[key] ? (values[mapping[key]!] ?? '') : '');
    const fail = (key: string, message: string) =>
      errors.push({ row, column: mapping[key] ?? key, message });
    const before = errors.length;
    const name = get('name') || [get('firstName'), get('lastName')].filter(Boolean).join(' ');
    if (!name) fail(mapping.name ? 'name' : 'firstName', 'The name is empty.');
    const email = get('email').toLowerCase();
    if (!EMAIL_PATTERN.test(email)) fail('email', `“${get('email')}” is not an email address.`);
    else if (seen.has(email)) fail('email', `${email} is also on row ${seen.get(email)}.`);
    else seen.set(email, row);
    const role = ROLE_WORDS[get('role').toLowerCase()];
    if (!role) fail('role', `“${get('role')}” is not a role (SENCo, Teacher or TA).`);
    const classList = get('classes')
      .split(/[;,|]/)
      .map((c) => c.trim())
      .filter(Boolean);
    for (const name of classList) {
      if (!classNames.has(name.toLowerCase()))
        fail('classes', `There is no class called “${name}”: import the children first.`);
    }
    if (errors.length > before) continue;
    rows.push({ row, name, email, role: role!, classes: classList });
  }
  return { rows: errors.length > 0 ? [] : rows, errors };
};

export const planStaffImport = (
  rows: StaffRow[],
  existing: { staff: StoredRecord<'staff'>[]; classes: StoredRecord<'class'>[] },
  makeId: () => string = newId,
): ImportPlan => {
  const changes: PlannedChange[] = [];
  const summary = { created: 0, updated: 0, unchanged: 0, classesCreated: 0, classesUpdated: 0 };
  const byEmail = new Map(existing.staff.map((s) => [s.email.toLowerCase(), s]));
  const classes = new Map(
    existing.classes.map((c) => [
      c.name.trim().toLowerCase(),
      { ...c, teacherIds: [...c.teacherIds], taIds: [...c.taIds] },
    ]),
  );
  const touched = new Set<string>();
  for (const row of rows) {
    const match = byEmail.get(row.email);
    const id = match?.id ?? makeId();
    const fields = diff(match as Record<string, unknown> | undefined, {
      name: row.name,
      email: row.email,
      role: row.role,
      isActive: true,
    });
    if (!match) {
      changes.push({ entity: 'staff', id, fields });
      summary.created += 1;
    } else if (Object.keys(fields).length > 0) {
      changes.push({ entity: 'staff', id, fields });
      summary.updated += 1;
    } else summary.unchanged += 1;
    for (const name of row.classes) {
      const schoolClass = classes.get(name.toLowerCase())!;
      const list = row.role === 'ta' ? schoolClass.taIds : schoolClass.teacherIds;
      if (!list.includes(id)) {
        list.push(id);
        touched.add(name.toLowerCase());
      }
    }
  }
  for (const key of touched) {
    const schoolClass = classes.get(key)!;
    changes.push({
      entity: 'class',
      id: schoolClass.id,
      fields: { teacherIds: schoolClass.teacherIds, taIds: schoolClass.taIds },
    });
    summary.classesUpdated += 1;
  }
  return { changes, summary };
};
