import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { newId } from '../ids';
import { emptySchoolRecords, type SchoolRecords } from './common';
import { provisionMapCsv, recordsCsv, thisWeekCsv, toCsv } from './csv';
import { provisionMap } from './provision-map';
import { schoolRecordNames, type RecordWords } from './readable-record';
import { CALENDAR, school, weekSessions } from './testing';
import { thisWeekReport } from './this-week';

const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n');

describe('toCsv', () => {
  it('starts with a BOM and writes one line per row', () => {
    const text = toCsv([{ name: 'Zoë', minutes: 30 }]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines(text)).toEqual(['name,minutes', 'Zoë,30']);
  });

  it('escapes anything a spreadsheet would run as a formula', () => {
    const text = toCsv(
      ['=HYPERLINK("x")', '+44 7700 900123', '-1+1', '-2 points', '@SUM(A1)'].map((note) => ({
        note,
      })),
    );
    expect(lines(text).slice(1)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      `"'+44 7700 900123"`,
      `"'-1+1"`,
      `"'-2 points"`,
      `"'@SUM(A1)"`,
    ]);
  });

  it('leaves a negative number (a gap behind the rest) a number', () => {
    const text = toCsv([{ gap_points: '-25.0' }, { gap_points: '-8' }, { gap_points: -3.5 }]);
    expect(lines(text).slice(1)).toEqual(['-25.0', '-8', '-3.5']);
  });
});

