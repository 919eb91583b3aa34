/**
 * Who may read and write which record, by role and scope: the server's one
 * table of access rules (DOMAIN.md, "Privacy": least privilege by role).
 *
 * - senco and admin: the whole school, read and write.
 * - teacher: reads the children in their classes (class.teacherIds) and their
 *   focus children, and everything about those children; writes ticks,
 *   plans, targets, passports, reviews and scores for them, their own focus
 *   children and lessons. Never staff, school, class, provision, child or
 *   intervention records, nor another teacher's focus children.
 * - ta: reads the children in their groups (intervention.staffIds/childIds)
 *   and the classes they support (class.taIds); writes ticks and assessment
 *   scores for them, sessions of the groups they run, and their own lessons.
 *
 * Every school-wide list (school, staff, class, provision) is readable by
 * all staff of that school: it names no child. Another school is never seen:
 * every query is narrowed by the token's school first (see scoped-pull.ts).
 *
 * `RECORD_RULES` is typed `Record<EntityName, ...>`, so a new record type in
 * src/domain/records.ts fails the type check until it has a rule here (and the
 * authorisation matrix test fails too).
 */
import type { EntityName, Role } from '../../src/domain';

/** What a signed-in person may see, worked out from the school's current records. */
export type ReaderScope = {
  staffId: string;
  role: Role;
  isWholeSchool: boolean;
  classIds: ReadonlySet<string>;
  childIds: ReadonlySet<string>;
  /** Interventions the person can see (runs, or that include a child in scope). */
  interventionIds: ReadonlySet<string>;
  /** Interventions the person runs (intervention.staffIds). */
  runsInterventionIds: ReadonlySet<string>;
};

type Data = Record<string, unknown>;
type Rule = {
  /** May this person see a record holding `data` (with this id)? */
  read: (scope: ReaderScope, data: Data, entityId: string) => boolean;
  /**
   * May this person write a record so that it holds `data` (checked against
   * the stored state and the state after the write)? Whole-school roles
   * always may.
   */
  write: (scope: ReaderScope, data: Data, entityId: string) => boolean;
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const has = (set: ReadonlySet<string>, value: unknown): boolean => {
  const id = str(value);
  return id !== undefined && set.has(id);
};

const isStaffOf = (scope: ReaderScope, ...roles: Role[]) => roles.includes(scope.role);
const everyone = () => true;
const nobody = () => false;
const aboutChildInScope = (scope: ReaderScope, data: Data) => has(scope.childIds, data.childId);

export const RECORD_RULES: Record<EntityName, Rule> = {
  // School-wide lists: no child is named in them.
  school: { read: everyone, write: nobody },
  staff: { read: everyone, write: nobody },
  class: { read: everyone, write: nobody },
  provision: { read: everyone, write: nobody },

  child: { read: (scope, _data, id) => scope.childIds.has(id), write: nobody },
  focusChild: {
    read: aboutChildInScope,
    // A teacher manages their own focus list only, for children they teach.
    write: (scope, data) =>
      isStaffOf(scope, 'teacher') &&
      data.staffId === scope.staffId &&
      aboutChildInScope(scope, data) &&
      has(scope.classIds, data.classId),
  },
  learningPlan: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher') && aboutChildInScope(scope, data),
  },
  target: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher') && aboutChildInScope(scope, data),
  },
  passport: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher') && aboutChildInScope(scope, data),
  },
  lesson: {
    read: (scope, data) => has(scope.classIds, data.classId) || data.staffId === scope.staffId,
    write: (scope, data) =>
      isStaffOf(scope, 'teacher', 'ta') &&
      data.staffId === scope.staffId &&
      has(scope.classIds, data.classId),
  },
  intervention: {
    read: (scope, _data, id) => scope.interventionIds.has(id),
    write: nobody,
  },
  tick: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher', 'ta') && aboutChildInScope(scope, data),
  },
  interventionSession: {
    read: (scope, data) => has(scope.interventionIds, data.interventionId),
    // Only the staff who run a group log its sessions, and only for children they may see.
    write: (scope, data) =>
      isStaffOf(scope, 'teacher', 'ta') &&
      has(scope.runsInterventionIds, data.interventionId) &&
      (Array.isArray(data.attendance) ? data.attendance : []).every((row) =>
        has(scope.childIds, (row as Data | null)?.childId),
      ),
  },
  assessmentScore: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher', 'ta') && aboutChildInScope(scope, data),
  },
  review: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher') && aboutChildInScope(scope, data),
  },
};

export const canRead = (
  scope: ReaderScope,
  entity: EntityName,
  data: Data,
  entityId: string,
): boolean => scope.isWholeSchool || RECORD_RULES[entity].read(scope, data, entityId);

/**
 * May this person make this change? Checked against the stored record (so
 * nobody edits what they may not touch) and the record as it would be after
 * the change (so nobody moves a record out of, or into, someone else's
 * scope). A field that later loses last-writer-wins leaves the stored state,
 * which was allowed too.
 */
export const canWrite = (
  scope: ReaderScope,
  entity: EntityName,
  entityId: string,
  stored: Data | undefined,
  after: Data,
): boolean => {
  if (scope.isWholeSchool) return true;
  const rule = RECORD_RULES[entity];
  if (stored && !rule.write(scope, stored, entityId)) return false;
  return rule.write(scope, after, entityId);
};

/** The child a record is about, for the audit log; undefined for school-wide records. */
export const childIdOf = (entity: EntityName, data: Data, entityId: string): string | undefined =>
  entity === 'child' ? entityId : str(data.childId);

/** Every child an intervention record includes. */
export const interventionChildIds = (data: Data): string[] => strs(data.childIds);
