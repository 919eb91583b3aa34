/**
 * Every record the app keeps, as zod schemas shared by the device and the
 * server. A record's `id` and its school are not part of these shapes: the id
 * travels as the mutation's `entityId`, and the school always comes from the
 * signed-in person's token, never from the body.
 *
 * Two kinds of record (see docs/architecture.md, "The sync protocol"):
 * - events are facts that happened (a tick, a session log, a score, a review).
 *   They are append-only; a correction is a new event that names the one it
 *   supersedes, so the history stays true and two staff recording at once
 *   both survive.
 * - entities are things people edit (a child, a target, a plan). They change
 *   by field-level patches merged last-writer-wins per field by HLC.
 */
import {
  isDateInWindow,
  isInstantInWindow,
  EARLIEST_DATE,
  LATEST_DATE,
  MAX_SCORE_MAGNITUDE,
} from './ranges';
import { text } from './text';
import { z } from './zod';
import { idSchema } from './id-schema';

// ---------------------------------------------------------------- vocabulary

/**
 * Who a member of staff is to the app. `headteacher` reads the whole school
 * (every child's record and the SENCo's reports) and writes nothing.
 */
export const ROLES = ['senco', 'teacher', 'ta', 'admin', 'headteacher'] as const;
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

/**
 * The DfE school census's SEN need types (the "SEN type" a school ranks
 * primary and secondary), kept as the census codes so a return or a
 * Common Transfer File reads the same, each under its Code of Practice
 * area of need. OTH and NSA (SEN support, no specialist assessment of the
 * type of need yet) have no area.
 */
export const SEN_NEED_TYPES = [
  'SPLD',
  'MLD',
  'SLD',
  'PMLD',
  'SEMH',
  'SLCN',
  'HI',
  'VI',
  'MSI',
  'PD',
  'ASD',
  'OTH',
  'NSA',
] as const;
export type SenNeedType = (typeof SEN_NEED_TYPES)[number];
export const SEN_NEED_TYPE_LABELS: Record<SenNeedType, string> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support, no specialist assessment of type of need',
};
export const SEN_NEED_TYPE_AREAS: Record<SenNeedType, AreaOfNeed | undefined> = {
  SPLD: 'cognition_learning',
  MLD: 'cognition_learning',
  SLD: 'cognition_learning',
  PMLD: 'cognition_learning',
  SEMH: 'semh',
  SLCN: 'communication_interaction',
  ASD: 'communication_interaction',
  HI: 'sensory_physical',
  VI: 'sensory_physical',
  MSI: 'sensory_physical',
  PD: 'sensory_physical',
  OTH: undefined,
  NSA: undefined,
};

