/**
 * Every record the app keeps, as zod schemas shared by the device and the
 * server. A record's `id` and its school are not part of these shapes: the id
 * travels as the mutation's `entityId`, and the school always comes from the
 * signed-in person's token, never from the body.
 *
 * Two kinds of record (see ARCHITECTURE.md, "The sync protocol"):
 * - events are facts that happened (a tick, a session log, a score, a review).
 *   They are append-only; a correction is a new event that names the one it
 *   supersedes, so the history stays true and two staff recording at once
 *   both survive.
 * - entities are things people edit (a child, a target, a plan). They change
 *   by field-level patches merged last-writer-wins per field by HLC.
 */
import { z } from 'zod';

// ---------------------------------------------------------------- vocabulary

export const ROLES = ['senco', 'teacher', 'ta', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SEN_STATUSES = ['none', 'monitoring', 'sen_support', 'ehcp'] as const;
export type SenStatus = (typeof SEN_STATUSES)[number];
export const SEN_STATUS_LABELS: Record<SenStatus, string> = {
  none: 'No SEN',
  monitoring: 'Monitoring',
  sen_support: 'SEN support',
  ehcp: 'EHCP',
};

export const AREAS_OF_NEED = [
  'communication_interaction',
  'cognition_learning',
  'semh',
  'sensory_physical',
] as const;
export type AreaOfNeed = (typeof AREAS_OF_NEED)[number];
export const AREA_OF_NEED_LABELS: Record<AreaOfNeed, string> = {
  communication_interaction: 'Communication and interaction',
  cognition_learning: 'Cognition and learning',
  semh: 'Social, emotional and mental health',
  sensory_physical: 'Sensory and/or physical',
};

/** Built-in vulnerable groups; schools may add their own codes beside these. */
export const VULNERABLE_GROUPS = ['fsm', 'pupil_premium', 'cic', 'eal'] as const;
export const VULNERABLE_GROUP_LABELS: Record<(typeof VULNERABLE_GROUPS)[number], string> = {
  fsm: 'FSM',
  pupil_premium: 'Pupil Premium',
  cic: 'Child in care',
  eal: 'EAL',
};

export const GENDERS = ['female', 'male', 'other', 'not_stated'] as const;

export const OUTCOMES = ['achieved', 'partly', 'not_yet', 'absent'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  achieved: 'Achieved',
  partly: 'Partly',
  not_yet: 'Not yet',
  absent: 'Absent',
};

export const SUPPORT_LEVELS = ['independent', 'prompted', 'supported'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

export const TARGET_LEVELS = ['ehcp_outcome', 'annual', 'termly', 'lesson'] as const;
export const REVIEW_TARGET_OUTCOMES = ['achieved', 'partly', 'not_achieved', 'carry_over'] as const;
export const REVIEW_DECISIONS = [
  'continue',
  'new_targets',
  'step_up',
  'step_down',
  'seek_outside_advice',
] as const;
export const ABSENCE_REASONS = ['ill', 'refused', 'clash', 'out_of_school', 'other'] as const;
export const ASSESSMENT_PHASES = ['entry', 'interim', 'exit'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

// ---------------------------------------------------------------- building blocks

const id = z.uuid();
const name = z.string().trim().min(1, 'Enter a name').max(200, 'Keep this under 200 characters');
const shortText = z.string().max(2_000, 'Keep this under 2,000 characters');
const longText = z.string().max(10_000, 'Keep this under 10,000 characters');
/** A calendar date, `YYYY-MM-DD`. */
const isoDate = z.iso.date();
/** An instant, ISO 8601 with a time zone. */
const isoDateTime = z.iso.datetime({ offset: true });
const pence = z.number().int().min(0).max(100_000_000);

// ---------------------------------------------------------------- entities

export const termSchema = z.object({
  name: z.string().min(1).max(60),
  start: isoDate,
  end: isoDate,
  halfTermStart: isoDate.optional(),
  halfTermEnd: isoDate.optional(),
});

export const schoolSchema = z.object({
  name,
  urn: z.string().max(20).optional(),
  terms: z.array(termSchema).max(12).default([]),
  /** INSET days and other closures inside term time. */
  closures: z
    .array(z.object({ date: isoDate, reason: z.string().max(200) }))
    .max(100)
    .default([]),
  customGroups: z.array(z.string().min(1).max(40)).max(30).default([]),
  /** The SENCo's report settings, kept with the school so every SENCo device shares them. */
  reportSettings: z
    .object({
      /** Expected progress per provision id, in the provision measure's units (impact RAG). */
      impactExpected: z.record(z.string(), z.number().finite()).default({}),
      /** Gap RAG: green up to `amber` points behind, amber up to `red`. */
      gapThresholds: z
        .object({ amber: z.number().min(0).max(100), red: z.number().min(0).max(100) })
        .optional(),
      /** Roster CSV column mapping remembered per kind of file (children, staff). */
      rosterColumns: z.record(z.string(), z.record(z.string(), z.string().max(200))).default({}),
    })
    .optional(),
});
export type School = z.infer<typeof schoolSchema>;

export const staffSchema = z.object({
  name,
  email: z.email().max(254),
  role: z.enum(ROLES),
  isActive: z.boolean().default(true),
});
export type Staff = z.infer<typeof staffSchema>;

export const classSchema = z.object({
  name,
  yearGroup: z.number().int().min(-1).max(14),
  teacherIds: z.array(id).max(20).default([]),
  taIds: z.array(id).max(20).default([]),
});
export type SchoolClass = z.infer<typeof classSchema>;

export const childSchema = z.object({
  firstName: name,
  lastName: name,
  dateOfBirth: isoDate.optional(),
  upn: z.string().max(20).optional(),
  misId: z.string().max(60).optional(),
  classId: id.optional(),
  yearGroup: z.number().int().min(-1).max(14),
  gender: z.enum(GENDERS).default('not_stated'),
  senStatus: z.enum(SEN_STATUSES).default('none'),
  areasOfNeed: z.array(z.enum(AREAS_OF_NEED)).max(4).default([]),
  /** Vulnerable-group codes: the built-in ones or the school's own. */
  groups: z.array(z.string().min(1).max(40)).max(30).default([]),
  leftOn: isoDate.optional(),
});
export type Child = z.infer<typeof childSchema>;

export const focusChildSchema = z.object({
  childId: id,
  classId: id,
  staffId: id,
  reason: z.string().trim().min(1, 'Say why this child is a focus child').max(500),
  until: isoDate,
  isArchived: z.boolean().default(false),
});
export type FocusChild = z.infer<typeof focusChildSchema>;

export const learningPlanSchema = z.object({
  childId: id,
  title: name,
  areaOfNeed: z.enum(AREAS_OF_NEED).optional(),
  startDate: isoDate,
  reviewDate: isoDate,
  isArchived: z.boolean().default(false),
});
export type LearningPlan = z.infer<typeof learningPlanSchema>;

export const targetSchema = z.object({
  childId: id,
  planId: id.optional(),
  /** Targets nest: EHCP outcome -> annual target -> termly next step. */
  parentTargetId: id.optional(),
  level: z.enum(TARGET_LEVELS).default('termly'),
  text: z
    .string()
    .trim()
    .min(1, 'Write the target')
    .max(1_000, 'Keep a target under 1,000 characters'),
  areaOfNeed: z.enum(AREAS_OF_NEED).optional(),
  successCriteria: shortText.optional(),
  strategies: shortText.optional(),
  /** A one-off target for a single lesson. */
  lessonId: id.optional(),
  startDate: isoDate,
  isArchived: z.boolean().default(false),
});
export type Target = z.infer<typeof targetSchema>;

export const lessonSchema = z.object({
  classId: id,
  staffId: id,
  subject: z.string().trim().min(1).max(100),
  startedAt: isoDateTime,
  endedAt: isoDateTime.optional(),
  hiddenTargetIds: z.array(id).max(500).default([]),
});
export type Lesson = z.infer<typeof lessonSchema>;

export const passportSchema = z.object({
  childId: id,
  strengths: longText.default(''),
  needs: longText.default(''),
  whatHelpsMe: longText.default(''),
  pupilVoice: longText.default(''),
  parentVoice: longText.default(''),
});
export type Passport = z.infer<typeof passportSchema>;

export const measureSchema = z.object({
  name: z.string().trim().min(1).max(100),
  unit: z.string().max(40),
  isHigherBetter: z.boolean(),
  min: z.number(),
  max: z.number(),
});

export const provisionSchema = z.object({
  name,
  description: shortText.default(''),
  areaOfNeed: z.enum(AREAS_OF_NEED),
  wave: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  format: z.enum(['group', 'one_to_one']),
  sessionsPerWeek: z.number().int().min(1).max(10),
  sessionMinutes: z.number().int().min(1).max(480),
  staffHourlyCostPence: pence,
  resourceCostPerPupilPence: pence.default(0),
  measure: measureSchema.optional(),
  isArchived: z.boolean().default(false),
});
export type Provision = z.infer<typeof provisionSchema>;

export const interventionSchema = z.object({
  provisionId: id,
  name,
  childIds: z.array(id).max(40),
  staffIds: z.array(id).max(10),
  schedule: z
    .array(z.object({ weekday: z.enum(WEEKDAYS), time: z.string().regex(/^\d{2}:\d{2}$/) }))
    .max(10),
  sessionMinutes: z.number().int().min(1).max(480),
  startDate: isoDate,
  endDate: isoDate,
  isArchived: z.boolean().default(false),
});
export type Intervention = z.infer<typeof interventionSchema>;

// ---------------------------------------------------------------- events

/**
 * Fields every event may carry. `supersedesId` names an earlier event of the
 * same type that this one corrects; `recordedBy` is stamped by the server from
 * the token and ignored if a device sends it.
 */
const eventBase = {
  supersedesId: id.optional(),
  recordedBy: id.optional(),
};

export const tickSchema = z.object({
  ...eventBase,
  targetId: id,
  childId: id,
  lessonId: id.optional(),
  outcome: z.enum(OUTCOMES),
  support: z.enum(SUPPORT_LEVELS).optional(),
  note: z.string().max(1_000, 'Keep a note under 1,000 characters').optional(),
  /** An undo: this tick withdraws the one it supersedes. */
  isWithdrawn: z.boolean().optional(),
  recordedAt: isoDateTime,
});
export type Tick = z.infer<typeof tickSchema>;

export const interventionSessionSchema = z.object({
  ...eventBase,
  interventionId: id,
  date: isoDate,
  minutes: z
    .number()
    .int()
    .min(1, 'A session lasts at least a minute')
    .max(480, 'A session lasts at most 8 hours'),
  attendance: z
    .array(
      z.object({
        childId: id,
        isPresent: z.boolean(),
        absenceReason: z.enum(ABSENCE_REASONS).optional(),
        rating: z.number().int().min(1).max(4).optional(),
      }),
    )
    .min(1)
    .max(40),
  note: shortText.optional(),
  isUnscheduled: z.boolean().default(false),
  recordedAt: isoDateTime,
});
export type InterventionSession = z.infer<typeof interventionSessionSchema>;

export const assessmentScoreSchema = z.object({
  ...eventBase,
  childId: id,
  interventionId: id.optional(),
  phase: z.enum(ASSESSMENT_PHASES),
  value: z.number().finite(),
  date: isoDate,
  recordedAt: isoDateTime,
});
export type AssessmentScore = z.infer<typeof assessmentScoreSchema>;

export const reviewSchema = z.object({
  ...eventBase,
  childId: id,
  planId: id.optional(),
  date: isoDate,
  targetOutcomes: z
    .array(z.object({ targetId: id, outcome: z.enum(REVIEW_TARGET_OUTCOMES) }))
    .max(100),
  decisions: z.array(z.enum(REVIEW_DECISIONS)).max(5),
  nextReviewDate: isoDate.optional(),
  notes: longText.optional(),
  recordedAt: isoDateTime,
});
export type Review = z.infer<typeof reviewSchema>;

// ---------------------------------------------------------------- the registry

/**
 * Every record type the sync protocol carries, with its kind and schema.
 * The server refuses any entity name not listed here, and the storage layer
 * has one table per entry.
 */
export const RECORD_TYPES = {
  school: { kind: 'entity', schema: schoolSchema },
  staff: { kind: 'entity', schema: staffSchema },
  class: { kind: 'entity', schema: classSchema },
  child: { kind: 'entity', schema: childSchema },
  focusChild: { kind: 'entity', schema: focusChildSchema },
  learningPlan: { kind: 'entity', schema: learningPlanSchema },
  target: { kind: 'entity', schema: targetSchema },
  lesson: { kind: 'entity', schema: lessonSchema },
  passport: { kind: 'entity', schema: passportSchema },
  provision: { kind: 'entity', schema: provisionSchema },
  intervention: { kind: 'entity', schema: interventionSchema },
  tick: { kind: 'event', schema: tickSchema },
  interventionSession: { kind: 'event', schema: interventionSessionSchema },
  assessmentScore: { kind: 'event', schema: assessmentScoreSchema },
  review: { kind: 'event', schema: reviewSchema },
} as const;

export type RecordTypes = typeof RECORD_TYPES;
export type EntityName = keyof RecordTypes;
export const ENTITY_NAMES = Object.keys(RECORD_TYPES) as EntityName[];
export type RecordData<E extends EntityName> = z.infer<RecordTypes[E]['schema']>;
/** A stored record: its data plus its id. */
export type StoredRecord<E extends EntityName> = RecordData<E> & { id: string };

export const isEntityName = (value: string): value is EntityName =>
  Object.prototype.hasOwnProperty.call(RECORD_TYPES, value);

export const isEventType = (entity: EntityName): boolean => RECORD_TYPES[entity].kind === 'event';
