/**
 * `import-roster` on the server (server/store/roster-file.ts): a new
 * school's MIS export goes in through the same checks as the SENCo's
 * screen, on every engine; a file with any error writes nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childSchema, classSchema } from '../../src/domain';
import type { Db } from '../../server/db/connection';
import { createSchool } from '../../server/store/new-school';
import { importRosterFile } from '../../server/store/roster-file';
import { listRecords } from '../../server/store/sync-store';
import { testEngines } from './support';
import { secondaryRosterCsv } from '../fixtures/secondary-roster';

const NOW = Date.parse('2026-12-02T09:00:00.000Z');

/** Text as SIMS writes it on Windows: Windows-1252, CRLF line ends. */
const windows1252 = (text: string): Uint8Array => {
  const bytes: number[] = [];
  for (const char of text.replaceAll('\n', '\r\n')) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0xa0 && code <= 0xff) bytes.push(code);
    else throw new Error(`not in this test's Windows-1252 subset: ${char}`);
  }
  return new Uint8Array(bytes);
};

// A SIMS "student list" report: admission number, UPN, legal names, reg group.
const SIMS_LIST = `Adno,UPN,Legal Surname,Legal Forename,Gender,DOB,Year,Reg Group,SEN Provision,FSM Eligible
001234,A123456789012,Brontë,Zoë,F,14/03/2018,Year 3,3H,K,Yes
001235,B123456789013,O'Neill,Seán,M,02/09/2017,Year 3,3H,N,No
001236,C123456789014,Nowak,Zofia,F,21/11/2017,Year 3,3W,E,No
`;

describe.each(testEngines())('import-roster on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let schoolId: string;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    ({ schoolId } = await db.transaction().execute((trx) =>
      createSchool(
        trx,
        {
          name: 'Riverside Primary School',
          sencoEmail: 'senco@riverside.sch.uk',
          sencoName: 'Priya Shah',
        },
        NOW,
      ),
    ));
  });
  afterAll(async () => {
    await close?.();
  });

  const run = (bytes: Uint8Array, isDryRun = false) =>
    db
      .transaction()
      .execute((trx) => importRosterFile(trx, { schoolId, bytes, isDryRun, nowMs: NOW }));
  const children = async () =>
    (await listRecords(db, schoolId, 'child')).map((r) => childSchema.parse(r.data));

  it('plans a dry run without writing anything', async () => {
    const result = await run(windows1252(SIMS_LIST), true);
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, leavers: 0, errors: [] });
    expect(result.isWritten).toBe(false);
    expect(result.warnings).toContain('Read as Windows-1252.');
    expect(await children()).toEqual([]);
  });

  it('imports a SIMS list saved as Windows-1252, with every accent as it was', async () => {
    const result = await run(windows1252(SIMS_LIST));
    expect(result).toMatchObject({ created: 3, leavers: 0, errors: [], isWritten: true });
    const held = await children();
    expect(held.map((c) => `${c.firstName} ${c.lastName}`).sort()).toEqual([
      "Seán O'Neill",
      'Zofia Nowak',
      'Zoë Brontë',
    ]);
    const zoe = held.find((c) => c.firstName === 'Zoë')!;
    expect(zoe).toMatchObject({
      misId: '001234',
      upn: 'A123456789012',
      yearGroup: 3,
      senStatus: 'sen_support',
      groups: ['fsm'],
    });
    const classes = (await listRecords(db, schoolId, 'class')).map(
      (r) => classSchema.parse(r.data).name,
    );
    expect(classes.sort()).toEqual(['3H', '3W']);
  });

  it('changes nothing on the same file again, and offers a child missing from the next file as a leaver', async () => {
    const again = await run(windows1252(SIMS_LIST));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, leavers: 0 });
    const withoutZofia = SIMS_LIST.split('\n')
      .filter((line) => !line.includes('Zofia'))
      .join('\n');
    const next = await run(windows1252(withoutZofia));
    expect(next).toMatchObject({ created: 0, unchanged: 2, leavers: 1, errors: [] });
    expect(next.warnings.join(' ')).toMatch(/Zofia Nowak/);
    // Kept, not removed.
    expect((await children()).map((c) => c.firstName)).toContain('Zofia');
  });

  it('refuses a file with any error or unknown value whole, saying where, and writes nothing', async () => {
    const before = (await listRecords(db, schoolId, 'child')).length;
    const bad = `${SIMS_LIST}001237,D123456789015,Khan,Amir,M,31/02/2018,Year 3,3H,N,No\n001238,E123456789016,Lee,Ava,F,01/01/2018,Year 99,3H,N,No\n`;
    const result = await run(new TextEncoder().encode(bad));
    expect(result.isWritten).toBe(false);
    expect(result.errors).toEqual([
      'Year: “Year 99” (1 row) is not a value the importer knows. Map it to one it knows, or leave those rows out.',
      expect.stringMatching(/^Row 5, DOB: “31\/02\/2018” is not a date/),
    ]);
    expect((await listRecords(db, schoolId, 'child')).length).toBe(before);
  });

  it('says plainly when the school does not exist or the file is empty', async () => {
    const result = await db.transaction().execute((trx) =>
      importRosterFile(trx, {
        schoolId: '00000000-0000-4000-8000-000000000000',
        bytes: windows1252(SIMS_LIST),
        isDryRun: false,
        nowMs: NOW,
      }),
    );
    expect(result.errors).toEqual([expect.stringMatching(/no school with the id/)]);
    expect((await run(new Uint8Array())).errors).toEqual(['The file is empty.']);
  });
});

