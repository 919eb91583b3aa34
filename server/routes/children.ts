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
import { z } from 'zod';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import type { NewAuditEvent } from '../store/audit';
import { insertAuditEvents } from '../store/audit';
import type { Executor } from '../db/connection';
import { eraseChild, exportChildRecord, listExpiredLeavers } from '../store/child-record';
import { idParam } from './devices';
import { validate } from './validation';

export const eraseRequestSchema = z.object({ confirm: z.literal(true) }).strict();
export const retentionSchema = z
  .object({ months: z.number().int().min(1).max(600).nullable() })
  .strict();

const auditBase = (c: Context<AppEnv>, at: string) => {
  const { staff, session } = c.get('signedIn');
  return {
    schoolId: staff.schoolId,
    at,
    staffId: staff.id,
    staffName: staff.name,
    deviceId: session.deviceId,
  };
};

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
      const row = await deps.db
        .selectFrom('schools')
        .select('left_retention_months')
        .where('id', '=', c.get('signedIn').staff.schoolId)
        .executeTakeFirstOrThrow();
      return c.json({ months: row.left_retention_months }, 200);
    })
    .put('/retention', validate('json', retentionSchema, MESSAGES.badRequest), async (c) => {
      const { months } = c.req.valid('json');
      const at = new Date(deps.now()).toISOString();
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('schools')
          .set({ left_retention_months: months })
          .where('id', '=', c.get('signedIn').staff.schoolId)
          .execute();
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
      return c.json({ months }, 200);
    })
    .post(
      '/erase-leavers',
      validate('json', eraseRequestSchema, MESSAGES.badRequest),
      async (c) => {
        const erased = await eraseExpiredLeavers(deps, c);
        return c.json({ erased }, 200);
      },
    )
    .get('/:id/export', validate('param', idParam, MESSAGES.notFound), async (c) => {
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
      return c.json(record, 200);
    })
    .post(
      '/:id/erase',
      validate('param', idParam, MESSAGES.notFound),
      validate('json', eraseRequestSchema, MESSAGES.badRequest),
      async (c) => {
        const { id } = c.req.valid('param');
        const at = new Date(deps.now()).toISOString();
        const erased = await deps.db
          .transaction()
          .execute((trx) => eraseAll(trx, auditBase(c, at), [id], 'on request'));
        if (erased === 0) return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
        return c.json({ erased }, 200);
      },
    );

const eraseExpiredLeavers = async (deps: ResolvedDeps, c: Context<AppEnv>): Promise<number> => {
  const schoolId = c.get('signedIn').staff.schoolId;
  const at = new Date(deps.now()).toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('schools')
      .select('left_retention_months')
      .where('id', '=', schoolId)
      .executeTakeFirstOrThrow();
    if (row.left_retention_months === null) return 0;
    const ids = await listExpiredLeavers(trx, schoolId, row.left_retention_months, at.slice(0, 10));
    return eraseAll(trx, auditBase(c, at), ids, 'retention period ended');
  });
};
