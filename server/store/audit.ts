/**
 * The audit log: who created, changed, deleted, viewed, exported or erased a
 * child's record (and who revoked a device or deactivated a person), when,
 * and from which device. Entries hold ids and names of staff, never a
 * child's personal data, so the log can outlive an erasure.
 */
import { newId } from '../../src/domain';
import type { Executor } from '../db/connection';
import { insertRows } from '../db/bulk';

import { AUDIT_ACTIONS, type AuditAction } from '../../src/domain/audit-actions';

// The list lives in the domain, so the SENCo's screen shows the same words.
export { AUDIT_ACTIONS, type AuditAction };

export type AuditEvent = {
  id: string;
  schoolId: string;
  at: string;
  staffId: string;
  staffName: string;
  deviceId: string | null;
  action: AuditAction;
  entity: string | null;
  entityId: string | null;
  childId: string | null;
  detail: string | null;
};

export type NewAuditEvent = Omit<AuditEvent, 'id'>;

export const insertAuditEvents = async (
  db: Executor,
  events: readonly NewAuditEvent[],
): Promise<void> => {
  // Multi-row: one push may carry 500 mutations, each with its entry. Ids
  // are UUID v7, in time order, so a push's entries go in at the end of the
  // index (random ids took twice as long to insert) and entries made in the
  // same moment list in the order they were made.
  await insertRows(
    db,
    'audit_events',
    events.map((event) => ({
      id: newId(),
      school_id: event.schoolId,
      at: event.at,
      staff_id: event.staffId,
      staff_name: event.staffName,
      device_id: event.deviceId,
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId,
      child_id: event.childId,
      detail: event.detail,
    })),
  );
};

export type AuditFilter = {
  childId?: string;
  staffId?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  limit: number;
};

export const listAuditEvents = async (
  db: Executor,
  schoolId: string,
  filter: AuditFilter,
): Promise<AuditEvent[]> => {
  let query = db.selectFrom('audit_events').selectAll().where('school_id', '=', schoolId);
  if (filter.childId) query = query.where('child_id', '=', filter.childId);
  if (filter.staffId) query = query.where('staff_id', '=', filter.staffId);
  if (filter.from) query = query.where('at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where('at', '<=', `${filter.to}T23:59:59.999Z`);
  const rows = await query.orderBy('at', 'desc').orderBy('id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    schoolId: row.school_id,
    at: row.at,
    staffId: row.staff_id,
    staffName: row.staff_name,
    deviceId: row.device_id,
    action: row.action as AuditAction,
    entity: row.entity,
    entityId: row.entity_id,
    childId: row.child_id,
    detail: row.detail,
  }));
};
