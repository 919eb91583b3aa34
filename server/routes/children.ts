/**
 * A child's record on request (UK GDPR), for the SENCo and admins:
 * `GET /children/:id/export` gives the full record as JSON (the app prints
 * it), `POST /children/:id/erase` erases it from the server and, on their
 * next sync, from every device. Both leave an audit entry with ids only.
 * `PUT /children/retention` sets how long a child who left is kept, and
 * `POST /children/erase-leavers` erases those past it.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { routes } from '../../src/domain/api';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import type { NewAuditEvent } from '../store/audit';
import { insertAuditEvents } from '../store/audit';
import type { Executor } from '../db/connection';
import { eraseChild, exportChildRecord, listExpiredLeavers } from '../store/child-record';
import { getLeftRetentionMonths, setLeftRetentionMonths } from '../store/retention';
import { answer, validate } from './validation';
import { auditBase } from './audit-author';

/** Erases the children and writes one audit entry each (ids only). */
const eraseAll = async (
  trx: Executor,
  base: ReturnType<typeof auditBase>,
  childIds: string[],
  reason: string,
): Promise<number> => {
  let erased = 0;
  const entries: NewAuditEvent[] = [];
  for (const childId of childIds) {
    const count = await eraseChild(
      trx,
      { schoolId: base.schoolId, staffId: base.staffId, deviceId: randomUUID(), nowIso: base.at },
      childId,
    );
    if (count === 0) continue;
    erased += 1;
    entries.push({
      ...base,
      action: 'erased',
      entity: 'child',
      entityId: childId,
      childId,
      detail: `${reason}; ${count} records`,
    });
  }
  await insertAuditEvents(trx, entries);
  return erased;
};

export const childrenRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    .use(requireAuth(deps), requireSenco())
    .get('/retention', async (c) => {
      const months = await getLeftRetentionMonths(deps.db, c.get('signedIn').staff.schoolId);
      return answer(c, routes.retention, { months });
    })
    .put(
      '/retention',
      validate('json', routes.setRetention.body, MESSAGES.badRequest),
      async (c) => {
        const { months } = c.req.valid('json');
        const at = new Date(deps.now()).toISOString();
        await deps.db.transaction().execute(async (trx) => {
          await setLeftRetentionMonths(trx, c.get('signedIn').staff.schoolId, months);
          await insertAuditEvents(trx, [
            {
              ...auditBase(c, at),
              action: 'retention_set',
              entity: null,
              entityId: null,
              childId: null,
              detail: months === null ? 'kept until erased by hand' : `${months} months`,
            },
          ]);
        });
        return answer(c, routes.setRetention, { months });
      },
    )
    .post(
      '/erase-leavers',
      validate('json', routes.eraseLeavers.body, MESSAGES.badRequest),
      async (c) => {
        const erased = await eraseExpiredLeavers(deps, c);
        return answer(c, routes.eraseLeavers, { erased });
      },
    )
    .get(
      '/:id/export',
      validate('param', routes.exportChild.params, MESSAGES.notFound),
      async (c) => {
        const { id } = c.req.valid('param');
        const at = new Date(deps.now()).toISOString();
        const record = await deps.db.transaction().execute(async (trx) => {
          const found = await exportChildRecord(trx, c.get('signedIn').staff.schoolId, id, at);
          if (found) {
            await insertAuditEvents(trx, [
              {
                ...auditBase(c, at),
                action: 'exported',
                entity: 'child',
                entityId: id,
                childId: id,
                detail: null,
              },
            ]);
          }
          return found;
        });
        if (!record) return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
        c.header('Content-Disposition', `attachment; filename="child-record-${id}.json"`);
        return answer(c, routes.exportChild, record);
      },
    )
    .post(
      '/:id/erase',
      validate('param', routes.eraseChild.params, MESSAGES.notFound),
      validate('json', routes.eraseChild.body, MESSAGES.badRequest),
      async (c) => {
        const { id } = c.req.valid('param');
        const at = new Date(deps.now()).toISOString();
        const erased = await deps.db
          .transaction()
          .execute((trx) => eraseAll(trx, auditBase(c, at), [id], 'on request'));
        if (erased === 0) return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
        return answer(c, routes.eraseChild, { erased });
      },
    );

const eraseExpiredLeavers = async (deps: ResolvedDeps, c: Context<AppEnv>): Promise<number> => {
  const schoolId = c.get('signedIn').staff.schoolId;
  const at = new Date(deps.now()).toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const months = await getLeftRetentionMonths(trx, schoolId);
    if (months === null) return 0;
    const ids = await listExpiredLeavers(trx, schoolId, months, at.slice(0, 10));
    return eraseAll(trx, auditBase(c, at), ids, 'retention period ended');
  });
};
