/**
 * The audit log. `GET /audit` (SENCo, admins) filters by child, staff and
 * date; `GET /audit/export` gives the same as CSV; `POST /audit/views` is
 * how a device reports that someone opened a child's record (any staff, for
 * a child they may see).
 */
import { Hono } from 'hono';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { AUDIT_ACTION_LABELS } from '../../src/domain/audit-actions';
import { routes } from '../../src/domain/api';
import { toCsv } from '../../src/domain/reports/csv';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import { canRead } from '../auth/permissions';
import { insertAuditEvents, listAuditEvents, type AuditEvent } from '../store/audit';
import { currentScope } from '../store/scope-cache';
import { findRecord } from '../store/sync-store';
import { answer, validate } from './validation';
import { auditBase } from './audit-author';

/** How far back a late view report may date itself (a device offline over a holiday). */
const LATE_VIEW_LIMIT_MS = 60 * 24 * 60 * 60_000;

/**
 * The time to log a view at: the device's own time, when it is plausible.
 * Why clamp: a device clock may be wrong, and the log must never claim a
 * view in the future or from before the device could have been offline.
 */
const viewTime = (viewedAt: string | undefined, nowMs: number): string => {
  const at = viewedAt ? Date.parse(viewedAt) : NaN;
  if (Number.isNaN(at) || at > nowMs || at < nowMs - LATE_VIEW_LIMIT_MS) {
    return new Date(nowMs).toISOString();
  }
  return new Date(at).toISOString();
};

/** The kind of record an entry is about, in words (other record types by their own name). */
const ENTITY_WORDS: Record<string, string> = {
  child: 'Child record',
  focusChild: 'Focus child',
  learningPlan: 'Learning plan',
  target: 'Target',
  tick: 'Tick',
  passport: 'Pupil passport',
  review: 'Review',
  assessmentScore: 'Assessment score',
  interventionSession: 'Session log',
  intervention: 'Intervention group',
  lesson: 'Lesson',
  staff: 'Staff record',
  class: 'Class',
  school: 'School',
  provision: 'Provision',
  senRegisterEntry: 'SEN register history',
  device: 'Device',
};

/** A detail stored as JSON (a revocation's mode) as words: "Mode: wipe; dropped changes: 2". */
const DETAIL_WORDS: Record<string, string> = {
  child_record: "The child's record",
  child_export: "The child's record, printed or exported",
};
const detailWords = (detail: string | null): string => {
  if (!detail) return '';
  if (DETAIL_WORDS[detail]) return DETAIL_WORDS[detail];
  if (!detail.startsWith('{')) return detail;
  try {
    const parsed = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([key, value]) => {
        const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
        return `${words.charAt(0).toUpperCase()}${words.slice(1)}: ${String(value)}`;
      })
      .join('; ');
  } catch {
    return detail;
  }
};

/**
 * The CSV file's row for an entry: words first, and the ids last, for
 * matching an entry to the device list or a child after an erasure (the
 * log holds no child's name, so it can outlive one).
 */
const csvRow = (event: AuditEvent) => ({
  'When (UTC)': `${event.at.slice(0, 10).split('-').reverse().join('/')} ${event.at.slice(11, 19)}`,
  Who: event.staffName,
  Action: AUDIT_ACTION_LABELS[event.action] ?? event.action,
  Record: event.entity ? (ENTITY_WORDS[event.entity] ?? event.entity) : '',
  Detail: detailWords(event.detail),
  'Staff id': event.staffId,
  'Device id': event.deviceId ?? '',
  'Record id': event.entityId ?? '',
  'Child id': event.childId ?? '',
});
const CSV_COLUMNS = [
  'When (UTC)',
  'Who',
  'Action',
  'Record',
  'Detail',
  'Staff id',
  'Device id',
  'Record id',
  'Child id',
];

export const auditRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    .use(requireAuth(deps))
    .post('/views', validate('json', routes.reportView.body, MESSAGES.badRequest), async (c) => {
      const { childId, what, viewedAt } = c.req.valid('json');
      const { staff } = c.get('signedIn');
      const child = await findRecord(deps.db, staff.schoolId, 'child', childId);
      const { scope } = await currentScope(deps.db, deps.scopes, {
        schoolId: staff.schoolId,
        staffId: staff.id,
        role: staff.role,
      });
      // Why the same 404 for "no such child" and "not yours": a report must
      // not reveal which children exist outside the reader's scope.
      if (!child || child.isDeleted || !canRead(scope, 'child', child.data, childId)) {
        return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
      }
      await insertAuditEvents(deps.db, [
        {
          ...auditBase(c, viewTime(viewedAt, deps.now())),
          action: 'viewed',
          entity: 'child',
          entityId: childId,
          childId,
          detail: what,
        },
      ]);
      return c.body(null, 204);
    })
    .use(requireSenco())
    .get('/', validate('query', routes.audit.query, MESSAGES.badRequest), async (c) => {
      const { staff } = c.get('signedIn');
      const events = await listAuditEvents(deps.db, staff.schoolId, c.req.valid('query'));
      return answer(c, routes.audit, { events });
    })
    .get('/export', validate('query', routes.auditExport.query, MESSAGES.badRequest), async (c) => {
      const { staff } = c.get('signedIn');
      const events = await listAuditEvents(deps.db, staff.schoolId, c.req.valid('query'));
      // Why the app's own CSV writer: a staff name, a field name in a patch or
      // a note can start with `=`, `+`, `-` or `@`, and the SENCo opens this
      // file in a spreadsheet; toCsv neutralises such cells as every other
      // export of the app does.
      const csv = toCsv(events.map(csvRow), CSV_COLUMNS);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="audit-log.csv"');
      return answer(c, routes.auditExport, csv);
    });
