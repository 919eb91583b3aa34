import { describe, expect, it } from 'vitest';
import type { StoredRecord } from './records';
import {
  parseUkDate,
  parseYearGroup,
  planChildImport,
  planStaffImport,
  suggestMapping,
  validateChildren,
  validateStaff,
} from './roster-import';
import { parsedCsv } from './testing';

const parsed = parsedCsv;

const SIMS = [
  '\uFEFFUPN;Adno;Legal Surname;Legal Forename;DOB;Gender;Year;Reg Group;SEN Provision;FSM Eligible;EAL',
  'A123456789012;1001;"O\'Brien; Jr";Amelia;23/11/2016;F;Year 3;3H;K;Yes;No',
  '',
  'B123456789013;1002;Khan;Yusuf;01/02/2017;M;3;3H;N;No;Yes',
  '   ',
  'C123456789014;1003;Davies;"Rhys, Owen";29/02/2016;M;Y4;4R;E;;',
].join('\r\n');

let counter = 0;
const ids = () => `id-${++counter}`;

const childrenOf = (plan: ReturnType<typeof planChildImport>): StoredRecord<'child'>[] =>
  plan.changes
    .filter((c) => c.entity === 'child')
    .map(
      (c) =>
        ({
          id: c.id,
          senStatus: 'none',
          gender: 'not_stated',
          areasOfNeed: [],
          groups: [],
          ...c.fields,
        }) as unknown as StoredRecord<'child'>,
    );
const classesOf = (plan: ReturnType<typeof planChildImport>): StoredRecord<'class'>[] =>
  plan.changes
    .filter((c) => c.entity === 'class')
    .map((c) => ({ id: c.id, ...c.fields }) as StoredRecord<'class'>);

describe('reading an MIS export', () => {
  it('handles a BOM, semicolons, quoted separators and blank lines, numbering rows as a spreadsheet does', () => {
    const csv = parsed(SIMS);
    expect(csv.headers[0]).toBe('UPN');
    expect(csv.rows.map((r) => r.row)).toEqual([2, 4, 6]);
    expect(csv.rows[0]!.values['Legal Surname']).toBe("O'Brien; Jr");
    expect(csv.rows[2]!.values['Legal Forename']).toBe('Rhys, Owen');
  });

  it('suggests the mapping of a SIMS, an Arbor and a Bromcom export, and keeps a remembered one', () => {
    const sims = suggestMapping('children', parsed(SIMS).headers);
    expect(sims.system).toBe('SIMS');
    expect(sims.mapping).toMatchObject({
      upn: 'UPN',
      misId: 'Adno',
      firstName: 'Legal Forename',
      lastName: 'Legal Surname',
      yearGroup: 'Year',
      className: 'Reg Group',
      senStatus: 'SEN Provision',
      fsm: 'FSM Eligible',
    });
    const arbor = suggestMapping('children', [
      'Arbor Student ID',
      'First Name',
      'Last Name',
      'Date of Birth',
      'Year',
      'Registration Form',
      'UPN',
    ]);
    expect(arbor).toMatchObject({
      system: 'Arbor',
      mapping: { misId: 'Arbor Student ID', className: 'Registration Form' },
    });
    const bromcom = suggestMapping('children', [
      'Student ID',
      'Preferred Forename',
      'Surname',
      'NC Year',
      'Tutor Group',
      'UPN',
    ]);
    expect(bromcom).toMatchObject({
      system: 'Bromcom',
      mapping: { yearGroup: 'NC Year', className: 'Tutor Group', firstName: 'Preferred Forename' },
    });
    const remembered = suggestMapping('children', ['UPN', 'Known As', 'Surname', 'Year'], {
      firstName: 'Known As',
    });
    expect(remembered.mapping.firstName).toBe('Known As');
  });

  it('reads UK dates and year groups', () => {
    expect(parseUkDate('23/11/2016')).toBe('2016-11-23');
    expect(parseUkDate('3/1/2017')).toBe('2017-01-03');
    expect(parseUkDate('2016-11-23')).toBe('2016-11-23');
    expect(parseUkDate('29/02/2016')).toBe('2016-02-29');
    expect(parseUkDate('29/02/2017')).toBeUndefined();
    expect(parseUkDate('11/23/2016')).toBeUndefined();
    expect(parseYearGroup('Year 3')).toBe(3);
    expect(parseYearGroup('Y4')).toBe(4);
    expect(parseYearGroup('R')).toBe(0);
    expect(parseYearGroup('N')).toBe(-1);
    expect(parseYearGroup('Year 15')).toBeUndefined();
  });
});

