/**
 * A child's full record (the subject access export) in words a parent can
 * read: each record type under its own heading, each field under a label,
 * codes as their labels ("SEN support", not `sen_support`), other records
 * by their names or text, not their ids, and dates as dates.
 *
 * The JSON download keeps the stored fields as they are (it is the record
 * for another system to read); this is the printed and on-screen copy.
 * Names of staff, classes and groups come from the caller (the SENCo's
 * device holds the whole school); a record that is neither in the export nor
 * on the device is "a record no longer held", never a bare id.
 */
import type { ABSENCE_REASONS } from '..';
import {
  AREA_OF_NEED_LABELS,
  OUTCOME_LABELS,
  REVIEW_DECISION_LABELS,
  REVIEW_TARGET_OUTCOME_LABELS,
  SEN_CHANGE_SOURCE_LABELS,
  SEN_NEED_TYPE_LABELS,
  SEN_STATUS_LABELS,
  SUPPORT_LABELS,
  TARGET_LEVEL_LABELS,
  VULNERABLE_GROUP_LABELS,
  type EntityName,
} from '..';
import { childName, type SchoolRecords } from './common';

export type ExportedRecord = {
  entity: string;
  id: string;
  isDeleted: boolean;
  data: Record<string, unknown>;
};
export type ExportedHistory = {
  entity: string;
  id: string;
  field: string;
  value: unknown;
  at: string;
};

export type ReadableLine = { label: string; value: string };
export type ReadableItem = { id: string; lines: ReadableLine[] };
export type ReadableSection = { entity: string; title: string; items: ReadableItem[] };

export type RecordWords = {
  /** The name of a record the export only points at (staff, class, group, lesson), if known. */
  nameOf: (entity: EntityName, id: string) => string | undefined;
  /** "26/10/2015" */
  date: (isoDate: string) => string;
  /** "Mon 23 Nov at 09:15" */
  when: (isoDateTime: string) => string;
};

const SECTION_TITLES: Record<string, string> = {
  child: 'Child',
  focusChild: 'Focus child',
  learningPlan: 'Learning plans',
  target: 'Targets',
  passport: 'Pupil passport',
  tick: 'Ticks',
  assessmentScore: 'Assessment scores',
  review: 'Reviews',
  intervention: 'Interventions',
  interventionSession: 'Session logs',
  transferredRecord: 'From previous schools',
  senRegisterEntry: 'SEN register history',
};

const FIELD_LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  preferredFirstName: 'Preferred first name',
  preferredLastName: 'Preferred last name',
  dateOfBirth: 'Date of birth',
  upn: 'UPN',
  misId: 'MIS id',
  classId: 'Class',
  yearGroup: 'Year group',
  gender: 'Gender',
  senStatus: 'SEN status',
  senStatusConfirmedOn: 'SEN status confirmed on',
  senStartDate: 'SEN provision started',
  senStatusFrom: 'SEN status before',
  senStatusTo: 'SEN status after',
  areasOfNeed: 'Areas of need',
  areaOfNeed: 'Area of need',
  senNeedTypes: 'Need types (census)',
  groups: 'Groups',
  leftOn: 'Left on',
  staffId: 'Member of staff',
  reason: 'Reason',
  until: 'Until',
  title: 'Title',
  startDate: 'Start date',
  reviewDate: 'Review date',
  endDate: 'End date',
  planId: 'Plan',
  parentTargetId: 'Part of',
  level: 'Level',
  text: 'Target',
  successCriteria: 'Success criteria',
  strategies: 'Strategies',
  lessonId: 'Lesson',
  strengths: 'Strengths',
  needs: 'Needs',
  whatHelpsMe: 'What helps me',
  pupilVoice: 'Pupil voice',
  parentVoice: 'Parent voice',
  targetId: 'Target',
  outcome: 'Outcome',
  support: 'Support',
  note: 'Note',
  notes: 'Notes',
  isWithdrawn: 'Withdrawn',
  recordedAt: 'Recorded',
  recordedBy: 'Recorded by',
  supersedesId: 'Corrects',
  provisionId: 'Provision',
  name: 'Name',
  childIds: 'Children',
  staffIds: 'Staff',
  schedule: 'Schedule',
  sessionMinutes: 'Minutes a session',
  isArchived: 'Archived',
  interventionId: 'Group',
  date: 'Date',
  minutes: 'Minutes',
  attendance: 'Attendance',
  isUnscheduled: 'Extra session',
  phase: 'Assessment',
  value: 'Score',
  targetOutcomes: 'Targets reviewed',
  decisions: 'Decisions',
  nextReviewDate: 'Next review',
  // The SEN register history.
  status: 'SEN status',
  from: 'SEN status before',
  needTypes: 'Need types (census)',
  source: 'How it changed',
  reviewId: 'Review',
  // School-wide records, in the SENCo's CSV files.
  childId: 'Child',
  email: 'Email',
  role: 'Role',
  isActive: 'Active',
  teacherIds: 'Teachers',
  taIds: 'Teaching assistants',
  description: 'Description',
  wave: 'Wave',
  format: 'Format',
  sessionsPerWeek: 'Sessions a week',
  staffHourlyCostPence: 'Staff cost an hour (£)',
  resourceCostPerPupilPence: 'Resources a pupil (£)',
  measure: 'Measure',
  subject: 'Subject',
  startedAt: 'Started',
  endedAt: 'Ended',
  hiddenTargetIds: 'Targets hidden',
};

