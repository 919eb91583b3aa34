/**
 * The audit log: `GET /audit` (SENCo and admins) filtered by child, staff
 * and dates, `GET /audit/export` the same as CSV, and `POST /audit/views`,
 * how any device reports that someone opened a child's record.
 */
import { z } from '../zod';

export const auditQuerySchema = z.strictObject({
  childId: z.optional(z.uuid()),
  staffId: z.optional(z.uuid()),
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(5_000)), 500),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const VIEW_WHATS = ['child_record', 'child_export'] as const;

export const viewReportSchema = z.strictObject({
  childId: z.uuid(),
  /** What was viewed: the child's record page, or its printable export. */
  what: z._default(z.enum(VIEW_WHATS), 'child_record'),
  /** When it happened on the device: views made offline are reported later. */
  viewedAt: z.optional(z.iso.datetime()),
});
export type ViewReport = z.input<typeof viewReportSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  at: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  deviceId: z.nullable(z.string()),
  action: z.string(),
  entity: z.nullable(z.string()),
  entityId: z.nullable(z.string()),
  childId: z.nullable(z.string()),
  detail: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof auditEventSchema>;

export const auditResponseSchema = z.object({ events: z.array(auditEventSchema) });

/** The audit CSV: a text file, one row per event. */
export const auditCsvSchema = z.string();
