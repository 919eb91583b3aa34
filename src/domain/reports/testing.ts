/**
 * A small, hand-checkable school for the report tests: one autumn term with
 * a half-term holiday and an INSET day, six children, two provisions.
 * Expected figures are worked out by hand in each test.
 */
import type { SchoolCalendar } from '../calendar';
import type { StoredRecord } from '../records';
import { TEST_CALENDAR } from '../testing';
import { emptySchoolRecords, type SchoolRecords } from './common';

export const CALENDAR: SchoolCalendar = TEST_CALENDAR;

const child = (id: string, fields: Partial<StoredRecord<'child'>> = {}): StoredRecord<'child'> => ({
  id,
  firstName: id,
  lastName: 'Test',
  yearGroup: 3,
  gender: 'female',
  senStatus: 'none',
  areasOfNeed: [],
  groups: [],
  classId: 'class-3',
  ...fields,
});

let n = 0;
export const tick = (
  childId: string,
  outcome: StoredRecord<'tick'>['outcome'],
  recordedAt: string,
  extra: Partial<StoredRecord<'tick'>> = {},
): StoredRecord<'tick'> => ({
  id: `tick-${++n}`,
  childId,
  targetId: `target-${childId}`,
  outcome,
  recordedAt,
  ...extra,
});

export const session = (
  id: string,
  interventionId: string,
  date: string,
  minutes: number,
  present: Record<string, boolean>,
  extra: Partial<StoredRecord<'interventionSession'>> = {},
): StoredRecord<'interventionSession'> => ({
  id,
  interventionId,
  date,
  minutes,
  attendance: Object.entries(present).map(([childId, isPresent]) => ({ childId, isPresent })),
  isUnscheduled: false,
  recordedAt: `${date}T10:00:00.000Z`,
  ...extra,
});

export const score = (
  childId: string,
  interventionId: string,
  phase: 'entry' | 'exit' | 'interim',
  value: number,
  date: string,
  extra: Partial<StoredRecord<'assessmentScore'>> = {},
): StoredRecord<'assessmentScore'> => ({
  id: `score-${++n}`,
  childId,
  interventionId,
  phase,
  value,
  date,
  recordedAt: `${date}T12:00:00.000Z`,
  ...extra,
});

/**
 * A: SEN support, FSM, EAL, girl. B: FSM, boy. C: SEN support. D: EHCP, boy.
 * E: SEN support. F: focus child only. G: EHCP. H: SEN support, has left.
 * P1 "Reading group": group, £12/h, £3 resources per pupil, measure 0-100 up.
 * P2 "Spelling 1:1": one-to-one, £18/h, no resources, errors 0-50 (down is better).
 * I1 (P1): A, B, C, Mon + Wed, 30 min. I2 (P2): A, D, Tue, 15 min.
 */
export const school = (): SchoolRecords => ({
  ...emptySchoolRecords(),
  school: {
    id: 'school',
    name: 'Test School',
    terms: CALENDAR.terms,
    closures: CALENDAR.closures,
    customGroups: ['Young carer'],
  },
  classes: [{ id: 'class-3', name: 'Year 3 Ash', yearGroup: 3, teacherIds: [], taIds: [] }],
  staff: [
    { id: 'T1', name: 'Tess Teacher', email: 't1@x.school', role: 'teacher', isActive: true },
    { id: 'TA', name: 'Tim Assistant', email: 'ta@x.school', role: 'ta', isActive: true },
    { id: 'T3', name: 'Una Never', email: 't3@x.school', role: 'teacher', isActive: true },
    { id: 'S', name: 'Sam SENCo', email: 's@x.school', role: 'senco', isActive: true },
    { id: 'T4', name: 'Old Leaver', email: 't4@x.school', role: 'teacher', isActive: false },
  ],
  children: [
    child('A', { senStatus: 'sen_support', groups: ['fsm', 'eal'] }),
    child('B', { gender: 'male', groups: ['fsm'] }),
    child('C', { senStatus: 'sen_support' }),
    child('D', { senStatus: 'ehcp', gender: 'male', yearGroup: 4, classId: undefined }),
    child('E', { senStatus: 'sen_support' }),
    child('F'),
    child('G', { senStatus: 'ehcp' }),
    child('H', { senStatus: 'sen_support', leftOn: '2026-10-01' }),
  ],
  focusChildren: [
    {
      id: 'focus-F',
      childId: 'F',
      classId: 'class-3',
      staffId: 'T1',
      reason: 'Watching',
      until: '2026-12-09',
      isArchived: false,
    },
  ],
  provisions: [
    {
      id: 'P1',
      name: 'Reading group',
      description: '',
      areaOfNeed: 'cognition_learning',
      wave: 2,
      format: 'group',
      sessionsPerWeek: 2,
      sessionMinutes: 30,
      staffHourlyCostPence: 1200,
      resourceCostPerPupilPence: 300,
      measure: { name: 'Reading score', unit: 'points', isHigherBetter: true, min: 0, max: 100 },
      isArchived: false,
    },
    {
      id: 'P2',
      name: 'Spelling 1:1',
      description: '',
      areaOfNeed: 'communication_interaction',
      wave: 3,
      format: 'one_to_one',
      sessionsPerWeek: 1,
      sessionMinutes: 15,
      staffHourlyCostPence: 1800,
      resourceCostPerPupilPence: 0,
      measure: { name: 'Spelling errors', unit: 'errors', isHigherBetter: false, min: 0, max: 50 },
      isArchived: false,
    },
  ],
  interventions: [
    {
      id: 'I1',
      provisionId: 'P1',
      name: 'Reading group Y3',
      childIds: ['A', 'B', 'C'],
      staffIds: ['TA'],
      schedule: [
        { weekday: 'mon', time: '09:00' },
        { weekday: 'wed', time: '09:00' },
      ],
      sessionMinutes: 30,
      startDate: '2026-09-07',
      endDate: '2026-12-18',
      isArchived: false,
    },
    {
      id: 'I2',
      provisionId: 'P2',
      name: 'Spelling with D',
      childIds: ['A', 'D'],
      staffIds: ['TA'],
      schedule: [{ weekday: 'tue', time: '14:00' }],
      sessionMinutes: 15,
      startDate: '2026-09-07',
      endDate: '2026-12-18',
      isArchived: false,
    },
  ],
});

/** The week of Mon 23 Nov 2026 (Fri 27 is an INSET day). */
export const weekSessions = (): StoredRecord<'interventionSession'>[] => [
  session('s-mon', 'I1', '2026-11-23', 30, { A: true, B: true, C: false }),
  // Logged at 30 minutes, then corrected to 40: only the correction counts.
  session('s-wed', 'I1', '2026-11-25', 30, { A: true, B: true, C: true }),
  session(
    's-wed-fix',
    'I1',
    '2026-11-25',
    40,
    { A: true, B: true, C: true },
    { supersedesId: 's-wed' },
  ),
  session('s-tue', 'I2', '2026-11-24', 15, { A: true, D: true }),
  // On the INSET day: not a school day, but it happened, so it is delivered.
  session('s-fri', 'I2', '2026-11-27', 15, { D: true }, { isUnscheduled: true }),
  // The week before: not this week.
  session('s-last', 'I1', '2026-11-16', 30, { A: true, B: true, C: true }),
];
