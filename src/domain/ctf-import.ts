/**
 * Joiners from a Common Transfer File: the DfE's XML file that carries a
 * child's record from one school's MIS to the next. The SENCo of the new
 * school brings it in as they would a student list.
 *
 * What is read, per `Pupil` under `CTFpupilData` (element names as the
 * DfE's CTF specification gives them; docs/roster-import.md says where the
 * names were checked):
 * - `UPN`, `Surname`, `Forename`, `DOB`, `Gender` (or `Sex`, newer files);
 * - from `BasicDetails`: `PreferredSurname`, `PreferredForename`,
 *   `NCyearActual`, and `Languages/Type` (`LanguageType` F is the first
 *   language, `Language` its census code);
 * - `LookedAfter/InCare`;
 * - `SENhistory`: `SEN/SENprovision` (N, K, E) with its `SEN/StartDate`, and `SENneeds/SENneed`
 *   (`SENtype`, ranked by `SENtypeRank`);
 * - `FSMhistory/FSMinstance` (`FSMstartDate`, `FSMendDate`): eligible now,
 *   and eligible at any time in the last six years (Ever 6).
 * The header's `SourceSchool` names the school the file came from.
 *
 * Why the file becomes rows of a student list and not records: the rows go
 * through the very checks and plan of a CSV import (validateChildren,
 * planChildImport in ./roster-import), so a UPN with a wrong check letter,
 * a provision code the importer does not know, or a child the school
 * already holds is handled once, the same way, whichever file it came in.
 * A CTF holds joiners, not the whole school, so it never offers leavers.
 *
 * Not exported from the domain index, like ./roster-import: only the
 * SENCo's import screen carries the XML parser.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ColumnMapping, ParsedCsv } from './roster-import';

/** The school a CTF came from, as its header names it. */
export type CtfSource = { schoolName?: string; urn?: string; lea?: string; estab?: string };

export type CtfFile = {
  /** One row a pupil: `row` is the pupil's place in the file, from 1. */
  csv: ParsedCsv;
  /** Which of the rows' columns is which field, for validateChildren. */
  mapping: ColumnMapping;
  source: CtfSource;
  /** The CTF version in the header, when given ("25.0"). */
  version?: string;
};

/**
 * The columns a pupil becomes, named after the CTF elements they come from,
 * so that a problem shown to the SENCo names what to correct in the
 * sending school's file.
 */
export const CTF_COLUMNS = {
  upn: 'UPN',
  firstName: 'Forename',
  lastName: 'Surname',
  preferredFirstName: 'PreferredForename',
  preferredLastName: 'PreferredSurname',
  dateOfBirth: 'DOB',
  gender: 'Gender',
  yearGroup: 'NCyearActual',
  senStatus: 'SENprovision',
  senStartDate: 'SEN StartDate',
  senNeedPrimary: 'SENneed (rank 1)',
  senNeedSecondary: 'SENneed (rank 2)',
  fsm: 'FSMhistory (now)',
  ever6: 'FSMhistory (Ever 6)',
  cic: 'LookedAfter InCare',
  firstLanguage: 'Languages (first language)',
} as const;

/** Elements that can appear more than once, so they are always read as lists. */
const REPEATED = new Set(['Pupil', 'FSMinstance', 'SENneed', 'Type']);

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Why text only: a UPN or an admission number read as a number would
  // lose its leading zeros, and "true" must stay a word for the flag rules.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

const nodeOf = (value: unknown): Node | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
const listOf = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((item) => {
    const node = nodeOf(item);
    return node ? [node] : [];
  });
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** The text of the first of `names` found on the pupil or in its BasicDetails. */
const field = (pupil: Node, ...names: string[]): string => {
  const details = nodeOf(pupil.BasicDetails);
  for (const name of names) {
    const value = textOf(pupil[name]) || (details ? textOf(details[name]) : '');
    if (value) return value;
  }
  return '';
};

const addYears = (isoDate: string, years: number): string =>
  `${String(Number(isoDate.slice(0, 4)) + years).padStart(4, '0')}${isoDate.slice(4)}`;

/**
 * Free school meals from the history: eligible now when a spell has begun
 * and not ended by `today`; Ever 6 when any spell reaches into the last six
 * years. Why from the spells and not a flag: a CTF carries the history, and
 * Ever 6 (the pupil premium's measure) is defined by it.
 */
const fsmFrom = (pupil: Node, today: string): { now: string; ever6: string } => {
  const history = nodeOf(pupil.FSMhistory);
  if (!history) return { now: '', ever6: '' };
  const spells = listOf(history.FSMinstance).map((spell) => ({
    start: textOf(spell.FSMstartDate).slice(0, 10),
    end: textOf(spell.FSMendDate).slice(0, 10),
  }));
  const sixYearsAgo = addYears(today, -6);
  const now = spells.some((s) => s.start !== '' && s.start <= today && (!s.end || s.end >= today));
  const ever6 = spells.some(
    (s) => s.start !== '' && s.start <= today && (!s.end || s.end >= sixYearsAgo),
  );
  return { now: now ? 'Yes' : 'No', ever6: ever6 ? 'Yes' : 'No' };
};

