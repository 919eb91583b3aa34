/**
 * The values real MIS exports hold, read as the census means them.
 * Sources followed: the census codes N/K/E and the SEN need types as the
 * ScholarPack support article "Recording SEN and SEN History" and the Devon
 * and Norfolk SEN census guidance list them; the UPN check letter by the
 * DfE's algorithm as the dfeqa and cin_validator projects implement it
 * (weights 2 to 13, modulo 23, an alphabet without I, O and S; a temporary
 * UPN ends in a letter).
 */
import { describe, expect, it } from 'vitest';
import {
  misIdKey,
  planChildImport,
  splitFullName,
  suggestMapping,
  upnCheckLetter,
  validateChildren,
  yearGroupFromBirth,
  yearGroupOfClass,
} from './roster-import';
import { parsedCsv } from './testing';

const parsed = parsedCsv;
const check = (text: string, options = {}) => {
  const csv = parsed(text);
  return validateChildren(csv, suggestMapping('children', csv.headers).mapping, options);
};

describe('coded values as MIS exports write them', () => {
  it('reads SEN provision in every wording, legacy codes included', () => {
    const values = [
      'K - SEN Support',
      'SEN Support (K)',
      'E - Education, Health and Care Plan',
      'Education, Health and Care Plan (E)',
      'N - No Special Educational Need',
      'A',
      'P',
      'S',
      'k',
      '',
    ];
    const result = check(
      [
        'UPN,Forename,Surname,Year,SEN Status',
        ...values.map((v, i) => `B8201234500${String(i).padStart(2, '0')},A,B,3,"${v}"`),
      ].join('\n'),
    );
    expect(result.unknownValues).toEqual([]);
    expect(result.rows.map((r) => r.senStatus)).toEqual([
      'sen_support',
      'sen_support',
      'ehcp',
      'ehcp',
      'none',
      'sen_support',
      'sen_support',
      'ehcp',
      'sen_support',
      'none',
    ]);
  });

  it('reads the SEN start date beside the status, and refuses one that cannot be', () => {
    const result = check(
      [
        'UPN,Forename,Surname,DOB,Year,SEN Status,SEN Start Date',
        'B820123450001,Ann,Bee,14/02/2018,3,K - SEN Support,09/09/2024',
        'B820123450002,Cal,Dee,14/02/2018,3,K - SEN Support,2030-01-01',
        'B820123450003,Eve,Fox,14/02/2018,3,K - SEN Support,01/01/2017',
        'B820123450004,Gus,Hay,14/02/2018,3,K - SEN Support,not known',
      ].join('\n'),
      { today: '2026-11-23' },
    );
    expect(suggestMapping('children', ['SEN Status', 'SEN Start Date']).mapping).toMatchObject({
      senStatus: 'SEN Status',
      senStartDate: 'SEN Start Date',
    });
    expect(result.rows.map((r) => [r.firstName, r.senStartDate])).toEqual([['Ann', '2024-09-09']]);
    // In the future, before the child was born, and not a date: each said on its row.
    // Rows as a spreadsheet numbers them, the header being row 1.
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'SEN Start Date'],
      [4, 'SEN Start Date'],
      [5, 'SEN Start Date'],
    ]);
  });

  it('reads Y/N/Yes/No/True/False/1/0 and nothing else as a flag', () => {
    const values = [
      'Y',
      'N',
      'Yes',
      'No',
      'TRUE',
      'false',
      '1',
      '0',
      'Maybe',
      'maybe',
      'constructor',
    ];
    const result = check(
      [
        'UPN,Forename,Surname,Year,FSM Eligible',
        ...values.map((v, i) => `B8201234500${String(i).padStart(2, '0')},A,B,3,${v}`),
      ].join('\n'),
    );
    expect(result.rows.map((r) => r.flags.fsm)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    // One line per distinct value, whatever its case; "constructor" is not Object's.
    expect(result.unknownValues.map((u) => [u.value, u.count])).toEqual([
      ['Maybe', 2],
      ['constructor', 1],
    ]);
    expect(result.errors).toEqual([]);
  });

  it('keeps census need types ranked, and gives their areas of need', () => {
    const result = check(
      [
        'UPN,Forename,Surname,Year,SEN Status,Primary Need,Secondary Need',
        'B820123450011,A,B,3,K,SpLD - Specific Learning Difficulty,"SLCN - Speech, language and communication needs"',
        'D820123450022,C,D,3,E,Autistic spectrum disorder,',
        'F820123450033,E,F,3,K,NSA,',
        'H820123450044,G,H,3,K,Dyslexia,',
      ].join('\n'),
    );
    expect(result.rows.map((r) => r.senNeedTypes)).toEqual([['SPLD', 'SLCN'], ['ASD'], ['NSA']]);
    expect(result.unknownValues).toEqual([
      { field: 'senNeedPrimary', column: 'Primary Need', value: 'Dyslexia', count: 1, rows: [5] },
    ]);
    const plan = planChildImport(result.rows, { children: [], classes: [] });
    expect(plan.changes.map((c) => c.fields.areasOfNeed)).toEqual([
      ['cognition_learning', 'communication_interaction'],
      ['communication_interaction'],
      [],
    ]);
  });

  it('takes a mapping the SENCo chose for an unknown value, and then reads the row', () => {
    const text =
      'UPN,Forename,Surname,Year,SEN Status\nB820123450011,A,B,3,SA+\nD820123450022,C,D,3,sa+\n';
    expect(check(text).unknownValues).toEqual([
      { field: 'senStatus', column: 'SEN Status', value: 'SA+', count: 2, rows: [2, 3] },
    ]);
    const mapped = check(text, { valueMapping: { senStatus: { 'sa+': 'sen_support' } } });
    expect(mapped.unknownValues).toEqual([]);
    expect(mapped.rows.map((r) => r.senStatus)).toEqual(['sen_support', 'sen_support']);
  });

  it('gives EAL from a census first-language code: ENG and ENB are English', () => {
    const result = check(
      [
        'UPN,Forename,Surname,Year,First Language',
        'B820123450011,A,B,3,ENG',
        'D820123450022,C,D,3,ENB',
        'F820123450033,E,F,3,POL',
        'H820123450044,G,H,3,NOT',
      ].join('\n'),
    );
    expect(result.rows.map((r) => r.flags.eal)).toEqual([false, false, true, undefined]);
  });
});