describe('every CSV a person can read', () => {
  const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  /** Cells that are ids, JSON, or a stored code (snake_case) outside the trailing id columns. */
  const unreadable = (text: string, idColumns: number) => {
    const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const problems: string[] = [];
    for (const [index, name] of header!.slice(0, header!.length - idColumns).entries()) {
      if (/_|[a-z][A-Z]/.test(name)) problems.push(`header ${name}`);
      for (const row of rows) {
        const cell = row[index] ?? '';
        if (ID.test(cell) || /^[[{]/.test(cell) || /^[a-z]+_[a-z_]+$/.test(cell)) {
          problems.push(`${name}: ${cell}`);
        }
      }
    }
    return { header: header!, rows, problems };
  };

  const records = (): SchoolRecords => {
    const [childId, staffId, classId, planId, targetId, provisionId, groupId, reviewId] =
      Array.from({ length: 8 }, () => newId());
    const at = '2026-11-23T09:15:00.000Z';
    return {
      ...emptySchoolRecords(),
      staff: [
        { id: staffId!, name: 'Sam Patel', email: 's@x.school', role: 'senco', isActive: true },
      ],
      classes: [
        { id: classId!, name: 'Year 3 Ash', yearGroup: 3, teacherIds: [staffId!], taIds: [] },
      ],
      children: [
        {
          id: childId!,
          firstName: 'Amelia',
          lastName: 'Hughes',
          classId: classId!,
          yearGroup: 3,
          gender: 'female',
          senStatus: 'sen_support',
          areasOfNeed: ['communication_interaction'],
          senNeedTypes: ['SLCN'],
          groups: ['fsm_ever6'],
          dateOfBirth: '2018-04-01',
        },
      ],
      focusChildren: [
        {
          id: newId(),
          childId: childId!,
          classId: classId!,
          staffId: staffId!,
          reason: 'Quiet in class',
          until: '2026-12-18',
          isArchived: false,
        },
      ],
      learningPlans: [
        {
          id: planId!,
          childId: childId!,
          title: 'Autumn plan',
          areaOfNeed: 'communication_interaction',
          startDate: '2026-09-07',
          reviewDate: '2026-12-09',
          isArchived: false,
        },
      ],
      targets: [
        {
          id: targetId!,
          childId: childId!,
          planId: planId!,
          level: 'termly',
          text: 'Asks for help',
          startDate: '2026-09-07',
          isArchived: false,
        },
      ],
      passports: [
        {
          id: newId(),
          childId: childId!,
          strengths: 'Kind',
          needs: '',
          whatHelpsMe: '',
          pupilVoice: '',
          parentVoice: '',
        },
      ],
      provisions: [
        {
          id: provisionId!,
          name: 'Talk Boost',
          description: '',
          areaOfNeed: 'communication_interaction',
          wave: 2,
          format: 'one_to_one',
          sessionsPerWeek: 2,
          sessionMinutes: 20,
          staffHourlyCostPence: 1450,
          resourceCostPerPupilPence: 0,
          measure: { name: 'Words', unit: 'words', isHigherBetter: true, min: 0, max: 50 },
          isArchived: false,
        },
      ],
      interventions: [
        {
          id: groupId!,
          provisionId: provisionId!,
          name: 'Talk Boost Y3',
          childIds: [childId!],
          staffIds: [staffId!],
          schedule: [{ weekday: 'mon', time: '09:00' }],
          sessionMinutes: 20,
          startDate: '2026-09-07',
          endDate: '2026-12-18',
          isArchived: false,
        },
      ],
      ticks: [
        {
          id: newId(),
          targetId: targetId!,
          childId: childId!,
          outcome: 'not_yet',
          support: 'prompted',
          recordedBy: staffId!,
          recordedAt: at,
        },
      ],
      sessions: [
        {
          id: newId(),
          interventionId: groupId!,
          date: '2026-11-23',
          minutes: 20,
          attendance: [{ childId: childId!, isPresent: false, absenceReason: 'out_of_school' }],
          isUnscheduled: false,
          supersedesId: newId(),
          recordedAt: at,
        },
      ],
      scores: [
        {
          id: newId(),
          childId: childId!,
          interventionId: groupId!,
          phase: 'entry',
          value: 12,
          date: '2026-11-02',
          recordedAt: at,
        },
      ],
      reviews: [
        {
          id: reviewId!,
          childId: childId!,
          planId: planId!,
          date: '2026-11-20',
          targetOutcomes: [{ targetId: targetId!, outcome: 'carry_over' }],
          decisions: ['step_up', 'seek_outside_advice'],
          senStatusFrom: 'monitoring',
          senStatusTo: 'sen_support',
          recordedAt: at,
        },
      ],
      senRegister: [
        {
          id: newId(),
          childId: childId!,
          status: 'sen_support',
          from: 'monitoring',
          date: '2026-11-20',
          needTypes: ['SLCN'],
          source: 'review',
          reviewId: reviewId!,
          recordedBy: staffId!,
          recordedAt: at,
        },
      ],
    };
  };

  const words = (all: SchoolRecords): RecordWords => ({
    nameOf: schoolRecordNames(all, (d) => d.split('-').reverse().join('/')),
    date: (d) => d.split('-').reverse().join('/'),
    when: (iso) => `${iso.slice(0, 10).split('-').reverse().join('/')} ${iso.slice(11, 16)}`,
  });

  const lists = [
    'children',
    'classes',
    'staff',
    'focusChildren',
    'learningPlans',
    'targets',
    'passports',
    'provisions',
    'interventions',
    'ticks',
    'sessions',
    'scores',
    'reviews',
    'senRegister',
  ] as const;

  it.each(lists)('%s: names, dates and words, the id alone in the last column', (list) => {
    const all = records();
    const rows = all[list] as never[];
    const { header, rows: lines, problems } = unreadable(recordsCsv(rows, words(all)), 1);
    expect(problems).toEqual([]);
    expect(header.at(-1)).toBe('Id');
    expect(lines[0]!.at(-1)).toMatch(ID);
  });

  it('reads each kind of field the way the printed record does', () => {
    const all = records();
    const csv = (list: (typeof lists)[number]) =>
      Papa.parse<Record<string, string>>(recordsCsv(all[list] as never[], words(all)).slice(1), {
        header: true,
      }).data[0]!;
    expect(csv('children')).toMatchObject({
      Class: 'Year 3 Ash',
      'SEN status': 'SEN support',
      'Date of birth': '01/04/2018',
      'Need types (census)': 'Speech, language and communication needs',
      Groups: 'Ever 6 FSM',
    });
    expect(csv('reviews')).toMatchObject({
      'Targets reviewed': 'Asks for help: Carry over',
      Decisions: 'Step up support, Seek outside advice',
      Recorded: '23/11/2026 09:15',
    });
    expect(csv('sessions')).toMatchObject({
      Group: 'Talk Boost Y3',
      Attendance: 'Absent (out of school)',
      Corrects: 'An earlier entry, which this corrects',
    });
    expect(csv('provisions')).toMatchObject({
      'Staff cost an hour (£)': '14.50',
      Measure: 'Words (0 to 50 words)',
      Format: 'One to one',
      Wave: 'Wave 2',
    });
    expect(csv('senRegister')).toMatchObject({
      'SEN status': 'SEN support',
      'SEN status before': 'Monitoring',
      'How it changed': 'At a review',
      Review: 'Review of 20/11/2026',
      'Recorded by': 'Sam Patel',
    });
    expect(csv('interventions')).toMatchObject({
      Children: 'Amelia Hughes',
      Schedule: 'Monday 09:00',
    });
  });

  it('the reports: words in every column but a device id at the end', () => {
    const all = { ...school(), sessions: weekSessions() };
    const week = thisWeekReport({
      records: all,
      calendar: CALENDAR,
      weekOf: '2026-11-25',
      today: '2026-11-24',
      devices: [
        {
          deviceId: newId(),
          staffId: 'T1',
          staffName: 'Tess Teacher',
          lastSyncAt: '2026-11-02T10:00:00.000Z',
        } as never,
      ],
    });
    expect(unreadable(thisWeekCsv(week), 1).problems).toEqual([]);
    expect(unreadable(thisWeekCsv(week), 1).header.at(-1)).toBe('Device id');
    const map = provisionMap({
      records: all,
      calendar: CALENDAR,
      range: { start: '2026-09-01', end: '2026-12-18' },
    });
    const mapped = unreadable(provisionMapCsv(map), 0);
    expect(mapped.problems).toEqual([]);
    expect(mapped.rows.map((r) => r[4])).toContain('Cognition and learning');
  });
});