/** The census codes of the need types, primary first (by SENtypeRank, then file order). */
const needsFrom = (pupil: Node): [string, string] => {
  const needs = listOf(nodeOf(nodeOf(pupil.SENhistory)?.SENneeds)?.SENneed)
    .map((need, index) => ({
      type: textOf(need.SENtype),
      rank: Number(textOf(need.SENtypeRank)) || 99 + index,
    }))
    .filter((need) => need.type !== '')
    .sort((a, b) => a.rank - b.rank);
  return [needs[0]?.type ?? '', needs[1]?.type ?? ''];
};

const firstLanguageOf = (pupil: Node): string => {
  const languages = listOf(nodeOf(nodeOf(pupil.BasicDetails)?.Languages ?? pupil.Languages)?.Type);
  const first = languages.find((l) => textOf(l.LanguageType).toUpperCase() === 'F') ?? languages[0];
  return first ? textOf(first.Language) : '';
};

const inCareOf = (pupil: Node): string => {
  const lookedAfter = nodeOf(pupil.LookedAfter) ?? nodeOf(nodeOf(pupil.BasicDetails)?.LookedAfter);
  return lookedAfter ? textOf(lookedAfter.InCare) : '';
};

/**
 * Read a Common Transfer File. `today` (YYYY-MM-DD) dates the free school
 * meals history. A file that is not a CTF, or holds no pupil, is refused
 * with a sentence the SENCo can act on.
 */
export const parseCommonTransferFile = (
  xml: string,
  today: string,
): CtfFile | { error: string } => {
  const text = xml.replace(/^\uFEFF/, '');
  // Why refused: a CTF never has a document type, and one is how an XML
  // file asks its reader to expand entities, which can make a small file
  // grow without bound.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return {
      error: 'This file declares a document type, which a Common Transfer File never does.',
    };
  }
  let document: Node;
  try {
    document = parser.parse(text, true) as Node;
  } catch {
    return { error: 'This file is not XML that can be read. Export the CTF again from the MIS.' };
  }
  const root = nodeOf(document.CTfile);
  if (!root) {
    return {
      error:
        'This is not a Common Transfer File: its first element should be CTfile. Choose the .xml file the other school sent.',
    };
  }
  const header = nodeOf(root.Header);
  const sourceSchool = nodeOf(header?.SourceSchool);
  const source: CtfSource = {};
  for (const [key, name] of [
    ['schoolName', 'SchoolName'],
    ['urn', 'URN'],
    ['lea', 'LEA'],
    ['estab', 'Estab'],
  ] as const) {
    const value = sourceSchool ? textOf(sourceSchool[name]) : '';
    if (value) source[key] = value.slice(0, 200);
  }
  const pupils = listOf(nodeOf(root.CTFpupilData)?.Pupil);
  if (pupils.length === 0) return { error: 'This Common Transfer File holds no pupils.' };

  const rows: ParsedCsv['rows'] = pupils.map((pupil, index) => {
    const fsm = fsmFrom(pupil, today);
    const [primaryNeed, secondaryNeed] = needsFrom(pupil);
    const values: Record<string, string> = {
      [CTF_COLUMNS.upn]: field(pupil, 'UPN'),
      [CTF_COLUMNS.firstName]: field(pupil, 'Forename'),
      [CTF_COLUMNS.lastName]: field(pupil, 'Surname'),
      [CTF_COLUMNS.preferredFirstName]: field(pupil, 'PreferredForename'),
      [CTF_COLUMNS.preferredLastName]: field(pupil, 'PreferredSurname'),
      [CTF_COLUMNS.dateOfBirth]: field(pupil, 'DOB').slice(0, 10),
      [CTF_COLUMNS.gender]: field(pupil, 'Gender', 'Sex'),
      [CTF_COLUMNS.yearGroup]: field(pupil, 'NCyearActual'),
      [CTF_COLUMNS.senStatus]: textOf(nodeOf(nodeOf(pupil.SENhistory)?.SEN)?.SENprovision),
      [CTF_COLUMNS.senStartDate]: textOf(nodeOf(nodeOf(pupil.SENhistory)?.SEN)?.StartDate).slice(
        0,
        10,
      ),
      [CTF_COLUMNS.senNeedPrimary]: primaryNeed,
      [CTF_COLUMNS.senNeedSecondary]: secondaryNeed,
      [CTF_COLUMNS.fsm]: fsm.now,
      [CTF_COLUMNS.ever6]: fsm.ever6,
      [CTF_COLUMNS.cic]: inCareOf(pupil),
      [CTF_COLUMNS.firstLanguage]: firstLanguageOf(pupil),
    };
    return { row: index + 1, values };
  });
  const version = header ? textOf(header.CTFversion) : '';
  return {
    csv: { headers: Object.values(CTF_COLUMNS), rows },
    mapping: { ...CTF_COLUMNS },
    source,
    ...(version ? { version: version.slice(0, 20) } : {}),
  };
};

/** Whether a chosen file is a CTF rather than a student list: by its name, or an XML start. */
export const looksLikeCtf = (fileName: string, firstBytes: string): boolean =>
  /\.xml$/i.test(fileName) || /^\uFEFF?\s*<(\?xml|CTfile)/.test(firstBytes);