/** Fields that point at another record, and which kind. */
const REFERENCES: Record<string, EntityName> = {
  classId: 'class',
  staffId: 'staff',
  recordedBy: 'staff',
  planId: 'learningPlan',
  parentTargetId: 'target',
  targetId: 'target',
  lessonId: 'lesson',
  provisionId: 'provision',
  interventionId: 'intervention',
  childIds: 'child',
  staffIds: 'staff',
  childId: 'child',
  reviewId: 'review',
  teacherIds: 'staff',
  taIds: 'staff',
  hiddenTargetIds: 'target',
};

/** Codes of one field, by field name. */
const CODES: Record<string, Record<string, string>> = {
  senStatus: SEN_STATUS_LABELS,
  senStatusFrom: SEN_STATUS_LABELS,
  senStatusTo: SEN_STATUS_LABELS,
  areasOfNeed: AREA_OF_NEED_LABELS,
  areaOfNeed: AREA_OF_NEED_LABELS,
  senNeedTypes: SEN_NEED_TYPE_LABELS,
  groups: VULNERABLE_GROUP_LABELS,
  gender: { female: 'Female', male: 'Male', other: 'Other', not_stated: 'Not stated' },
  outcome: OUTCOME_LABELS,
  support: SUPPORT_LABELS,
  level: TARGET_LEVEL_LABELS,
  decisions: REVIEW_DECISION_LABELS,
  phase: { entry: 'Entry', interim: 'Interim', exit: 'Exit' },
  status: SEN_STATUS_LABELS,
  from: SEN_STATUS_LABELS,
  needTypes: SEN_NEED_TYPE_LABELS,
  source: SEN_CHANGE_SOURCE_LABELS,
  role: { senco: 'SENCo', teacher: 'Teacher', ta: 'Teaching assistant', admin: 'Admin' },
  format: { group: 'Group', one_to_one: 'One to one' },
  wave: { 1: 'Wave 1', 2: 'Wave 2', 3: 'Wave 3' },
};

/** A record id, or anything shaped like one: never shown as it is. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ABSENCE_LABELS: Record<(typeof ABSENCE_REASONS)[number], string> = {
  ill: 'ill',
  refused: 'refused',
  clash: 'timetable clash',
  out_of_school: 'out of school',
  other: 'other reason',
};
const WEEKDAY_LABELS: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;
const NOT_HELD = 'a record no longer held';

const sentence = (code: string): string => {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const labelOf = (field: string): string => FIELD_LABELS[field] ?? sentence(field);

/** How one field's value reads, given the export it came in. */
const fieldWords = (records: readonly ExportedRecord[], words: RecordWords) => {
  // The export's own records name themselves first (its targets, plans and
  // groups); the device's copy of the school covers staff, classes, lessons.
  const own = new Map<string, ExportedRecord>(records.map((r) => [`${r.entity}:${r.id}`, r]));
  const nameOf = (entity: EntityName, id: string): string => {
    const data = own.get(`${entity}:${id}`)?.data;
    const fromExport =
      typeof data?.text === 'string'
        ? data.text
        : typeof data?.title === 'string'
          ? data.title
          : typeof data?.name === 'string'
            ? data.name
            : entity === 'child' && typeof data?.firstName === 'string'
              ? `${data.firstName} ${String(data.lastName ?? '')}`.trim()
              : typeof data?.date === 'string' && ISO_DATE.test(data.date)
                ? `${SECTION_TITLES[entity]?.replace(/s$/, '') ?? sentence(entity)} of ${words.date(data.date)}`
                : undefined;
    return fromExport ?? words.nameOf(entity, id) ?? NOT_HELD;
  };

  const show = (field: string, value: unknown): string => {
    if (value === undefined || value === null || value === '') return '—';
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    const reference = REFERENCES[field];
    const codes = CODES[field];
    if (Array.isArray(value)) {
      if (value.length === 0) return 'None';
      if (field === 'targetOutcomes') {
        return value
          .map((row: { targetId?: unknown; outcome?: unknown }) => {
            const outcome = String(row?.outcome ?? '');
            const label =
              REVIEW_TARGET_OUTCOME_LABELS[outcome as keyof typeof REVIEW_TARGET_OUTCOME_LABELS] ??
              sentence(outcome);
            return `${nameOf('target', String(row?.targetId ?? ''))}: ${label}`;
          })
          .join('; ');
      }
      if (field === 'attendance') {
        return value
          .map((row: { isPresent?: unknown; absenceReason?: unknown; rating?: unknown }) => {
            if (row?.isPresent !== true) {
              const reason = ABSENCE_LABELS[row?.absenceReason as keyof typeof ABSENCE_LABELS];
              return reason ? `Absent (${reason})` : 'Absent';
            }
            return typeof row.rating === 'number' ? `Present, rated ${row.rating} of 4` : 'Present';
          })
          .join('; ');
      }
      if (field === 'schedule') {
        return value
          .map((slot: { weekday?: unknown; time?: unknown }) =>
            `${WEEKDAY_LABELS[String(slot?.weekday)] ?? String(slot?.weekday)} ${String(slot?.time ?? '')}`.trim(),
          )
          .join(', ');
      }
      return value.map((item) => show(field, item)).join(', ');
    }
    if (typeof value === 'object') {
      const measure = value as { name?: unknown; unit?: unknown; min?: unknown; max?: unknown };
      if (field === 'measure' && typeof measure.name === 'string') {
        const unit = typeof measure.unit === 'string' && measure.unit ? ` ${measure.unit}` : '';
        return `${measure.name} (${String(measure.min)} to ${String(measure.max)}${unit})`;
      }
      return '—';
    }
    if (field.endsWith('Pence') && typeof value === 'number') return (value / 100).toFixed(2);
    const text = String(value);
    // Why not the corrected entry's name: an event corrects one of its own
    // type, which has no name; the entry it corrects is listed beside it.
    if (field === 'supersedesId') return 'An earlier entry, which this corrects';
    if (reference) return nameOf(reference, text);
    if (codes) return codes[text] ?? sentence(text);
    if (ISO_DATE.test(text)) return words.date(text);
    if (ISO_DATE_TIME.test(text)) return words.when(text);
    if (UUID.test(text)) return NOT_HELD;
    return text;
  };
  return show;
};

