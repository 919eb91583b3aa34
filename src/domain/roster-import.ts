/**
 * Getting the school in: children (with their classes) and staff (with
 * their roles and classes) from a CSV exported by the school's MIS. SIMS,
 * Arbor and Bromcom name their columns differently, so the SENCo maps
 * columns to fields (suggested from the headers, remembered per school).
 *
 * Three steps, all pure: parse (any delimiter, a BOM, quoted commas, blank
 * lines), validate every row (errors by row and column), then plan the
 * changes against what the school already holds, matching children on UPN
 * or MIS id (an admission number Excel stripped of its zeros still matches)
 * and staff on email. Importing the same file again plans nothing.
 *
 * Values, not refusal: a coded value the importer does not know ("SA+",
 * a school's own wording) is reported once per column and value for the
 * SENCo to map; rows with an error or an unmapped value are listed, and are
 * only left out when the caller says the SENCo agreed (isCleanCheck says
 * whether the whole file reads). docs/roster-import.md lists what is read.
 *
 * Not exported from the domain index: only the SENCo's screens carry papaparse.
 */
import Papa from 'papaparse';
import { schoolYearOf } from './calendar';
import { changedFields } from './fields';
import { newId } from './ids';
import { isDateInWindow } from './ranges';
import {
  SEN_NEED_TYPE_AREAS,
  SEN_NEED_TYPE_LABELS,
  SEN_NEED_TYPES,
  type GENDERS,
  type Role,
  type SEN_STATUSES,
  type SenNeedType,
  type StoredRecord,
} from './records';
import { isStorableText } from './text';

export type RosterKind = 'children' | 'staff';

export type FieldSpec = { key: string; label: string; isRequired?: boolean; aliases: string[] };

/**
 * Column names of each field as SIMS, Arbor, Bromcom, ScholarPack and the
 * DfE's own pupil files write them (and plain English). The order within a
 * field matters: the first alias the file has wins, so a legal name is
 * preferred to a preferred one for the legal-name field.
 */
