/**
 * Joiners from a Common Transfer File, on a CTF written to the DfE
 * specification's element names (tests/fixtures/ctf), through the same
 * checks and plan as a student list.
 */
import { describe, expect, it } from 'vitest';
import { parseCommonTransferFile, looksLikeCtf, type CtfFile } from './ctf-import';
import { planChildImport, validateChildren } from './roster-import';

const TODAY = '2026-12-02';
import FIXTURE from '../../tests/fixtures/ctf/joiners-from-another-school.xml?raw';

const read = (xml: string): CtfFile => {
  const result = parseCommonTransferFile(xml, TODAY);
  if ('error' in result) throw new Error(result.error);
  return result;
};
const checked = (xml: string) => {
  const file = read(xml);
  return validateChildren(file.csv, file.mapping, { today: TODAY });
};
const pupil = (inner: string) =>
  `<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData><Pupil>${inner}</Pupil></CTFpupilData></CTfile>`;
const NAMES = '<UPN>U820200101001</UPN><Surname>Kowalska</Surname><Forename>Zoe</Forename>';

describe('a Common Transfer File for joiners', () => {
  it('names the school it came from', () => {
    const file = read(FIXTURE);
    expect(file.source).toEqual({
      schoolName: 'Brookside Primary School',
      urn: '100999',
      lea: '999',
      estab: '2001',
    });
    expect(file.version).toBe('25.0');
  });

  it('reads names, SEN, free school meals, care and language as the census means them', () => {
    const check = checked(FIXTURE);
    expect(check.errors).toEqual([]);
    expect(check.unknownValues).toEqual([]);
    const [zoe, callum, anya] = check.rows;
    expect(zoe).toMatchObject({
      upn: 'U820200101001',
      firstName: 'Zoë',
      lastName: 'Kowalska',
      preferredFirstName: 'Zozo',
      dateOfBirth: '2018-02-14',
      gender: 'female',
      yearGroup: 4,
      senStatus: 'sen_support',
      senStartDate: '2024-09-09',
      // Ranked by SENtypeRank, not by their order in the file.
      senNeedTypes: ['SPLD', 'SLCN'],
      // A spell with no end: eligible now and Ever 6; Polish first: EAL.
      flags: { fsm: true, fsm_ever6: true, cic: false, eal: true },
    });
    // A preferred surname the same as the legal one is not kept twice.
    expect(zoe).not.toHaveProperty('preferredLastName');
    expect(callum).toMatchObject({
      lastName: "O'Neill",
      gender: 'male',
      yearGroup: 0,
      senStatus: 'ehcp',
      senNeedTypes: ['ASD'],
      // A spell that ended in 2023: not now, but within six years.
      flags: { fsm: false, fsm_ever6: true, cic: true, eal: false },
    });
    expect(anya).toMatchObject({
      senStatus: 'none',
      senNeedTypes: [],
      // A spell that ended in 2019 is more than six years ago.
      flags: { fsm: false, fsm_ever6: false, cic: false },
    });
    expect(anya!.flags).not.toHaveProperty('eal');
  });

  it('warns of a wrong UPN check letter, as for a student list, without leaving the child out', () => {
    const check = checked(FIXTURE);
    expect(check.rows).toHaveLength(3);
    expect(check.warnings).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'UPN',
        message: expect.stringContaining('it should start with X'),
      }),
    ]);
  });

  it('plans new children, with the areas of need their need types give, and nothing on a second import', () => {
    const check = checked(FIXTURE);
    let n = 0;
    const plan = planChildImport(check.rows, { children: [], classes: [] }, () => `id-${++n}`);
    expect(plan.summary).toMatchObject({ created: 3, updated: 0 });
    const zoe = plan.changes.find((c) => c.fields.upn === 'U820200101001')!;
    expect(zoe.fields).toMatchObject({
      areasOfNeed: ['cognition_learning', 'communication_interaction'],
      groups: ['fsm', 'fsm_ever6', 'eal'],
    });
    const held = plan.changes
      .filter((c) => c.entity === 'child')
      .map((c) => ({ id: c.id, ...c.fields }) as never);
    const again = planChildImport(check.rows, { children: held, classes: [] });
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('asks the SENCo to map a provision code it does not know, once', () => {
    const check = checked(
      pupil(`${NAMES}<BasicDetails><NCyearActual>4</NCyearActual></BasicDetails>
        <SENhistory><SEN><SENprovision>Q</SENprovision></SEN></SENhistory>`),
    );
    expect(check.unknownValues).toEqual([
      expect.objectContaining({
        field: 'senStatus',
        column: 'SENprovision',
        value: 'Q',
        rows: [1],
      }),
    ]);
  });

  it('finds the year from the date of birth when NCyearActual is missing, and the namespace does not matter', () => {
    const check = checked(
      `<?xml version="1.0"?><ctf:CTfile xmlns:ctf="urn:example"><ctf:CTFpupilData><ctf:Pupil>
        <ctf:UPN>U820200101001</ctf:UPN><ctf:Surname>Kowalska</ctf:Surname>
        <ctf:Forename>Zoe</ctf:Forename><ctf:DOB>2018-02-14</ctf:DOB>
      </ctf:Pupil></ctf:CTFpupilData></ctf:CTfile>`,
    );
    expect(check.errors).toEqual([]);
    expect(check.rows[0]).toMatchObject({ yearGroup: 4, lastName: 'Kowalska' });
  });

  it('gives a row error, not a crash, for a pupil with no name or a date that is not one', () => {
    const check = checked(
      pupil('<UPN>U820200101001</UPN><Forename>Zoe</Forename><DOB>2018-02-31</DOB>'),
    );
    expect(check.rows).toEqual([]);
    expect(check.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['Surname', 'DOB']));
  });

  it('refuses what is not a CTF, with a sentence the SENCo can act on', () => {
    const refused = (xml: string) => {
      const result = parseCommonTransferFile(xml, TODAY);
      return 'error' in result ? result.error : undefined;
    };
    expect(refused('UPN,Surname\nU820200101001,Kowalska')).toMatch(
      /not a Common Transfer File|not XML/,
    );
    expect(refused('<Pupils><Pupil/></Pupils>')).toMatch(/first element should be CTfile/);
    expect(refused('<CTfile><Header/></CTfile>')).toBe(
      'This Common Transfer File holds no pupils.',
    );
    expect(refused('<CTfile><CTFpupilData><Pupil>')).toMatch(/not XML/);
    // An entity declaration is how a small XML file asks to grow without bound.
    expect(
      refused(
        '<?xml version="1.0"?><!DOCTYPE CTfile [<!ENTITY a "aaaaaaaaaa">]><CTfile><CTFpupilData><Pupil><Surname>&a;</Surname></Pupil></CTFpupilData></CTfile>',
      ),
    ).toMatch(/document type/);
  });

  it('tells a CTF from a student list by its name or its first characters', () => {
    expect(looksLikeCtf('Brookside_CTF_999_2001.XML', '')).toBe(true);
    expect(looksLikeCtf('pupils.dat', '\uFEFF<?xml version="1.0"?>')).toBe(true);
    expect(looksLikeCtf('students.csv', 'UPN,Surname')).toBe(false);
  });
});
