import { describe, expect, it } from 'vitest';
import {
  readableHistory,
  readableRecord,
  type ExportedRecord,
  type RecordWords,
} from './readable-record';

const CHILD = 'c0000000-0000-4000-8000-000000000001';
const PLAN = 'p0000000-0000-4000-8000-000000000001';
const TARGET = 't0000000-0000-4000-8000-000000000001';
const CLASS = 'k0000000-0000-4000-8000-000000000001';
const SENCO = 's0000000-0000-4000-8000-000000000001';
const GONE = 'g0000000-0000-4000-8000-000000000001';

const DEVICE_NAMES = new Map([
  [`class:${CLASS}`, 'Year 4 Rowan'],
  [`staff:${SENCO}`, 'Priya Shah'],
]);
const words: RecordWords = {
  nameOf: (entity, id) => DEVICE_NAMES.get(`${entity}:${id}`),
  date: (iso) => iso.split('-').reverse().join('/'),
  when: (iso) => `at ${iso.slice(11, 16)} on ${iso.slice(0, 10).split('-').reverse().join('/')}`,
};

const records: ExportedRecord[] = [
  {
    entity: 'child',
    id: CHILD,
    isDeleted: false,
    data: {
      firstName: 'Rosie',
      lastName: 'Cooper',
      dateOfBirth: '2015-10-26',
      classId: CLASS,
      senStatus: 'sen_support',
      areasOfNeed: ['semh'],
      groups: ['eal', 'fsm'],
      gender: 'female',
    },
  },
  {
    entity: 'learningPlan',
    id: PLAN,
    isDeleted: false,
    data: { childId: CHILD, title: 'Autumn plan: friendships', reviewDate: '2027-01-06' },
  },
  {
    entity: 'target',
    id: TARGET,
    isDeleted: false,
    data: { childId: CHILD, planId: PLAN, level: 'termly', text: 'Joins a game at lunchtime' },
  },
  {
    entity: 'review',
    id: 'r1',
    isDeleted: false,
    data: {
      childId: CHILD,
      planId: PLAN,
      recordedBy: SENCO,
      date: '2026-11-25',
      targetOutcomes: [{ targetId: TARGET, outcome: 'not_achieved' }],
      decisions: ['step_up', 'seek_outside_advice'],
      recordedAt: '2026-11-25T16:00:00.000Z',
    },
  },
  {
    entity: 'interventionSession',
    id: 's1',
    isDeleted: true,
    data: {
      interventionId: GONE,
      attendance: [{ childId: CHILD, isPresent: false, absenceReason: 'ill' }],
      isUnscheduled: false,
    },
  },
  {
    entity: 'senRegisterEntry',
    id: 'e1',
    isDeleted: false,
    data: {
      childId: CHILD,
      status: 'sen_support',
      from: 'monitoring',
      date: '2026-11-25',
      needTypes: ['SEMH'],
      source: 'review',
      reviewId: 'r1',
      supersedesId: GONE,
      recordedBy: SENCO,
      recordedAt: '2026-11-26T09:00:00.000Z',
    },
  },
];

const section = (entity: string) => readableRecord(records, words).find((s) => s.entity === entity);
const lines = (entity: string) =>
  Object.fromEntries(section(entity)!.items[0]!.lines.map((l) => [l.label, l.value]));

describe('a child record a parent can read', () => {
  it('labels fields and shows codes as words', () => {
    expect(section('child')?.title).toBe('Child');
    expect(lines('child')).toMatchObject({
      'First name': 'Rosie',
      'Date of birth': '26/10/2015',
      Class: 'Year 4 Rowan',
      'SEN status': 'SEN support',
      'Areas of need': 'Social, emotional and mental health',
      Groups: 'EAL, FSM',
      Gender: 'Female',
    });
  });

  it('names the records it points at, from the export and then from the device', () => {
    expect(lines('target')).toMatchObject({
      Plan: 'Autumn plan: friendships',
      Level: 'Termly next step',
    });
    expect(lines('review')).toMatchObject({
      'Recorded by': 'Priya Shah',
      'Targets reviewed': 'Joins a game at lunchtime: Not achieved',
      Decisions: 'Step up support, Seek outside advice',
      Recorded: 'at 16:00 on 25/11/2026',
    });
    // A record neither exported nor on the device is never shown as an id.
    expect(lines('interventionSession')).toMatchObject({
      Group: 'a record no longer held',
      Attendance: 'Absent (ill)',
      'Extra session': 'No',
      Status: 'Deleted',
    });
  });

  it('reads the SEN register history, and a correction, in words', () => {
    expect(lines('senRegisterEntry')).toMatchObject({
      'SEN status': 'SEN support',
      'SEN status before': 'Monitoring',
      'Need types (census)': 'Social, emotional and mental health',
      'How it changed': 'At a review',
      Review: 'Review of 25/11/2026',
      Corrects: 'An earlier entry, which this corrects',
      'Recorded by': 'Priya Shah',
    });
  });

  it('shows no id, no code and no JSON anywhere', () => {
    const all = readableRecord(records, words)
      .flatMap((s) => s.items.flatMap((i) => i.lines.map((l) => `${l.label} ${l.value}`)))
      .join('\n');
    expect(all).not.toMatch(/[0-9a-f]{8}-0000-4000/);
    expect(all).not.toMatch(/_|\[|\{|"/);
    // Every record here is about the child: their id is not repeated on each.
    expect(all).not.toContain('Child id');
  });

  it('writes earlier values as sentences in the same words', () => {
    const earlier = readableHistory(records, words);
    expect(
      earlier({
        entity: 'child',
        id: CHILD,
        field: 'senStatus',
        value: 'monitoring',
        at: '2026-11-25T16:00:00.000Z',
      }),
    ).toBe('at 16:00 on 25/11/2026: SEN status was Monitoring');
  });
});