export const CHILD_FIELDS: FieldSpec[] = [
  { key: 'upn', label: 'UPN', aliases: ['upn', 'unique pupil number', 'pupil upn'] },
  {
    key: 'misId',
    label: 'MIS id',
    aliases: [
      'adno',
      'admission number',
      'admission no',
      'admissions number',
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
    aliases: [
      'legal forename',
      'forename',
      'legal first name',
      'first name',
      'firstname',
      'given name',
      'preferred forename',
    ],
  },
  {
    key: 'lastName',
    label: 'Last name',
    aliases: [
      'legal surname',
      'surname',
      'legal last name',
      'last name',
      'lastname',
      'family name',
      'preferred surname',
    ],
  },
  {
    key: 'fullName',
    label: 'Full name (one column)',
    aliases: [
      'name',
      'full name',
      'pupil name',
      'student name',
      'surname forename',
      'surname, forename',
      'legal name',
    ],
  },
  {
    key: 'preferredFirstName',
    label: 'Preferred first name',
    aliases: [
      'preferred forename',
      'preferredforename',
      'preferred first name',
      'known as',
      'chosen forename',
      'preferred name',
    ],
  },
  {
    key: 'preferredLastName',
    label: 'Preferred last name',
    // "PreferredSurname" and the rest run together: the DfE's own census
    // and CTF field names, as the pupil files it hands out spell them.
    aliases: ['preferred surname', 'preferredsurname', 'preferred last name', 'chosen surname'],
  },
  {
    key: 'dateOfBirth',
    label: 'Date of birth',
    aliases: ['dob', 'date of birth', 'birth date', 'birthdate'],
  },
  { key: 'gender', label: 'Gender', aliases: ['gender', 'sex', 'legal sex'] },
  {
    key: 'yearGroup',
    label: 'Year group',
    aliases: [
      'year',
      'year group',
      'nc year',
      'ncyear',
      'ncyearactual',
      'national curriculum year',
      'curriculum year',
      'year taught in',
      'year of study',
    ],
  },
  {
    key: 'className',
    label: 'Class',
    aliases: [
      'reg group',
      'registration group',
      'registration form',
      'reg form',
      'form',
      'form group',
      'tutor group',
      'class',
    ],
  },
  {
    key: 'senStatus',
    label: 'SEN status',
    aliases: ['sen status', 'sen provision', 'senprovision', 'send status', 'sen stage', 'sen'],
  },
  {
    key: 'senStartDate',
    label: 'SEN start date',
    aliases: [
      'sen start date',
      'senstartdate',
      'sen start',
      'sen provision start date',
      'sen status start date',
      'date sen started',
      'sen from',
    ],
  },
  {
    key: 'senNeedPrimary',
    label: 'Primary need type',
    aliases: [
      'primary need',
      'sen need type',
      'sen primary need',
      'primary sen need',
      'primary need type',
      'sen type',
      'sen need',
      'sen need type 1',
      'sen type rank 1',
      'sentype1',
      'primaryseneedstype',
      'primary sen needs type',
    ],
  },
  {
    key: 'senNeedSecondary',
    label: 'Secondary need type',
    aliases: [
      'secondary need',
      'sen secondary need',
      'secondary sen need',
      'secondary need type',
      'sen need type 2',
      'sen type rank 2',
      'sentype2',
      'secondarysentype',
      'secondary sen type',
    ],
  },
  {
    key: 'fsm',
    label: 'FSM',
    aliases: [
      'fsm',
      'fsm eligible',
      'fsmeligible',
      'free school meals',
      'fsm indicator',
      'fsm status',
    ],
  },
  {
    key: 'ever6',
    label: 'Ever 6 FSM',
    aliases: [
      'ever 6 fsm',
      'fsm ever 6',
      'ever6 fsm',
      'fsm ever6',
      'everfsm 6',
      'ever 6',
      'ever6',
      'fsm6',
    ],
  },
  {
    key: 'pupilPremium',
    label: 'Pupil Premium',
    aliases: [
      'pupil premium',
      'pupil premium indicator',
      'pp',
      'pp eligible',
      'disadvantaged',
      'disadvantaged pupil',
    ],
  },
  { key: 'eal', label: 'EAL', aliases: ['eal', 'english as an additional language', 'eal status'] },
  {
    key: 'firstLanguage',
    label: 'First language',
    aliases: ['first language', 'first language code', 'home language', 'language'],
  },
  {
    key: 'cic',
    label: 'Child in care',
    aliases: [
      'in care',
      'looked after',
      'in lea care',
      'in la care',
      'looked after child',
      'cla',
      'cic',
      'child in care',
      'lac',
    ],
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
  { system: 'SIMS', headers: ['adno', 'reg group', 'legal forename', 'year taught in'] },
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

/**
 * The year group a class name gives: "10R", "7AB", "Year 3 Hazel", "Y6",
 * "Rec Oak", "R1". A name with no year in it ("Hazel", "Rowan") gives
 * none. Why only a leading number: a reg group is named year first in every
 * MIS we know of, and "Group 2" is not Year 2.
 */
export const yearGroupOfClass = (className: string): number | undefined => {
  const value = className.trim().toLowerCase();
  if (/^(?:rec|reception)\b/.test(value) || /^r(?![a-z])/.test(value)) return 0;
  if (/^(?:nursery|n[12]?)(?![a-z0-9])/.test(value)) return -1;
  const match = /^(?:year|yr|y)?\s*(\d{1,2})(?!\d)/.exec(value);
  const year = match ? Number(match[1]) : NaN;
  return year >= 1 && year <= 14 ? year : undefined;
};

/**
 * The England NC year of a child born on `dateOfBirth`, in the school year
 * that holds `today`: reception is the school year after the fourth
 * birthday's school year... counted as school years since the one of birth,
 * less five (born Sept 2016 - Aug 2017 is Year 5 in 2026/27).
 */
export const yearGroupFromBirth = (dateOfBirth: string, today: string): number | undefined => {
  const year = schoolYearOf(today) - schoolYearOf(dateOfBirth) - 5;
  return year >= -1 && year <= 14 ? year : undefined;
};

/**
 * "Surname, Forename" (SIMS marksheets), "SURNAME Forename" (capitals
 * mark the surname), a "Surname Forename" column, or "Forename Surname".
 */
export const splitFullName = (
  raw: string,
  header = '',
): { firstName: string; lastName: string } | undefined => {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value.includes(',')) {
    const [last, ...rest] = value.split(',');
    const firstName = rest.join(',').trim();
    const lastName = (last ?? '').trim();
    return firstName && lastName ? { firstName, lastName } : undefined;
  }
  const tokens = value.split(' ').filter(Boolean);
  if (tokens.length < 2) return undefined;
  const isCapitals = (t: string) => /\p{Lu}/u.test(t) && !/\p{Ll}/u.test(t);
  let lead = 0;
  while (lead < tokens.length && isCapitals(tokens[lead]!)) lead += 1;
  if (lead > 0 && lead < tokens.length) {
    return { lastName: tokens.slice(0, lead).join(' '), firstName: tokens.slice(lead).join(' ') };
  }
  if (/surname.*forename|last.*first/i.test(header)) {
    return { lastName: tokens[0]!, firstName: tokens.slice(1).join(' ') };
  }
  return { firstName: tokens.slice(0, -1).join(' '), lastName: tokens.at(-1)! };
};

/** Own keys only: a cell reading "constructor" must not find Object's. */
const lookup = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/**
 * The ways an MIS writes one coded value: "K", "K - SEN Support", "SEN
 * Support (K)", "sen support". Each is tried against the table, whole
 * first, then the code, then the words.
 */
const codedForms = (raw: string): string[] => {
  const value = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const forms = [value];
  let match = /^([a-z0-9+]{1,5}) ?[-–—:] ?(.+)$/.exec(value);
  if (match) forms.push(match[1]!, match[2]!.trim());
  match = /^(.+?) ?\(([a-z0-9+]{1,5})\)$/.exec(value);
  if (match) forms.push(match[2]!, match[1]!.trim());
  return forms;
};

const lookupCoded = <T>(table: Record<string, T>, raw: string): T | undefined => {
  for (const form of codedForms(raw)) {
    const found = lookup(table, form);
    if (found !== undefined) return found;
  }
  return undefined;
};

/** The key a raw value is remembered under in a value mapping. */
export const valueKey = (raw: string): string => raw.trim().toLowerCase().replace(/\s+/g, ' ');

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
  // Our own export writes the stored word; a school re-importing it must not be asked.
  not_stated: 'not_stated',
  'not known': 'not_stated',
  'prefer not to say': 'not_stated',
  u: 'not_stated',
  unknown: 'not_stated',
  '': 'not_stated',
};

type SenStatus = (typeof SEN_STATUSES)[number];
/**
 * Census provision N/K/E in every wording the MIS exports use, and the
 * codes before the 2014 Code of Practice: A (School Action) and P (School
 * Action Plus) became SEN support, S (a statement) became an EHC plan.
 */
const SEN_WORDS: Record<string, SenStatus> = {
  '': 'none',
  n: 'none',
  none: 'none',
  'no sen': 'none',
  'no special educational need': 'none',
  'no special educational needs': 'none',
  k: 'sen_support',
  'sen support': 'sen_support',
  sen_support: 'sen_support',
  support: 'sen_support',
  a: 'sen_support',
  'school action': 'sen_support',
  p: 'sen_support',
  'school action plus': 'sen_support',
  e: 'ehcp',
  ehcp: 'ehcp',
  'ehc plan': 'ehcp',
  'education, health and care plan': 'ehcp',
  'education health and care plan': 'ehcp',
  s: 'ehcp',
  statement: 'ehcp',
  'statement of sen': 'ehcp',
  m: 'monitoring',
  monitoring: 'monitoring',
};

/** Need types by census code and by the census's own descriptions. */
const NEED_WORDS: Record<string, SenNeedType | 'none'> = {
  '': 'none',
  'not applicable': 'none',
  ...Object.fromEntries(SEN_NEED_TYPES.map((code) => [code.toLowerCase(), code])),
  ...Object.fromEntries(
    SEN_NEED_TYPES.map((code) => [SEN_NEED_TYPE_LABELS[code].toLowerCase(), code]),
  ),
  'specific learning difficulty': 'SPLD',
  'moderate learning difficulty': 'MLD',
  'severe learning difficulty': 'SLD',
  'profound & multiple learning difficulty': 'PMLD',
  'speech, language and communication need': 'SLCN',
  'speech, language and communication needs': 'SLCN',
  'visual impairment': 'VI',
  'autistic spectrum disorder': 'ASD',
  autism: 'ASD',
  'other difficulty/disability': 'OTH',
  'other difficulty': 'OTH',
  // The census's behaviour category before 2014, replaced by SEMH.
  besd: 'SEMH',
  'behaviour, emotional and social difficulty': 'SEMH',
};

const FLAG_WORDS: Record<string, boolean> = {
  y: true,
  yes: true,
  true: true,
  '1': true,
  t: true,
  eligible: true,
  '': false,
  n: false,
  no: false,
  false: false,
  '0': false,
  f: false,
  'not eligible': false,
};

/** Census first-language codes that mean English: ENG, and ENB ("believed to be English"). */
const ENGLISH = ['eng', 'enb', 'english', 'believed to be english'];
/** Census codes that say nothing of the language: not obtained, refused. */
const NO_LANGUAGE = ['', 'not', 'ref', 'information not obtained', 'refused'];

/** What the SENCo may map an unknown value to, per field. */
export const VALUE_CHOICES: Record<string, { value: string; label: string }[]> = {
  senStatus: [
    { value: 'none', label: 'No SEN (N)' },
    { value: 'monitoring', label: 'Monitoring' },
    { value: 'sen_support', label: 'SEN support (K)' },
    { value: 'ehcp', label: 'EHC plan (E)' },
  ],
  gender: [
    { value: 'female', label: 'Female' },
    { value: 'male', label: 'Male' },
    { value: 'other', label: 'Other' },
    { value: 'not_stated', label: 'Not stated' },
  ],
  senNeedPrimary: [
    { value: 'none', label: 'No need type' },
    ...SEN_NEED_TYPES.map((code) => ({
      value: code,
      label: `${code}: ${SEN_NEED_TYPE_LABELS[code]}`,
    })),
  ],
  yearGroup: [
    { value: '-1', label: 'Nursery' },
    { value: '0', label: 'Reception' },
    ...Array.from({ length: 14 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` })),
  ],
  flag: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
};
VALUE_CHOICES.senNeedSecondary = VALUE_CHOICES.senNeedPrimary!;
for (const key of ['fsm', 'ever6', 'pupilPremium', 'eal', 'cic']) {
  VALUE_CHOICES[key] = VALUE_CHOICES.flag!;
}

/** Values the SENCo mapped by hand: field key -> valueKey(raw) -> a choice's value. */
export type ValueMapping = Record<string, Record<string, string>>;

/**
 * The check letter a UPN should start with, by the DfE's algorithm:
 * characters 2 to 13 weighted 2 to 13 (a letter in place 13, which only a
 * temporary UPN has, counts as its place in the check alphabet), the sum
 * taken modulo 23, read off the alphabet without I, O and S.
 */
const UPN_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';
export const upnCheckLetter = (upn: string): string | undefined => {
  if (upn.length !== 13) return undefined;
  let sum = 0;
  for (let i = 1; i < 13; i += 1) {
    const char = upn[i]!;
    const value = /\d/.test(char) ? Number(char) : UPN_ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    sum += value * (i + 1);
  }
  return UPN_ALPHABET[sum % 23];
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
  // Read-only, whole school (see docs/domain.md, "Privacy").
  headteacher: 'headteacher',
  'head teacher': 'headteacher',
  head: 'headteacher',
  'executive headteacher': 'headteacher',
};

const UPN_PATTERN = /^[A-Z]\d{11}[0-9A-Z]$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An admission number as a key: Excel reads "001234" as a number and
 * saves "1234", so digits are compared without their leading zeros.
 */
export const misIdKey = (misId: string): string =>
  /^\d+$/.test(misId) ? misId.replace(/^0+(?=\d)/, '') : misId.toUpperCase();

// ---------------------------------------------------------------- children

export type ChildRow = {
  row: number;
  upn?: string;
  misId?: string;
  firstName: string;
  lastName: string;
  preferredFirstName?: string;
  preferredLastName?: string;
  dateOfBirth?: string;
  gender?: Gender;
  yearGroup: number;
  className?: string;
  senStatus?: SenStatus;
  /** The day the SEN provision began (the MIS's SEN start date). */
  senStartDate?: string;
  /** Census need types, primary first; present when a need column is chosen. */
  senNeedTypes?: SenNeedType[];
  flags: Partial<Record<'fsm' | 'fsm_ever6' | 'pupil_premium' | 'eal' | 'cic', boolean>>;
};

const FLAG_FIELDS = [
  ['fsm', 'fsm'],
  ['ever6', 'fsm_ever6'],
  ['pupilPremium', 'pupil_premium'],
  ['eal', 'eal'],
  ['cic', 'cic'],
] as const;

/** One value the importer does not know, once per column and value, with the rows that hold it. */
export type UnknownValue = {
  field: string;
  column: string;
  value: string;
  count: number;
  rows: number[];
};

export type ChildImportOptions = {
  /** Today's date, so a date of birth can give the year group when nothing else does. */
  today?: string;
  /** Values the SENCo mapped by hand, remembered from last time or chosen now. */
  valueMapping?: ValueMapping;
  /** A year group for the whole file, for rows nothing else gives one. */
  yearGroupForFile?: number;
};

export type ChildCheck = {
  /** Every row that can be imported as it is. */
  rows: ChildRow[];
  errors: RowError[];
  unknownValues: UnknownValue[];
  /** Not problems enough to leave a row out: a wrong UPN check letter, a temporary UPN. */
  warnings: RowError[];
  /** Rows with an error or an unmapped value: left out if the SENCo agrees, else nothing is written. */
  rowsWithProblems: number[];
  /** Every UPN and MIS id in the file, rows with problems included (a leaver is missing from all). */
  identities: { upn?: string; misId?: string }[];
};

/** Whether nothing is wrong: the whole file can be imported as it is. */
export const isCleanCheck = (check: ChildCheck): boolean =>
  check.errors.length === 0 && check.unknownValues.length === 0;

const MAX_VALUE_LENGTH = 100;

export const validateChildren = (
  csv: ParsedCsv,
  mapping: ColumnMapping,
  options: ChildImportOptions = {},
): ChildCheck => {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const empty = (): ChildCheck => ({
    rows: [],
    errors,
    unknownValues: [],
    warnings,
    rowsWithProblems: [],
    identities: [],
  });
  if (!mapping.upn && !mapping.misId) {
    errors.push({
      row: 1,
      column: 'UPN',
      message: 'Choose the UPN or the MIS id column, so a child is matched on a second import.',
    });
  }
  if (!mapping.fullName && !mapping.firstName) {
    errors.push({
      row: 1,
      column: 'First name',
      message: 'Choose the column that holds first name, or the one column that holds the name.',
    });
  }
  if (!mapping.fullName && !mapping.lastName) {
    errors.push({
      row: 1,
      column: 'Last name',
      message: 'Choose the column that holds last name, or the one column that holds the name.',
    });
  }
  if (
    !mapping.yearGroup &&
    !mapping.className &&
    !(mapping.dateOfBirth && options.today) &&
    options.yearGroupForFile === undefined
  ) {
    errors.push({
      row: 1,
      column: 'Year group',
      message:
        'Choose the column that holds year group, the class, or the date of birth, or choose a year for the whole file.',
    });
  }
  if (errors.length > 0) return empty();

  const valueMapping = options.valueMapping ?? {};
  const unknown = new Map<string, UnknownValue>();
  const rows: ChildRow[] = [];
  const rowsWithProblems: number[] = [];
  const identities: ChildCheck['identities'] = [];
  const seenUpn = new Map<string, number>();
  const seenMis = new Map<string, number>();
  for (const { row, values } of csv.rows) {
    const get = (key: string) => (mapping[key] ? (values[mapping[key]!] ?? '') : '');
    const column = (key: string) => mapping[key] ?? key;
    const fail = (key: string, message: string) =>
      errors.push({ row, column: column(key), message });
    const warn = (key: string, message: string) =>
      warnings.push({ row, column: column(key), message });
    let hasProblem = false;
    const before = errors.length;
    /**
     * A coded value: the SENCo's own mapping first, then the known words.
     * Why an unknown value is not an error per row: one MIS wording
     * ("SA+", "Statement") would otherwise list every child who has it;
     * grouped, the SENCo maps it once and every row reads.
     */
    const coded = <T>(key: string, read: (raw: string) => T | undefined): T | undefined => {
      const raw = get(key);
      const mapped = lookup(valueMapping[key] ?? {}, valueKey(raw));
      const value = read(mapped ?? raw);
      if (value !== undefined) return value;
      if (raw.length > MAX_VALUE_LENGTH || !isStorableText(raw)) {
        fail(key, `This value is not one the importer can read: correct it in the file.`);
        return undefined;
      }
      const id = `${key}\u0000${valueKey(raw)}`;
      const seen = unknown.get(id);
      if (seen) {
        seen.count += 1;
        seen.rows.push(row);
      } else
        unknown.set(id, { field: key, column: column(key), value: raw, count: 1, rows: [row] });
      hasProblem = true;
      return undefined;
    };
    const storable = (key: string, value: string, label: string, max: number) => {
      if (!isStorableText(value)) fail(key, `The ${label} holds a hidden character: retype it.`);
      else if (value.length > max) fail(key, `The ${label} is too long.`);
    };

    const upn = get('upn').toUpperCase() || undefined;
    const misId = get('misId') || undefined;
    identities.push({ ...(upn ? { upn } : {}), ...(misId ? { misId } : {}) });
    if (upn && !UPN_PATTERN.test(upn)) {
      fail(
        'upn',
        `“${upn.slice(0, 40)}” is not a UPN (a letter, 11 digits and a check character).`,
      );
    } else if (upn) {
      // Why a warning, not an error: the UPN is still the child's key here,
      // and the MIS is where it is corrected; refusing would stop a school.
      const expected = upnCheckLetter(upn);
      if (expected !== upn[0])
        warn(
          'upn',
          `UPN ${upn} has the wrong check letter (${expected ? `it should start with ${expected}` : 'it cannot be checked'}): check it in your MIS.`,
        );
      if (/[A-Z]$/.test(upn))
        warn('upn', `UPN ${upn} is a temporary UPN: replace it when the permanent one arrives.`);
    }
    if (misId) storable('misId', misId, 'MIS id', 60);
    if (!upn && !misId) fail(mapping.upn ? 'upn' : 'misId', 'Each child needs a UPN or an MIS id.');
    if (upn) {
      const first = seenUpn.get(upn);
      if (first !== undefined) fail('upn', `UPN ${upn} is also on row ${first}.`);
      else seenUpn.set(upn, row);
    }
    if (misId && !upn) {
      const first = seenMis.get(misIdKey(misId));
      if (first !== undefined) fail('misId', `MIS id ${misId} is also on row ${first}.`);
      else seenMis.set(misIdKey(misId), row);
    }

    let firstName = get('firstName');
    let lastName = get('lastName');
    if ((!firstName || !lastName) && mapping.fullName && get('fullName')) {
      const split = splitFullName(get('fullName'), column('fullName'));
      if (split) {
        firstName ||= split.firstName;
        lastName ||= split.lastName;
      } else fail('fullName', `“${get('fullName').slice(0, 40)}” is not a first and last name.`);
    }
    const nameKey = (key: string) => (mapping[key] ? key : 'fullName');
    if (!firstName) fail(nameKey('firstName'), 'The first name is empty.');
    else storable(nameKey('firstName'), firstName, 'first name', 200);
    if (!lastName) fail(nameKey('lastName'), 'The last name is empty.');
    else storable(nameKey('lastName'), lastName, 'last name', 200);
    const preferredFirstName = get('preferredFirstName');
    const preferredLastName = get('preferredLastName');
    if (preferredFirstName)
      storable('preferredFirstName', preferredFirstName, 'preferred first name', 200);
    if (preferredLastName)
      storable('preferredLastName', preferredLastName, 'preferred last name', 200);

    let dateOfBirth: string | undefined;
    if (get('dateOfBirth')) {
      dateOfBirth = parseUkDate(get('dateOfBirth'));
      if (!dateOfBirth)
        fail('dateOfBirth', `“${get('dateOfBirth').slice(0, 40)}” is not a date (use 23/11/2016).`);
      else if (!isDateInWindow(dateOfBirth) || (options.today && dateOfBirth > options.today)) {
        fail(
          'dateOfBirth',
          `${get('dateOfBirth')} cannot be a date of birth of a child at school.`,
        );
        dateOfBirth = undefined;
      }
    }
    let gender: Gender | undefined;
    if (mapping.gender) gender = coded('gender', (raw) => lookupCoded(GENDER_WORDS, raw));

    const className = get('className') || undefined;
    if (className) storable('className', className, 'class name', 200);
    let yearGroup: number | undefined;
    if (get('yearGroup')) yearGroup = coded('yearGroup', parseYearGroup);
    else {
      yearGroup =
        (className ? yearGroupOfClass(className) : undefined) ??
        (dateOfBirth && options.today
          ? yearGroupFromBirth(dateOfBirth, options.today)
          : undefined) ??
        options.yearGroupForFile;
      if (yearGroup === undefined)
        fail(
          mapping.yearGroup
            ? 'yearGroup'
            : (mapping.className ?? mapping.dateOfBirth ?? 'yearGroup'),
          'No year group: the year is empty and neither the class nor the date of birth gives one.',
        );
    }

    let senStatus: SenStatus | undefined;
    if (mapping.senStatus) senStatus = coded('senStatus', (raw) => lookupCoded(SEN_WORDS, raw));
    let senStartDate: string | undefined;
    if (get('senStartDate')) {
      senStartDate = parseUkDate(get('senStartDate'));
      if (!senStartDate)
        fail(
          'senStartDate',
          `“${get('senStartDate').slice(0, 40)}” is not a date (use 01/09/2025).`,
        );
      else if (
        !isDateInWindow(senStartDate) ||
        (options.today && senStartDate > options.today) ||
        (dateOfBirth && senStartDate < dateOfBirth)
      ) {
        fail(
          'senStartDate',
          `${get('senStartDate')} cannot be the start of this child's SEN provision.`,
        );
        senStartDate = undefined;
      }
    }
    let senNeedTypes: SenNeedType[] | undefined;
    if (mapping.senNeedPrimary || mapping.senNeedSecondary) {
      const needs = (['senNeedPrimary', 'senNeedSecondary'] as const).flatMap((key) =>
        mapping[key] ? [coded(key, (raw) => lookupCoded(NEED_WORDS, raw))] : [],
      );
      senNeedTypes = [
        ...new Set(needs.filter((n): n is SenNeedType => n !== undefined && n !== 'none')),
      ];
    }

    const flags: ChildRow['flags'] = {};
    for (const [key, code] of FLAG_FIELDS) {
      if (!mapping[key]) continue;
      const flag = coded(key, (raw) => lookupCoded(FLAG_WORDS, raw));
      if (flag !== undefined) flags[code] = flag;
    }
    if (!mapping.eal && mapping.firstLanguage) {
      const language = valueKey(get('firstLanguage'));
      if (!NO_LANGUAGE.includes(language)) flags.eal = !ENGLISH.includes(language);
    }
    if (hasProblem || errors.length > before) {
      rowsWithProblems.push(row);
      continue;
    }
    rows.push({
      row,
      ...(upn ? { upn } : {}),
      ...(misId ? { misId } : {}),
      firstName,
      lastName,
      ...(preferredFirstName && preferredFirstName !== firstName ? { preferredFirstName } : {}),
      ...(preferredLastName && preferredLastName !== lastName ? { preferredLastName } : {}),
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(gender ? { gender } : {}),
      yearGroup: yearGroup!,
      ...(className ? { className } : {}),
      ...(senStatus ? { senStatus } : {}),
      ...(senStartDate ? { senStartDate } : {}),
      ...(senNeedTypes ? { senNeedTypes } : {}),
      flags,
    });
  }
  return {
    rows,
    errors,
    unknownValues: [...unknown.values()],
    warnings,
    rowsWithProblems,
    identities,
  };
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

/** `held` with `added` after it, in the order the record had, so an unchanged set is not a change. */
const keepOrder = <T>(held: T[], wanted: Set<T>): T[] => [
  ...held.filter((g) => wanted.has(g)),
  ...[...wanted].filter((g) => !held.includes(g)),
];

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
  const byMis = new Map(
    existing.children.filter((c) => c.misId).map((c) => [misIdKey(c.misId!), c]),
  );
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
      (row.upn && byUpn.get(row.upn)) || (row.misId && byMis.get(misIdKey(row.misId))) || undefined;
    const groups = new Set(match?.groups ?? []);
    for (const [code, isIn] of Object.entries(row.flags)) {
      if (isIn) groups.add(code);
      else groups.delete(code);
    }
    // Why keep the held admission number when only its zeros differ: the
    // MIS's own "001234" should not become a spreadsheet's "1234".
    const misId =
      row.misId && match?.misId && misIdKey(match.misId) === misIdKey(row.misId)
        ? match.misId.length >= row.misId.length
          ? match.misId
          : row.misId
        : row.misId;
    // Areas of need the need types give are added; areas the SENCo set by hand stay.
    const areas = new Set(match?.areasOfNeed ?? []);
    for (const need of row.senNeedTypes ?? []) {
      const area = SEN_NEED_TYPE_AREAS[need];
      if (area) areas.add(area);
    }
    const wanted: Record<string, unknown> = {
      firstName: row.firstName,
      lastName: row.lastName,
      yearGroup: row.yearGroup,
      ...(row.preferredFirstName ? { preferredFirstName: row.preferredFirstName } : {}),
      ...(row.preferredLastName ? { preferredLastName: row.preferredLastName } : {}),
      ...(row.upn ? { upn: row.upn } : {}),
      ...(misId ? { misId } : {}),
      ...(row.dateOfBirth ? { dateOfBirth: row.dateOfBirth } : {}),
      ...(row.gender ? { gender: row.gender } : {}),
      ...(row.senStatus ? { senStatus: row.senStatus } : {}),
      ...(row.senStartDate ? { senStartDate: row.senStartDate } : {}),
      ...(row.senNeedTypes ? { senNeedTypes: row.senNeedTypes } : {}),
      ...(row.senNeedTypes ? { areasOfNeed: keepOrder(match?.areasOfNeed ?? [], areas) } : {}),
      ...(classId ? { classId } : {}),
      groups: keepOrder(match?.groups ?? [], groups),
    };
    const fields = changedFields(match, wanted);
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
 * not counted again. Pass every identity in the file (ChildCheck's
 * `identities`), so a row left out for a problem is not taken for a leaver.
 */
export const childrenMissingFrom = (
  rows: { upn?: string; misId?: string }[],
  existing: StoredRecord<'child'>[],
): StoredRecord<'child'>[] => {
  const upns = new Set(rows.flatMap((row) => (row.upn ? [row.upn] : [])));
  const misIds = new Set(rows.flatMap((row) => (row.misId ? [misIdKey(row.misId)] : [])));
  return existing.filter(
    (child) =>
      !child.leftOn &&
      !(child.upn && upns.has(child.upn.toUpperCase())) &&
      !(child.misId && misIds.has(misIdKey(child.misId))),
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
    const role = lookup(ROLE_WORDS, get('role').toLowerCase());
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
    const fields = changedFields(match, {
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