/**
 * One record type as rows a person can read, for the SENCo's CSV files:
 * each field under its label, in the words of the printed record, and the
 * record's id alone in the last column (for someone matching rows to
 * another system). Empty fields are empty cells.
 */
export const readableRows = (
  rows: readonly ({ id: string } & Record<string, unknown>)[],
  words: RecordWords,
): { columns: string[]; rows: Record<string, string | number>[] } => {
  const show = fieldWords([], words);
  const fields = [
    ...new Set(
      rows.flatMap((row) => Object.keys(row).filter((k) => k !== 'id' && !k.startsWith('_'))),
    ),
  ];
  const columns = [...fields.map(labelOf), 'Id'];
  // Two fields with one label (a tick's and a target's "Target") never meet in one type.
  return {
    columns,
    rows: rows.map((row) => {
      const out: Record<string, string | number> = {};
      for (const field of fields) {
        const value = row[field];
        out[labelOf(field)] =
          typeof value === 'number' && !field.endsWith('Pence') && !CODES[field]
            ? value
            : value === undefined || value === null || value === ''
              ? ''
              : show(field, value);
      }
      out.Id = row.id;
      return out;
    }),
  };
};

/** The names of the school's records on this device, for `RecordWords.nameOf`. */
export const schoolRecordNames = (
  records: SchoolRecords,
  date: (isoDate: string) => string,
): ((entity: EntityName, id: string) => string | undefined) => {
  const names = new Map<string, string>();
  const add = (entity: EntityName, id: string, name: string) => names.set(`${entity}:${id}`, name);
  for (const c of records.children) add('child', c.id, childName(c));
  for (const s of records.staff) add('staff', s.id, s.name);
  for (const c of records.classes) add('class', c.id, c.name);
  for (const p of records.provisions) add('provision', p.id, p.name);
  for (const i of records.interventions) add('intervention', i.id, i.name);
  for (const t of records.targets) add('target', t.id, t.text);
  for (const p of records.learningPlans) add('learningPlan', p.id, p.title);
  for (const r of records.reviews) add('review', r.id, `Review of ${date(r.date)}`);
  return (entity, id) => names.get(`${entity}:${id}`);
};

/** Turns an export into labelled sections, in the order records came. */
export const readableRecord = (
  records: readonly ExportedRecord[],
  words: RecordWords,
): ReadableSection[] => {
  const show = fieldWords(records, words);
  const sections = new Map<string, ReadableSection>();
  for (const record of records) {
    const section = sections.get(record.entity) ?? {
      entity: record.entity,
      title: SECTION_TITLES[record.entity] ?? sentence(record.entity),
      items: [],
    };
    sections.set(record.entity, section);
    const lines = Object.entries(record.data)
      // Every record in the export is about this child: saying so again is noise.
      .filter(([field]) => field !== 'childId')
      .map(([field, value]) => ({ label: labelOf(field), value: show(field, value) }));
    if (record.isDeleted) lines.push({ label: 'Status', value: 'Deleted' });
    section.items.push({ id: record.id, lines });
  }

  return [...sections.values()];
};

/** Earlier values as sentences: "Mon 23 Nov at 09:15: Review date was 09/12/2026". */
export const readableHistory = (records: readonly ExportedRecord[], words: RecordWords) => {
  const show = fieldWords(records, words);
  return (entry: ExportedHistory): string =>
    `${words.when(entry.at)}: ${labelOf(entry.field)} was ${show(entry.field, entry.value)}`;
};