describe('names, years and ids', () => {
  it('checks the UPN check letter as a warning, and notes a temporary UPN', () => {
    expect(upnCheckLetter('B820123450011')).toBe('B');
    expect(upnCheckLetter('P82012345005A')).toBe('P');
    const result = check(
      [
        'UPN,Forename,Surname,Year',
        'B820123450011,A,B,3',
        'Z820123450066,C,D,3',
        'P82012345005A,E,F,3',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(3);
    expect(result.warnings).toEqual([
      {
        row: 3,
        column: 'UPN',
        message:
          'UPN Z820123450066 has the wrong check letter (it should start with M): check it in your MIS.',
      },
      {
        row: 4,
        column: 'UPN',
        message: 'UPN P82012345005A is a temporary UPN: replace it when the permanent one arrives.',
      },
    ]);
  });

  it('splits a single name column sensibly', () => {
    expect(splitFullName('Hughes, Amelia')).toEqual({ firstName: 'Amelia', lastName: 'Hughes' });
    expect(splitFullName('DE LA CRUZ Maria')).toEqual({
      firstName: 'Maria',
      lastName: 'DE LA CRUZ',
    });
    expect(splitFullName('Khan Yusuf', 'Surname Forename')).toEqual({
      firstName: 'Yusuf',
      lastName: 'Khan',
    });
    expect(splitFullName('Amelia Rose Hughes', 'Name')).toEqual({
      firstName: 'Amelia Rose',
      lastName: 'Hughes',
    });
    expect(splitFullName('Cher')).toBeUndefined();
  });

  it('finds the year group from the class, then the date of birth', () => {
    expect(yearGroupOfClass('10R')).toBe(10);
    expect(yearGroupOfClass('Year 3 Hazel')).toBe(3);
    expect(yearGroupOfClass('Rec Oak')).toBe(0);
    expect(yearGroupOfClass('R1')).toBe(0);
    expect(yearGroupOfClass('Rowan')).toBeUndefined();
    expect(yearGroupOfClass('99X')).toBeUndefined();
    expect(yearGroupFromBirth('2016-11-23', '2026-12-02')).toBe(5);
    expect(yearGroupFromBirth('2017-08-31', '2026-12-02')).toBe(5);
    expect(yearGroupFromBirth('2017-09-01', '2026-12-02')).toBe(4);
    const result = check('UPN,Forename,Surname,DOB,Class\nB820123450011,A,B,01/09/2017,Hazel\n', {
      today: '2026-12-02',
    });
    expect(result.rows[0]!.yearGroup).toBe(4);
  });

  it('refuses a date of birth in year 9999 or after today, and hidden characters in names', () => {
    const result = check(
      'UPN,Forename,Surname,DOB,Year\nB820123450011,A,B,01/01/9999,3\nD820123450022,C\u0000,D,01/01/2030,3\n',
      { today: '2026-12-02' },
    );
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => `${e.row} ${e.column}`)).toEqual([
      '2 DOB',
      '3 Forename',
      '3 DOB',
    ]);
  });

  it('matches an admission number Excel stripped of its zeros, and keeps the zeros', () => {
    expect(misIdKey('001204')).toBe(misIdKey('1204'));
    const held = [
      {
        id: 'c1',
        misId: '001204',
        firstName: 'Mo',
        lastName: 'Khan',
        yearGroup: 4,
        gender: 'not_stated',
        senStatus: 'none',
        areasOfNeed: [],
        groups: [],
      } as const,
    ];
    const result = check('Adno,Forename,Surname,Year\n1204,Mo,Khan,4\n');
    const plan = planChildImport(result.rows, {
      children: held.map((c) => ({ ...c, areasOfNeed: [], groups: [] })),
      classes: [],
    });
    expect(plan.summary).toMatchObject({ created: 0, unchanged: 1 });
  });
});