describe('validating and planning a children import', () => {
  it('plans children and their classes; importing the same file again changes nothing', () => {
    const csv = parsed(SIMS);
    const { mapping } = suggestMapping('children', csv.headers);
    const { rows, errors } = validateChildren(csv, mapping);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      upn: 'A123456789012',
      dateOfBirth: '2016-11-23',
      gender: 'female',
      yearGroup: 3,
      senStatus: 'sen_support',
      flags: { fsm: true, eal: false },
    });
    const first = planChildImport(rows, { children: [], classes: [] }, ids);
    expect(first.summary).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      classesCreated: 2,
      classesUpdated: 0,
    });
    const again = planChildImport(
      rows,
      { children: childrenOf(first), classes: classesOf(first) },
      ids,
    );
    expect(again.changes).toEqual([]);
    expect(again.summary.unchanged).toBe(3);
  });

  it('changes only what changed, matching on UPN, and keeps the school’s own flags', () => {
    const csv = parsed(SIMS);
    const { mapping } = suggestMapping('children', csv.headers);
    const first = planChildImport(
      validateChildren(csv, mapping).rows,
      { children: [], classes: [] },
      ids,
    );
    const children = childrenOf(first).map((c) =>
      c.upn === 'B123456789013' ? { ...c, groups: ['Young carer', 'eal'] } : c,
    );
    const edited = parsed(
      SIMS.replace(
        'Khan;Yusuf;01/02/2017;M;3;3H;N;No;Yes',
        'Khan;Yusuf;01/02/2017;M;3;3H;K;Yes;Yes',
      ),
    );
    const plan = planChildImport(
      validateChildren(edited, mapping).rows,
      { children, classes: classesOf(first) },
      ids,
    );
    const yusuf = children.find((c) => c.upn === 'B123456789013')!;
    expect(plan.changes).toEqual([
      {
        entity: 'child',
        id: yusuf.id,
        fields: { senStatus: 'sen_support', groups: ['Young carer', 'eal', 'fsm'] },
      },
    ]);
  });

  it('reads every wording of a gender not stated, our own export word included', () => {
    const csv = parsed(
      [
        'UPN,Surname,Forename,DOB,Gender,Year',
        'A123456789012,One,Ann,23/11/2016,not_stated,3',
        'B123456789013,Two,Ben,23/11/2016,Not Known,3',
        'C123456789014,Three,Cat,23/11/2016,U,3',
        'D123456789015,Four,Dan,23/11/2016,Prefer not to say,3',
      ].join('\n'),
    );
    const { mapping } = suggestMapping('children', csv.headers);
    const { rows, errors } = validateChildren(csv, mapping);
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.gender)).toEqual([
      'not_stated',
      'not_stated',
      'not_stated',
      'not_stated',
    ]);
  });

  it('matches on MIS id when there is no UPN', () => {
    const csv = parsed('Adno,Forename,Surname,Year\n77,Ava,Hall,2\n');
    const { mapping } = suggestMapping('children', csv.headers);
    const first = planChildImport(
      validateChildren(csv, mapping).rows,
      { children: [], classes: [] },
      ids,
    );
    expect(
      planChildImport(
        validateChildren(csv, mapping).rows,
        { children: childrenOf(first), classes: [] },
        ids,
      ).changes,
    ).toEqual([]);
  });

  it('lists every error by row and column, duplicate UPNs included; unknown values once each', () => {
    const csv = parsed(
      [
        'UPN,Forename,Surname,DOB,Year,Gender',
        'A123456789012,Amelia,Hughes,23/11/2016,3,F',
        'A123456789012,Ava,Hall,31/11/2016,3,F',
        ',Noah,,01/01/2016,Year 9x,Q',
        'not-a-upn,Leo,Ward,2016-01-01,R,M',
        'B123456789013,Ivy,Cole,01/01/2016,3,Q',
      ].join('\n'),
    );
    const { mapping } = suggestMapping('children', csv.headers);
    const checked = validateChildren(csv, mapping);
    expect(checked.rows.map((r) => r.row)).toEqual([2]);
    expect(checked.rowsWithProblems).toEqual([3, 4, 5, 6]);
    expect(checked.errors).toEqual([
      { row: 3, column: 'UPN', message: 'UPN A123456789012 is also on row 2.' },
      { row: 3, column: 'DOB', message: '“31/11/2016” is not a date (use 23/11/2016).' },
      { row: 4, column: 'UPN', message: 'Each child needs a UPN or an MIS id.' },
      { row: 4, column: 'Surname', message: 'The last name is empty.' },
      {
        row: 5,
        column: 'UPN',
        message: '“NOT-A-UPN” is not a UPN (a letter, 11 digits and a check character).',
      },
    ]);
    expect(checked.unknownValues).toEqual([
      { field: 'gender', column: 'Gender', value: 'Q', count: 2, rows: [4, 6] },
      { field: 'yearGroup', column: 'Year', value: 'Year 9x', count: 1, rows: [4] },
    ]);
  });

  it('asks for the columns it needs before reading rows', () => {
    const csv = parsed('Notes,Class\nAmelia,3H\n');
    const { errors } = validateChildren(csv, suggestMapping('children', csv.headers).mapping);
    expect(errors.map((e) => e.column)).toEqual(['UPN', 'First name', 'Last name']);
    const noYear = parsed('UPN,Forename,Surname\nB820123450011,Ava,Hall\n');
    expect(
      validateChildren(noYear, suggestMapping('children', noYear.headers).mapping).errors.map(
        (e) => e.column,
      ),
    ).toEqual(['Year group']);
  });

  it('imports 600 rows, and one bad row among them is found and kept out of the rows', () => {
    const header = 'UPN,Adno,Forename,Surname,DOB,Year,Reg Group';
    const lines = Array.from({ length: 600 }, (_, i) => {
      const year = 1 + (i % 6);
      return `A${String(10_000_000_000 + i)}${i % 10},${5000 + i},Child${i},"Family, ${i}",${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/${2020 - year},${year},${year}${'ABC'[i % 3]}`;
    });
    const csv = parsed([header, ...lines].join('\n'));
    expect(csv.rows).toHaveLength(600);
    const { mapping } = suggestMapping('children', csv.headers);
    const good = validateChildren(csv, mapping);
    expect(good.errors).toEqual([]);
    const plan = planChildImport(good.rows, { children: [], classes: [] }, ids);
    expect(plan.summary).toMatchObject({ created: 600, classesCreated: 6 });
    const broken = parsed(
      [header, ...lines.slice(0, 400), lines[3], ...lines.slice(400)].join('\n'),
    );
    const bad = validateChildren(broken, mapping);
    expect(bad.rows).toHaveLength(600);
    expect(bad.rowsWithProblems).toEqual([402]);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatchObject({ row: 402, column: 'UPN' });
  });
});