/** Built-in vulnerable groups; schools may add their own codes beside these. */
export const VULNERABLE_GROUPS = ['fsm', 'fsm_ever6', 'pupil_premium', 'cic', 'eal'] as const;
export const VULNERABLE_GROUP_LABELS: Record<(typeof VULNERABLE_GROUPS)[number], string> = {
  fsm: 'FSM',
  fsm_ever6: 'Ever 6 FSM',
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
// zod/mini (see ./zod): checks go in `.check(...)`, wrappers are functions.
// A plain `z.number()` already refuses NaN and Infinity (full zod's
// `.finite()` added nothing to it).

// Every string goes through `text()` (./text): no NUL or lone surrogate
// reaches either database. Every id refuses the nil and max UUIDs (./ids),
// every date and instant the fixed window of ./ranges. Every id is the
// shared id schema (./id-schema): lower-cased, and never a placeholder.

const id = idSchema;
const name = text().check(
  z.trim(),
  z.minLength(1, 'Enter a name'),
  z.maxLength(200, 'Keep this under 200 characters'),
);
const shortText = text().check(z.maxLength(2_000, 'Keep this under 2,000 characters'));
const longText = text().check(z.maxLength(10_000, 'Keep this under 10,000 characters'));
const DATE_WINDOW_MESSAGE = `Enter a date between ${EARLIEST_DATE.slice(0, 4)} and ${LATEST_DATE.slice(0, 4)}.`;
/** A calendar date, `YYYY-MM-DD`, within the window. */
const isoDate = z.iso.date().check(z.refine(isDateInWindow, DATE_WINDOW_MESSAGE));
/** An instant, ISO 8601 with a time zone, within the window. */
const isoDateTime = z.iso
  .datetime({ offset: true })
  .check(z.refine(isInstantInWindow, DATE_WINDOW_MESSAGE));
/** A score or a measure's bound: finite, and no bigger than any real scale. */
const score = z
  .number()
  .check(
    z.minimum(-MAX_SCORE_MAGNITUDE, 'This number is too small for any scale.'),
    z.maximum(MAX_SCORE_MAGNITUDE, 'This number is too big for any scale.'),
  );
/** A key of a record's map (a provision id, a column name): storable, and short. */
const mapKey = text().check(z.maxLength(200));
const pence = z.int().check(z.minimum(0), z.maximum(100_000_000));
const yearGroup = z.int().check(z.minimum(-1), z.maximum(14));
/** A short code: a vulnerable group or a school's own group. */
const groupCode = text().check(z.minLength(1), z.maxLength(40));
const isArchived = z._default(z.boolean(), false);
/** An array with at most `max` items. */
const upTo = <T extends z.core.SomeType>(item: T, max: number) =>
  z.array(item).check(z.maxLength(max));

// ---------------------------------------------------------------- entities

export const termSchema = z.object({
  name: text().check(z.minLength(1), z.maxLength(60)),
  start: isoDate,
  end: isoDate,
  halfTermStart: z.optional(isoDate),
  halfTermEnd: z.optional(isoDate),
});

export const schoolSchema = z.object({
  name,
  urn: z.optional(text().check(z.maxLength(20))),
  terms: z._default(upTo(termSchema, 12), []),
  /** INSET days and other closures inside term time. */
  closures: z._default(
    upTo(z.object({ date: isoDate, reason: text().check(z.maxLength(200)) }), 100),
    [],
  ),
  customGroups: z._default(upTo(groupCode, 30), []),
  /**
   * Whether every tablet of the school must be locked with a PIN. Optional so
   * that a device on an older version still parses the school record; set by
   * the SENCo or admin only (the school record's write rule on the server).
   */
  requireTabletPin: z.optional(z.boolean()),
  /** The SENCo's report settings, kept with the school so every SENCo device shares them. */
  reportSettings: z.optional(
    z.object({
      /** Expected progress per provision id, in the provision measure's units (impact RAG). */
      impactExpected: z._default(z.record(mapKey, score), {}),
      /** Gap RAG: green up to `amber` points behind, amber up to `red`. */
      gapThresholds: z.optional(
        z.object({
          amber: z.number().check(z.minimum(0), z.maximum(100)),
          red: z.number().check(z.minimum(0), z.maximum(100)),
        }),
      ),
      /** Roster CSV column mapping remembered per kind of file (children, staff). */
      rosterColumns: z._default(
        z.record(mapKey, z.record(mapKey, text().check(z.maxLength(200)))),
        {},
      ),
      /**
       * Roster values the SENCo mapped by hand (an MIS's own wording of an SEN
       * status, say), per field, remembered for the next import. Optional:
       * older school records lack it.
       */
      rosterValues: z.optional(z.record(mapKey, z.record(mapKey, text().check(z.maxLength(40))))),
    }),
  ),
});
export type School = z.infer<typeof schoolSchema>;

export const staffSchema = z.object({
  name,
  email: z.email().check(z.maxLength(254)),
  role: z.enum(ROLES),
  isActive: z._default(z.boolean(), true),
});
export type Staff = z.infer<typeof staffSchema>;

export const classSchema = z.object({
  name,
  yearGroup,
  teacherIds: z._default(upTo(id, 20), []),
  taIds: z._default(upTo(id, 20), []),
});
export type SchoolClass = z.infer<typeof classSchema>;

export const childSchema = z.object({
  /** Legal names, as the MIS and the census hold them. */
  firstName: name,
  lastName: name,
  /** The name the child is known by, where it differs from the legal one (optional: older records lack it). */
  preferredFirstName: z.optional(name),
  preferredLastName: z.optional(name),
  dateOfBirth: z.optional(isoDate),
  upn: z.optional(text().check(z.maxLength(20))),
  misId: z.optional(text().check(z.maxLength(60))),
  classId: z.optional(id),
  yearGroup,
  gender: z._default(z.enum(GENDERS), 'not_stated'),
  senStatus: z._default(z.enum(SEN_STATUSES), 'none'),
  /** The day the current SEN provision began, as the school's MIS or a CTF records it. */
  senStartDate: z.optional(isoDate),
  /** The day the SENCo last set or confirmed `senStatus` at a review: steps proposed before it are settled. */
  senStatusConfirmedOn: z.optional(isoDate),
  areasOfNeed: z._default(upTo(z.enum(AREAS_OF_NEED), 4), []),
  /** Census SEN need types, primary first then secondary (optional: older records lack it). */
  senNeedTypes: z.optional(upTo(z.enum(SEN_NEED_TYPES), 2)),
  /** Vulnerable-group codes: the built-in ones or the school's own. */
  groups: z._default(upTo(groupCode, 30), []),
  leftOn: z.optional(isoDate),
});
export type Child = z.infer<typeof childSchema>;

export const focusChildSchema = z.object({
  childId: id,
  classId: id,
  staffId: id,
  reason: text().check(
    z.trim(),
    z.minLength(1, 'Say why this child is a focus child'),
    z.maxLength(500),
  ),
  until: isoDate,
  isArchived,
});
export type FocusChild = z.infer<typeof focusChildSchema>;

export const learningPlanSchema = z.object({
  childId: id,
  title: name,
  areaOfNeed: z.optional(z.enum(AREAS_OF_NEED)),
  startDate: isoDate,
  reviewDate: isoDate,
  isArchived,
  /**
   * Views captured at the plan's meetings and kept with the plan: the
   * child's and the parents' comments (printed on the parent copy), and for
   * an annual review the views of staff and of outside agencies. Optional:
   * older plans lack them. Fields of an entity, so two staff adding views
   * offline each keep their own field.
   */
  pupilComments: z.optional(longText),
  parentComments: z.optional(longText),
  staffViews: z.optional(longText),
  agencyViews: z.optional(longText),
});
export type LearningPlan = z.infer<typeof learningPlanSchema>;

export const targetSchema = z.object({
  childId: id,
  planId: z.optional(id),
  /** Targets nest: EHCP outcome -> annual target -> termly next step. */
  parentTargetId: z.optional(id),
  level: z._default(z.enum(TARGET_LEVELS), 'termly'),
  text: text().check(
    z.trim(),
    z.minLength(1, 'Write the target'),
    z.maxLength(1_000, 'Keep a target under 1,000 characters'),
  ),
  areaOfNeed: z.optional(z.enum(AREAS_OF_NEED)),
  successCriteria: z.optional(shortText),
  strategies: z.optional(shortText),
  /** A one-off target for a single lesson. */
  lessonId: z.optional(id),
  startDate: isoDate,
  isArchived,
});
export type Target = z.infer<typeof targetSchema>;

export const lessonSchema = z.object({
  classId: id,
  staffId: id,
  subject: text().check(z.trim(), z.minLength(1), z.maxLength(100)),
  startedAt: isoDateTime,
  endedAt: z.optional(isoDateTime),
  hiddenTargetIds: z._default(upTo(id, 500), []),
});
export type Lesson = z.infer<typeof lessonSchema>;

export const passportSchema = z.object({
  childId: id,
  strengths: z._default(longText, ''),
  needs: z._default(longText, ''),
  whatHelpsMe: z._default(longText, ''),
  pupilVoice: z._default(longText, ''),
  parentVoice: z._default(longText, ''),
});
export type Passport = z.infer<typeof passportSchema>;

export const measureSchema = z
  .object({
    name: text().check(z.trim(), z.minLength(1), z.maxLength(100)),
    unit: text().check(z.maxLength(40)),
    isHigherBetter: z.boolean(),
    min: score,
    max: score,
  })
  .check(
    z.refine((measure) => measure.min < measure.max, {
      message: 'The lowest score must be below the highest.',
      path: ['max'],
    }),
  );

export const provisionSchema = z.object({
  name,
  description: z._default(shortText, ''),
  areaOfNeed: z.enum(AREAS_OF_NEED),
  wave: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  format: z.enum(['group', 'one_to_one']),
  sessionsPerWeek: z.int().check(z.minimum(1), z.maximum(10)),
  sessionMinutes: z.int().check(z.minimum(1), z.maximum(480)),
  staffHourlyCostPence: pence,
  resourceCostPerPupilPence: z._default(pence, 0),
  // Why null as well as absent: a patch can only set fields, never unset
  // them, so "this provision has no measure any more" has to be a value.
  measure: z.optional(z.nullable(measureSchema)),
  isArchived,
});
export type Provision = z.infer<typeof provisionSchema>;

export const interventionSchema = z.object({
  provisionId: id,
  name,
  childIds: upTo(id, 40),
  staffIds: upTo(id, 10),
  schedule: upTo(
    z.object({
      weekday: z.enum(WEEKDAYS),
      time: text().check(z.regex(/^\d{2}:\d{2}$/)),
    }),
    10,
  ),
  sessionMinutes: z.int().check(z.minimum(1), z.maximum(480)),
  startDate: isoDate,
  endDate: isoDate,
  isArchived,
});
export type Intervention = z.infer<typeof interventionSchema>;

// ---------------------------------------------------------------- events

/**
 * Fields every event may carry. `supersedesId` names an earlier event of the
 * same type that this one corrects; `recordedBy` is stamped by the server from
 * the token and ignored if a device sends it.
 */
const eventBase = {
  supersedesId: z.optional(id),
  recordedBy: z.optional(id),
};

export const tickSchema = z.object({
  ...eventBase,
  targetId: id,
  childId: id,
  lessonId: z.optional(id),
  outcome: z.enum(OUTCOMES),
  support: z.optional(z.enum(SUPPORT_LEVELS)),
  note: z.optional(text().check(z.maxLength(1_000, 'Keep a note under 1,000 characters'))),
  /** An undo: this tick withdraws the one it supersedes. */
  isWithdrawn: z.optional(z.boolean()),
  recordedAt: isoDateTime,
});
export type Tick = z.infer<typeof tickSchema>;

export const interventionSessionSchema = z.object({
  ...eventBase,
  interventionId: id,
  date: isoDate,
  minutes: z
    .int()
    .check(
      z.minimum(1, 'A session lasts at least a minute'),
      z.maximum(480, 'A session lasts at most 8 hours'),
    ),
  attendance: z
    .array(
      z.object({
        childId: id,
        isPresent: z.boolean(),
        absenceReason: z.optional(z.enum(ABSENCE_REASONS)),
        rating: z.optional(z.int().check(z.minimum(1), z.maximum(4))),
      }),
    )
    .check(z.minLength(1), z.maxLength(40)),
  note: z.optional(shortText),
  isUnscheduled: z._default(z.boolean(), false),
  recordedAt: isoDateTime,
});
export type InterventionSession = z.infer<typeof interventionSessionSchema>;

export const assessmentScoreSchema = z.object({
  ...eventBase,
  childId: id,
  interventionId: z.optional(id),
  phase: z.enum(ASSESSMENT_PHASES),
  /** Within the group's measure when it has one (checked where the measure is known). */
  value: score,
  date: isoDate,
  recordedAt: isoDateTime,
});
export type AssessmentScore = z.infer<typeof assessmentScoreSchema>;

export const reviewSchema = z.object({
  ...eventBase,
  childId: id,
  planId: z.optional(id),
  date: isoDate,
  targetOutcomes: upTo(z.object({ targetId: id, outcome: z.enum(REVIEW_TARGET_OUTCOMES) }), 100),
  decisions: upTo(z.enum(REVIEW_DECISIONS), 5),
  /**
   * The SEN status a step up or down moves the child from and to, as the
   * reviewer saw it. Recorded on the review so that a step a teacher
   * recorded waits for the SENCo to confirm (src/domain/plans.ts).
   */
  senStatusFrom: z.optional(z.enum(SEN_STATUSES)),
  senStatusTo: z.optional(z.enum(SEN_STATUSES)),
  nextReviewDate: z.optional(isoDate),
  notes: z.optional(longText),
  /** This review was the EHC plan's annual review: the next falls due from its date (ehcp.ts). */
  isAnnualReview: z.optional(z.boolean()),
  recordedAt: isoDateTime,
});
export type Review = z.infer<typeof reviewSchema>;

// ---------------------------------------------------------------- from a previous school

/** Largest transferred SEND record, as JSON: it travels in one push (MAX_PUSH_BYTES). */
export const MAX_TRANSFER_BYTES = 768 * 1024;

/** A record of the other school's export: its own id, and the fields its schema has. */
const exported = <S extends z.ZodMiniObject>(schema: S, max: number) =>
  z._default(upTo(z.extend(schema, { id }), max), []);

/**
 * One child's portable SEND record (docs/send-record-export.md) as another
 * school running this app exported it, read with the very schemas its
 * records were written with. Only the parts shown on the child page are
 * kept; staff are kept by name alone (who recorded what).
 */
export const transferredDocumentSchema = z.object({
  children: exported(childSchema, 1),
  learningPlans: exported(learningPlanSchema, 200),
  targets: exported(targetSchema, 2_000),
  passports: exported(passportSchema, 5),
  provisions: exported(provisionSchema, 200),
  interventions: exported(interventionSchema, 200),
  ticks: exported(tickSchema, 5_000),
  sessions: exported(interventionSessionSchema, 2_000),
  scores: exported(assessmentScoreSchema, 2_000),
  reviews: exported(reviewSchema, 500),
  staff: z._default(upTo(z.object({ id, name }), 500), []),
});
export type TransferredDocument = z.infer<typeof transferredDocumentSchema>;

/**
 * A child's SEND record from the school they came from, kept apart from
 * this school's own records and never edited: an event, written once by
 * the SENCo who imported it. Why one record holding the whole document and
 * not the other school's plans and targets as records of ours: they are
 * history written by other people under another school's ids, and must not
 * be ticked, reviewed or merged with this school's plans; kept whole they
 * sync, are scoped and are erased exactly like the child they are about.
 */
export const transferredRecordSchema = z
  .object({
    ...eventBase,
    childId: id,
    fromSchool: z.object({ name, urn: z.optional(text().check(z.maxLength(20))) }),
    /** When the previous school exported the file. */
    exportedAt: isoDateTime,
    recordedAt: isoDateTime,
    document: transferredDocumentSchema,
  })
  .check(
    z.refine(
      (record) => JSON.stringify(record.document).length <= MAX_TRANSFER_BYTES,
      'This SEND record is too large to carry (over 768 KB).',
    ),
  );
export type TransferredRecord = z.infer<typeof transferredRecordSchema>;

/** Where a change of SEN status came from: a review, a roster import, or the SENCo's own edit. */
export const SEN_CHANGE_SOURCES = ['review', 'import', 'edit'] as const;
export type SenChangeSource = (typeof SEN_CHANGE_SOURCES)[number];

/**
 * One dated line of a child's SEN register history: the child's status
 * from `date`, until the next entry's date. Written on the device in the
 * same transaction as the change of `child.senStatus` it records. An event
 * and not a field of the child: the register's history must stay true when
 * the child later steps off it, and two SENCos' changes made offline must
 * both be kept. A correction (of the date or the status) is a new entry
 * naming the one it corrects (`supersedesId`); who made it and when is its
 * own `recordedBy` and `recordedAt`, so the entry as first written is kept.
 */
export const senRegisterEntrySchema = z.object({
  ...eventBase,
  childId: id,
  status: z.enum(SEN_STATUSES),
  /** The status before this one, as the device that wrote it saw it. */
  from: z.optional(z.enum(SEN_STATUSES)),
  /** The day this status started. */
  date: isoDate,
  /** The census need types the child had on that day, primary first. */
  needTypes: z._default(upTo(z.enum(SEN_NEED_TYPES), 2), []),
  source: z.enum(SEN_CHANGE_SOURCES),
  /** The review that made the change, when a review did. */
  reviewId: z.optional(id),
  recordedAt: isoDateTime,
});
export type SenRegisterEntry = z.infer<typeof senRegisterEntrySchema>;

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
  transferredRecord: { kind: 'event', schema: transferredRecordSchema },
  senRegisterEntry: { kind: 'event', schema: senRegisterEntrySchema },
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
