/**
 * Who may read and write which record, by role and scope: the server's one
 * table of access rules (docs/domain.md, "Privacy": least privilege by role).
 *
 * - senco and admin: the whole school, read and write.
 * - headteacher: the whole school, read only. Every change they push is
 *   refused (`canWrite`), whatever the record: they oversee, they do not record.
 * - teacher: reads the children in their classes (class.teacherIds) and their
 *   focus children, and everything about those children; writes ticks,
 *   plans, targets, passports, reviews and scores for them, their own focus
 *   children and lessons. Never staff, school, class, provision, child or
 *   intervention records, nor another teacher's focus children.
 * - ta: reads the children in their groups (intervention.staffIds/childIds)
 *   and the classes they support (class.taIds); writes ticks and assessment
 *   scores for them, sessions of the groups they run, and their own lessons.
 *
 * - the SEN register history (senRegisterEntry): written by whole-school
 *   roles with the change of status it records, corrected by a SENCo only
 *   (not an admin), read with the child.
 *
 * - a session register (interventionSession) names several children: it is
 *   read per line (`readView`): whole by the group's staff, cut to their own
 *   children's lines for anyone else who sees the group.
 *
 * Every school-wide list (school, staff, class, provision) is readable by
 * all staff of that school: it names no child. Another school is never seen:
 * every query is narrowed by the token's school first (see scoped-pull.ts).
 *
 * `RECORD_RULES` is typed `Record<EntityName, ...>`, so a new record type in
 * src/domain/records.ts fails the type check until it has a rule here (and the
 * authorisation matrix test fails too).
 */
import { isReadOnlyRole, type EntityName, type Role } from '../../src/domain';

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
  /** When set, only these whole-school roles may write it (the others may not at all). */
  writtenOnlyBy?: readonly Role[];
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const has = (set: ReadonlySet<string>, value: unknown): boolean => {
  const id = str(value);
  return id !== undefined && set.has(id);
};

type RegisterLine = { childId?: unknown } | null;
const registerOf = (data: Data): RegisterLine[] =>
  Array.isArray(data.attendance) ? (data.attendance as RegisterLine[]) : [];

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
    // A session of a group the person runs, or one whose register has a line
    // about a child they may see (what of it they see: `readView`).
    read: (scope, data) =>
      has(scope.runsInterventionIds, data.interventionId) ||
      (has(scope.interventionIds, data.interventionId) &&
        registerOf(data).some((line) => has(scope.childIds, line?.childId))),
    // Only the staff who run a group log its sessions, and only for children they may see.
    write: (scope, data) =>
      isStaffOf(scope, 'teacher', 'ta') &&
      has(scope.runsInterventionIds, data.interventionId) &&
      registerOf(data).every((row) => has(scope.childIds, row?.childId)),
  },
  assessmentScore: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher', 'ta') && aboutChildInScope(scope, data),
  },
  review: {
    read: aboutChildInScope,
    write: (scope, data) => isStaffOf(scope, 'teacher') && aboutChildInScope(scope, data),
  },
  // A SEND record from the child's previous school: seen by whoever sees the
  // child; brought in by the SENCo alone, who decides what the school takes on.
  transferredRecord: { read: aboutChildInScope, write: nobody, writtenOnlyBy: ['senco'] },
  // The register is the SENCo's: whole-school roles write its lines, only a
  // SENCo corrects them (see `canWrite`); everyone who sees the child reads it.
  senRegisterEntry: { read: aboutChildInScope, write: nobody },
};

/**
 * A correction of the SEN register history is the SENCo's alone, whatever
 * other whole-school role a person has: an admin's change of a child's
 * status writes its line like anyone's, but only the SENCo rewrites the
 * register's past.
 */
const isSencoOnly = (entity: EntityName, data: Data): boolean =>
  entity === 'senRegisterEntry' && data.supersedesId !== undefined;

export const canRead = (
  scope: ReaderScope,
  entity: EntityName,
  data: Data,
  entityId: string,
): boolean => scope.isWholeSchool || RECORD_RULES[entity].read(scope, data, entityId);

/**
 * A session's register cut down to the lines about children `isShown`
 * accepts: null when no line is left, the record itself when every line is.
 * Why the note goes with any cut: it is free text about the whole group
 * ("Sam refused to join in"), so it is only for someone who may see every
 * child the session was about.
 */
export const cutRegister = (data: Data, isShown: (childId: string) => boolean): Data | null => {
  const register = registerOf(data);
  const lines = register.filter((line) => {
    const childId = str(line?.childId);
    return childId !== undefined && isShown(childId);
  });
  if (lines.length === 0) return null;
  if (lines.length === register.length) return data;
  const { note: _note, ...rest } = data;
  return { ...rest, attendance: lines };
};

/**
 * What of a record this person is sent: the record as stored, a copy cut
 * down to what they may see, or null when they may see none of it.
 *
 * Read scope is per line where a record is about several children: a
 * session of a group that mixes classes is seen whole by the staff who run
 * the group and by whole-school roles; anyone else who sees the group
 * (a class teacher or class TA of some of its children) gets only the lines
 * of the children they may see, and the session's note only when that is
 * every line. The cut copy is still a valid session (at least one line), so
 * it parses on every device.
 */
export const readView = (
  scope: ReaderScope,
  entity: EntityName,
  data: Data,
  entityId: string,
): Data | null => {
  if (!canRead(scope, entity, data, entityId)) return null;
  if (
    entity !== 'interventionSession' ||
    scope.isWholeSchool ||
    has(scope.runsInterventionIds, data.interventionId)
  ) {
    return data;
  }
  return cutRegister(data, (childId) => scope.childIds.has(childId));
};

/** Do two views of one record (from `readView`) say the same? */
export const isSameView = (a: Data | null, b: Data | null): boolean =>
  a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

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
  // Before the whole-school rule: a headteacher reads the whole school but writes nothing.
  if (isReadOnlyRole(scope.role)) return false;
  if (isSencoOnly(entity, after)) return scope.role === 'senco';
  const rule = RECORD_RULES[entity];
  if (rule.writtenOnlyBy && !rule.writtenOnlyBy.includes(scope.role)) return false;
  if (scope.isWholeSchool) return true;
  if (stored && !rule.write(scope, stored, entityId)) return false;
  return rule.write(scope, after, entityId);
};

/** The child a record is about, for the audit log; undefined for school-wide records. */
export const childIdOf = (entity: EntityName, data: Data, entityId: string): string | undefined =>
  entity === 'child' ? entityId : str(data.childId);

/** Every child an intervention record includes. */
export const interventionChildIds = (data: Data): string[] => strs(data.childIds);