describe('validating and planning a staff import', () => {
  const classes: StoredRecord<'class'>[] = [
    { id: 'c3', name: 'Year 3 Hazel', yearGroup: 3, teacherIds: [], taIds: [] },
    { id: 'c4', name: 'Year 4 Rowan', yearGroup: 4, teacherIds: [], taIds: [] },
  ];
  const file = [
    'First Name,Surname,Email,Role,Classes',
    'Jo,Hughes,Jo.Hughes@school.example,Class teacher,Year 3 Hazel',
    'Alex,Morgan,alex@school.example,HLTA,"Year 3 Hazel; Year 4 Rowan"',
    'Sam,Patel,sam@school.example,SENCo,',
  ].join('\n');

  it('reads a headteacher by the words MIS staff lists use', () => {
    const csv = parsed(
      [
        'Name,Email,Role',
        'Helen Marsh,helen@school.example,Head Teacher',
        'Ravi Shah,ravi@school.example,Headteacher',
        'Ann Lee,ann@school.example,Executive Headteacher',
      ].join('\n'),
    );
    const { mapping } = suggestMapping('staff', csv.headers);
    const { rows, errors } = validateStaff(csv, mapping, classes);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.role)).toEqual(['headteacher', 'headteacher', 'headteacher']);
  });

  it('plans staff with roles, and classes with their teachers and TAs; again changes nothing', () => {
    const csv = parsed(file);
    const { mapping } = suggestMapping('staff', csv.headers);
    const { rows, errors } = validateStaff(csv, mapping, classes);
    expect(errors).toEqual([]);
    const plan = planStaffImport(rows, { staff: [], classes }, ids);
    expect(plan.summary).toMatchObject({ created: 3, classesUpdated: 2 });
    const staff = plan.changes
      .filter((c) => c.entity === 'staff')
      .map((c) => ({ id: c.id, ...c.fields }) as StoredRecord<'staff'>);
    const jo = staff.find((s) => s.email === 'jo.hughes@school.example')!;
    const alex = staff.find((s) => s.role === 'ta')!;
    const updated = classes.map((c) => {
      const change = plan.changes.find((p) => p.entity === 'class' && p.id === c.id);
      return { ...c, ...(change?.fields ?? {}) } as StoredRecord<'class'>;
    });
    expect(updated[0]).toMatchObject({ teacherIds: [jo.id], taIds: [alex.id] });
    expect(updated[1]).toMatchObject({ teacherIds: [], taIds: [alex.id] });
    expect(planStaffImport(rows, { staff, classes: updated }, ids).changes).toEqual([]);
  });

  it('refuses unknown roles, bad emails, duplicates and unknown classes by row and column', () => {
    const csv = parsed(
      file + '\nKim,Lee,not-an-email,Caretaker,Year 6 Oak\nJo,H,jo.hughes@school.example,Teacher,',
    );
    const { mapping } = suggestMapping('staff', csv.headers);
    const { rows, errors } = validateStaff(csv, mapping, classes);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 5, column: 'Email', message: '“not-an-email” is not an email address.' },
      { row: 5, column: 'Role', message: '“Caretaker” is not a role (SENCo, Teacher or TA).' },
      {
        row: 5,
        column: 'Classes',
        message: 'There is no class called “Year 6 Oak”: import the children first.',
      },
      { row: 6, column: 'Email', message: 'jo.hughes@school.example is also on row 2.' },
    ]);
  });
});
