/**
 * Works out a signed-in person's scope (the classes, children and
 * interventions they may see) from the school's current records, and keeps
 * per device the scope it was last served, so a change of scope (a child
 * moves class, a TA leaves a group) can be turned into "remove these records"
 * and "send you what you may now see" on the device's next pull.
 */
import { createHash } from 'node:crypto';
import { isWholeSchoolRole, type Role } from '../../src/domain';
import type { ReaderScope } from '../auth/permissions';
import type { Executor } from '../db/connection';
import { listRecords } from './sync-store';

/**
 * The record types a scope is computed from (and nothing else but who is
 * reading and their role). Every write to one of them moves the school's
 * scope version (scope-version.ts `moveScopeVersion`), which is what keeps the
 * scope cache (scope-cache.ts) from serving a scope that no longer holds:
 * a new input to `computeScope` must be added here.
 */
export const SCOPE_ENTITIES: ReadonlySet<string> = new Set([
  'class',
  'child',
  'focusChild',
  'intervention',
]);

/** Whole-school readers: the SENCo, admins and the headteacher (read-only, see permissions.ts). */
export { isWholeSchoolRole };

const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export const computeScope = async (
  db: Executor,
  reader: { schoolId: string; staffId: string; role: Role },
): Promise<ReaderScope> => {
  const empty = new Set<string>();
  if (isWholeSchoolRole(reader.role)) {
    return {
      staffId: reader.staffId,
      role: reader.role,
      isWholeSchool: true,
      classIds: empty,
      childIds: empty,
      interventionIds: empty,
      runsInterventionIds: empty,
    };
  }
  const [classes, children, focus, interventions] = await Promise.all([
    listRecords(db, reader.schoolId, 'class'),
    listRecords(db, reader.schoolId, 'child'),
    listRecords(db, reader.schoolId, 'focusChild'),
    listRecords(db, reader.schoolId, 'intervention'),
  ]);
  const membersField = reader.role === 'teacher' ? 'teacherIds' : 'taIds';
  const classIds = new Set(
    classes
      .filter((c) => strs(c.data[membersField]).includes(reader.staffId))
      .map((c) => c.entityId),
  );
  const childIds = new Set(
    children
      .filter((c) => typeof c.data.classId === 'string' && classIds.has(c.data.classId))
      .map((c) => c.entityId),
  );
  if (reader.role === 'teacher') {
    for (const f of focus) {
      if (f.data.staffId === reader.staffId && f.data.isArchived !== true) {
        const childId = f.data.childId;
        if (typeof childId === 'string') childIds.add(childId);
      }
    }
  }
  const runs = interventions.filter((i) => strs(i.data.staffIds).includes(reader.staffId));
  for (const intervention of runs) {
    for (const childId of strs(intervention.data.childIds)) childIds.add(childId);
  }
  const runsInterventionIds = new Set(runs.map((i) => i.entityId));
  const interventionIds = new Set(
    interventions
      .filter(
        (i) =>
          runsInterventionIds.has(i.entityId) ||
          strs(i.data.childIds).some((childId) => childIds.has(childId)),
      )
      .map((i) => i.entityId),
  );
  return {
    staffId: reader.staffId,
    role: reader.role,
    isWholeSchool: false,
    classIds,
    childIds,
    interventionIds,
    runsInterventionIds,
  };
};

// ---------------------------------------------------------------- stored per device

export type StoredScope = {
  staffId: string;
  role: Role;
  classIds: string[];
  childIds: string[];
  interventionIds: string[];
  runsInterventionIds: string[];
};

export const scopeToStored = (scope: ReaderScope): StoredScope => ({
  staffId: scope.staffId,
  role: scope.role,
  classIds: [...scope.classIds].sort(),
  childIds: [...scope.childIds].sort(),
  interventionIds: [...scope.interventionIds].sort(),
  runsInterventionIds: [...scope.runsInterventionIds].sort(),
});

export const storedToScope = (stored: StoredScope): ReaderScope => ({
  staffId: stored.staffId,
  role: stored.role,
  isWholeSchool: isWholeSchoolRole(stored.role),
  classIds: new Set(stored.classIds),
  childIds: new Set(stored.childIds),
  interventionIds: new Set(stored.interventionIds),
  runsInterventionIds: new Set(stored.runsInterventionIds),
});

export const scopeHash = (stored: StoredScope): string =>
  createHash('sha256').update(JSON.stringify(stored)).digest('hex');

export type DeviceScope = {
  sessionHash: string;
  scope: StoredScope;
  hash: string;
  /** While a device catches up on records newly in its scope: the scope it already held... */
  backfillFrom: StoredScope | null;
  /** ...up to this change number. */
  backfillUntil: number;
};

export const findDeviceScope = async (
  db: Executor,
  schoolId: string,
  deviceId: string,
): Promise<DeviceScope | undefined> => {
  const row = await db
    .selectFrom('device_scopes')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sessionHash: row.session_hash,
    scope: JSON.parse(row.scope) as StoredScope,
    hash: row.scope_hash,
    backfillFrom:
      row.backfill_from === null ? null : (JSON.parse(row.backfill_from) as StoredScope),
    backfillUntil: Number(row.backfill_until),
  };
};

export const saveDeviceScope = async (
  db: Executor,
  schoolId: string,
  deviceId: string,
  value: DeviceScope,
  at: string,
): Promise<void> => {
  const row = {
    session_hash: value.sessionHash,
    scope: JSON.stringify(value.scope),
    scope_hash: value.hash,
    backfill_from: value.backfillFrom === null ? null : JSON.stringify(value.backfillFrom),
    backfill_until: value.backfillUntil,
    updated_at: at,
  };
  await db
    .insertInto('device_scopes')
    .values({ school_id: schoolId, device_id: deviceId, ...row })
    .onConflict((oc) => oc.columns(['school_id', 'device_id']).doUpdateSet(row))
    .execute();
};
