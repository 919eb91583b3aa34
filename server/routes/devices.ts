/**
 * Signed-in devices, for the SENCo (and admins): `GET /devices` lists every
 * device that has synced, whose it is, when it last pushed and pulled, and
 * how it was revoked; `POST /devices/:id/revoke` with `{mode}` ends every
 * session on one device while the same person's other devices keep
 * working: `hand_back` lets it send what it holds and then wipe, `lost`
 * makes it wipe at its next contact without sending.
 *
 * `POST /devices/wiped` is the revoked device's last word, under its
 * revoked token: it wiped, and held this many changes the server never got.
 */
import { Hono } from 'hono';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { routes, type DeviceSummary } from '../../src/domain/api';
import { bearerToken, requireAuth } from '../auth/middleware';
import { hashToken } from '../auth/tokens';
import { requireSenco } from '../auth/require-role';
import { findDevice, listDevices } from '../store/devices';
import { insertAuditEvents } from '../store/audit';
import { findRevokedSession, recordDeviceWiped, revokeDevice } from '../store/device-revocation';
import { answer, validate } from './validation';
import { auditBase } from './audit-author';

export const devicesRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    // Why this route has no requireAuth: its token is revoked by design.
    // It can do one thing, once: note the wipe and the dropped count on
    // the device that token belonged to (recordDeviceWiped).
    .post('/wiped', validate('json', routes.deviceWiped.body, MESSAGES.badRequest), async (c) => {
      const token = bearerToken(c.req.header('Authorization'));
      const revoked = token ? await findRevokedSession(deps.db, hashToken(token)) : undefined;
      if (!revoked) return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.signInAgain);
      const { droppedChanges } = c.req.valid('json');
      const at = new Date(deps.now()).toISOString();
      const recorded = await deps.db.transaction().execute(async (trx) => {
        if (!(await recordDeviceWiped(trx, revoked, droppedChanges, at))) return false;
        await insertAuditEvents(trx, [
          {
            schoolId: revoked.session.schoolId,
            at,
            staffId: revoked.staff.id,
            staffName: revoked.staff.name,
            deviceId: revoked.session.deviceId,
            action: 'device_wiped',
            entity: null,
            entityId: revoked.session.deviceId,
            childId: null,
            detail: JSON.stringify({ mode: revoked.mode, droppedChanges }),
          },
        ]);
        return true;
      });
      // A second report from the same token: it is spent, like any revoked one.
      if (!recorded) return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.signInAgain);
      return c.body(null, 204);
    })
    .get('/', requireAuth(deps), requireSenco(), async (c) => {
      const { staff } = c.get('signedIn');
      const devices: DeviceSummary[] = await listDevices(
        deps.db,
        staff.schoolId,
        new Date(deps.now()).toISOString(),
      );
      return answer(c, routes.devices, { devices });
    })
    .post(
      '/:id/revoke',
      requireAuth(deps),
      requireSenco(),
      validate('param', routes.revokeDevice.params, MESSAGES.notFound),
      async (c) => {
        const { id } = c.req.valid('param');
        const body: unknown = await c.req.json().catch(() => ({}));
        const parsed = routes.revokeDevice.body.safeParse(body ?? {});
        if (!parsed.success) return jsonError(c, 400, ERROR_CODES.badRequest, MESSAGES.badRequest);
        // Why hand back is the default: an older SENCo screen sends no mode,
        // and of the two only hand back never drops a change nobody sent.
        const mode = parsed.data.mode ?? 'hand_back';
        const { staff } = c.get('signedIn');
        const at = new Date(deps.now()).toISOString();
        const revoked = await deps.db.transaction().execute(async (trx) => {
          if (!(await findDevice(trx, staff.schoolId, id))) return undefined;
          const count = await revokeDevice(trx, staff.schoolId, id, mode, at);
          await insertAuditEvents(trx, [
            {
              ...auditBase(c, at),
              action: 'device_revoked',
              entity: null,
              entityId: id,
              childId: null,
              detail: JSON.stringify({ mode }),
            },
          ]);
          return count;
        });
        if (revoked === undefined) {
          return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
        }
        return answer(c, routes.revokeDevice, { revokedSessions: revoked, mode });
      },
    );