// ---------------------------------------------------------------- real MIS exports
//
// The fixtures in tests/fixtures/rosters/ follow what the vendors and the DfE
// document: census SEN provision N/K/E and need types as the ScholarPack
// support article and the Devon and Norfolk census guidance list them, coded
// "K - SEN Support" (SIMS) and "SEN Support (K)" (Arbor); SIMS's "Legal" and
// "Preferred" names, "Adno", "Year Taught In" and "Reg Group"; Arbor's
// "Registration Form"; Bromcom's "NC Year", "Tutor Group" and "CLA"; the DfE's
// own pupil-file names (SENprovision, FSMeligible, EVERFSM_6) with no year
// column; UPN check letters by the DfE algorithm. The column names are built
// from those sources, not copied from a vendor's sample file.

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/rosters/${name}`, import.meta.url)));

describe.each(testEngines())('real MIS exports on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let count = 0;
  let runs = 0;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
  });
  afterAll(async () => {
    await close?.();
  });

  /** A new school per test, so each export is judged on its own. */
  const newSchool = async () =>
    (
      await db.transaction().execute((trx) =>
        createSchool(
          trx,
          {
            name: `School ${++count}`,
            sencoEmail: `senco${count}@school.example`,
            sencoName: 'Priya Shah',
          },
          NOW,
        ),
      )
    ).schoolId;
  const importInto = (
    schoolId: string,
    bytes: Uint8Array,
    extra: Partial<Parameters<typeof importRosterFile>[1]> = {},
  ) =>
    db.transaction().execute((trx) =>
      importRosterFile(trx, {
        schoolId,
        bytes,
        isDryRun: false,
        // A second apart, as real runs are: the school record is merged by clock.
        nowMs: NOW + 1_000 * ++runs,
        ...extra,
      }),
    );
  const childrenOf = async (schoolId: string) =>
    (await listRecords(db, schoolId, 'child')).map((r) => childSchema.parse(r.data));

  it('imports a SIMS student list in Windows-1252: coded SEN, need types, Ever 6, preferred names, UPN notes', async () => {
    const schoolId = await newSchool();
    // The school already holds Mohammed under the admission number SIMS gave him.
    await importInto(
      schoolId,
      new TextEncoder().encode('Adno,Forename,Surname,Year\n001204,Mohammed,Khan,4\n'),
    );
    const result = await importInto(schoolId, fixture('sims-student-list.csv'));
    expect(result).toMatchObject({
      created: 4,
      updated: 1,
      leavers: 0,
      errors: [],
      isWritten: true,
    });
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        'Read as Windows-1252.',
        'This looks like a SIMS export.',
        'Row 4, UPN: UPN P82012345005A is a temporary UPN: replace it when the permanent one arrives.',
        'Row 5, UPN: UPN Z820123450066 has the wrong check letter (it should start with M): check it in your MIS.',
      ]),
    );
    const held = await childrenOf(schoolId);
    expect(held).toHaveLength(5);
    const by = (name: string) => held.find((c) => c.firstName === name)!;
    expect(by('Zoë')).toMatchObject({
      lastName: 'Brontë',
      preferredFirstName: 'Zoe',
      upn: 'B820123450011',
      yearGroup: 4,
      senStatus: 'sen_support',
      senNeedTypes: ['SPLD', 'SLCN'],
      areasOfNeed: ['cognition_learning', 'communication_interaction'],
      groups: ['fsm', 'fsm_ever6'],
    });
    expect(by('Seán')).toMatchObject({ senStatus: 'none', groups: ['fsm_ever6'] });
    expect(by('Seán').preferredFirstName).toBeUndefined();
    expect(by('Zofia')).toMatchObject({
      upn: 'P82012345005A',
      senStatus: 'ehcp',
      senNeedTypes: ['ASD'],
      groups: ['cic', 'eal'],
    });
    // Matched on the zero-stripped admission number, which keeps its zeros.
    expect(by('Mohammed')).toMatchObject({
      misId: '001204',
      preferredFirstName: 'Mo',
      upn: 'Z820123450066',
      senNeedTypes: ['SEMH'],
      areasOfNeed: ['semh'],
      groups: ['fsm_ever6', 'eal'],
    });
    expect(by('Siobhán')).toMatchObject({
      lastName: 'Ó Súilleabháin',
      preferredLastName: 'Sullivan',
    });
    // The same file again changes nothing.
    const again = await importInto(schoolId, fixture('sims-student-list.csv'));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('imports an Arbor export (UTF-8 with a BOM) and a Bromcom export', async () => {
    const arborSchool = await newSchool();
    const arbor = await importInto(arborSchool, fixture('arbor-students.csv'));
    expect(arbor).toMatchObject({ created: 3, errors: [], isWritten: true });
    expect(arbor.warnings).toContain('This looks like an Arbor export.');
    const arborHeld = await childrenOf(arborSchool);
    expect(arborHeld.find((c) => c.lastName === 'Hughes')).toMatchObject({
      firstName: 'Amelia',
      preferredFirstName: 'Millie',
      senStatus: 'sen_support',
      senNeedTypes: ['MLD'],
      groups: ['fsm', 'fsm_ever6', 'pupil_premium'],
    });
    expect(arborHeld.find((c) => c.lastName === 'Dubois')).toMatchObject({
      firstName: 'Chloé',
      yearGroup: 1,
      senStatus: 'ehcp',
      senNeedTypes: ['HI'],
      areasOfNeed: ['sensory_physical'],
      groups: ['fsm_ever6', 'pupil_premium', 'eal', 'cic'],
    });
    const bromcomSchool = await newSchool();
    const bromcom = await importInto(bromcomSchool, fixture('bromcom-students.csv'));
    expect(bromcom).toMatchObject({ created: 3, errors: [], isWritten: true });
    const bromcomHeld = await childrenOf(bromcomSchool);
    expect(bromcomHeld.find((c) => c.lastName === 'Kowalski')).toMatchObject({
      preferredFirstName: 'Kuba',
      yearGroup: 9,
      senNeedTypes: ['MLD'],
      groups: ['fsm', 'fsm_ever6', 'eal'],
    });
    expect(bromcomHeld.find((c) => c.lastName === 'Patel')).toMatchObject({
      senStatus: 'ehcp',
      groups: ['fsm_ever6', 'cic'],
    });
  });

  it('imports a DfE-style file with no year column, the year from the date of birth', async () => {
    const schoolId = await newSchool();
    const result = await importInto(schoolId, fixture('dfe-no-year.csv'));
    expect(result).toMatchObject({ created: 3, errors: [], isWritten: true });
    const held = await childrenOf(schoolId);
    expect(held.map((c) => [c.firstName, c.yearGroup, c.senStatus, c.groups]).sort()).toEqual([
      ['Isla', 3, 'none', ['fsm_ever6']],
      ['Leo', 6, 'none', []],
      ['Olivia', 6, 'sen_support', ['fsm', 'fsm_ever6']],
    ]);
  });

  it('imports a DfE census download: its run-together field names, codes and NCyearActual', async () => {
    // Field names as the DfE's pupil-level census download gives them
    // (UPN, Surname, Forename, PreferredSurname, Sex, DOB, FSMeligible,
    // EVERFSM_6, Language, NCyearActual, SENProvision, PrimarySENeedsType,
    // SecondarySENType), with ISO dates and 1/0 flags.
    const schoolId = await newSchool();
    const result = await importInto(schoolId, fixture('dfe-census-download.csv'));
    expect(result).toMatchObject({ created: 3, errors: [], isWritten: true });
    const held = await childrenOf(schoolId);
    expect(held.find((c) => c.firstName === 'Olivia')).toMatchObject({
      preferredLastName: 'Green-Hart',
      gender: 'female',
      yearGroup: 5,
      senStatus: 'sen_support',
      senNeedTypes: ['SLCN', 'SEMH'],
      groups: ['fsm', 'fsm_ever6'],
    });
    expect(held.find((c) => c.firstName === 'Leo')).toMatchObject({
      yearGroup: 5,
      senStatus: 'ehcp',
      senNeedTypes: ['ASD'],
      groups: ['eal'],
    });
    expect(held.find((c) => c.firstName === 'Isla')).toMatchObject({
      yearGroup: 2,
      senStatus: 'none',
      groups: ['fsm_ever6'],
    });
  });

  it('imports a marksheet with one name column, the year from the reg group', async () => {
    const schoolId = await newSchool();
    const result = await importInto(schoolId, fixture('marksheet-single-name.csv'));
    expect(result).toMatchObject({ created: 3, errors: [], isWritten: true });
    const held = await childrenOf(schoolId);
    expect(held.map((c) => [c.firstName, c.lastName, c.yearGroup, c.misId]).sort()).toEqual([
      ['Amelia', 'Hughes', 10, '003001'],
      ['Maria', 'DE LA CRUZ', 11, '003003'],
      ['Yusuf', 'Ahmed', 10, '003002'],
    ]);
  });

  it('offers leavers from the next file and keeps them, even when a row of the file is left out', async () => {
    const schoolId = await newSchool();
    await importInto(schoolId, fixture('sims-student-list.csv'));
    const lines = new TextDecoder('windows-1252')
      .decode(fixture('sims-student-list.csv'))
      .split('\r\n');
    // Zofia and Siobhán have left; Seán's row holds a value the importer does not know.
    const next = lines
      .filter((line) => !line.includes('Zofia') && !line.includes('Siobh'))
      .map((line) =>
        line.includes('Seán') ? line.replace('N - No Special Educational Need', 'SA+') : line,
      )
      .join('\n');
    const refusedResult = await importInto(schoolId, new TextEncoder().encode(next));
    expect(refusedResult.isWritten).toBe(false);
    expect(refusedResult.errors).toEqual([
      'SEN Status: “SA+” (1 row) is not a value the importer knows. Map it to one it knows, or leave those rows out.',
    ]);
    const agreed = await importInto(schoolId, new TextEncoder().encode(next), {
      leaveOutRowsWithProblems: true,
    });
    // Seán's row is left out, not taken for a leaver.
    expect(agreed).toMatchObject({ leavers: 2, leftOut: [3], errors: [], isWritten: false });
    expect(agreed.warnings.join(' ')).toMatch(/Zofia Nowak, Siobhán Ó Súilleabháin/);
    expect(await childrenOf(schoolId)).toHaveLength(5);
    // Mapped (and remembered on the school), the value reads next time.
    const mapped = await importInto(schoolId, new TextEncoder().encode(next), {
      valueMapping: { senStatus: { 'sa+': 'sen_support' } },
    });
    expect(mapped).toMatchObject({ updated: 1, leavers: 2, errors: [], isWritten: true });
    const rememberedRun = await importInto(schoolId, new TextEncoder().encode(next), {
      isDryRun: true,
    });
    expect(rememberedRun).toMatchObject({ unchanged: 3, errors: [] });
  });

  it('imports joiners from a Common Transfer File, and takes nobody the school holds for a leaver', async () => {
    const schoolId = await newSchool();
    await importInto(schoolId, windows1252(SIMS_LIST));
    const ctf = readFileSync(
      new URL('../fixtures/ctf/joiners-from-another-school.xml', import.meta.url),
    );
    const result = await importInto(schoolId, new Uint8Array(ctf));
    expect(result).toMatchObject({
      created: 3,
      updated: 0,
      leavers: 0,
      errors: [],
      isWritten: true,
    });
    expect(result.warnings.join(' ')).toContain(
      'A Common Transfer File from Brookside Primary School (URN 100999)',
    );
    // The third pupil's UPN check letter is wrong: said, not refused.
    expect(result.warnings.join(' ')).toContain('UPN A820200101003 has the wrong check letter');
    const held = await childrenOf(schoolId);
    expect(held).toHaveLength(6);
    expect(held.find((c) => c.upn === 'U820200101001')).toMatchObject({
      firstName: 'Zoë',
      preferredFirstName: 'Zozo',
      yearGroup: 4,
      senStatus: 'sen_support',
      senNeedTypes: ['SPLD', 'SLCN'],
      groups: ['fsm', 'fsm_ever6', 'eal'],
    });
    expect(held.find((c) => c.upn === 'H820200101002')).toMatchObject({
      senStatus: 'ehcp',
      groups: ['fsm_ever6', 'cic'],
    });
    // The same file again changes nothing.
    const again = await importInto(schoolId, new Uint8Array(ctf), { isDryRun: true });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, leavers: 0 });
  });

  it('imports a secondary school of 2,000 rows in under 5 s', async () => {
    const schoolId = await newSchool();
    const bytes = new TextEncoder().encode(secondaryRosterCsv(2000));
    const started = performance.now();
    const result = await importInto(schoolId, bytes);
    const elapsed = performance.now() - started;
    console.log(`${engine.name}: 2,000-row roster imported in ${Math.round(elapsed)} ms`);
    expect(result).toMatchObject({ created: 2000, errors: [], isWritten: true });
    expect(elapsed).toBeLessThan(5_000);
    expect(await childrenOf(schoolId)).toHaveLength(2000);
  });
});
