/**
 * Signed-in devices, for the SENCo (and admins): `GET /devices` lists every
 * device that has synced, whose it is and when it last pushed and pulled;
 * `POST /devices/:id/revoke` ends every session on one device (a lost
 * tablet) while the same person's other devices keep working.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES, idSchema } from '../../src/domain';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import { findDevice, listDevices, revokeDeviceSessions } from '../store/accounts';
import { insertAuditEvents } from '../store/audit';
import { validate } from './validation';

export type DeviceSummary = {
  id: string;
  staffId: string;
  staffName: string;
  firstSeenAt: string;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Sessions still signed in on this device; 0 once revoked or expired. */
  liveSessions: number;
};

// The shared id schema: an id in upper case names the same device.
export const idParam = z.object({ id: idSchema });

export const devicesRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    .use(requireAuth(deps), requireSenco())
    .get('/', async (c) => {
      const { staff } = c.get('signedIn');
      const devices: DeviceSummary[] = await listDevices(
        deps.db,
        staff.schoolId,
        new Date(deps.now()).toISOString(),
      );
      return c.json({ devices }, 200);
    })
    .post('/:id/revoke', validate('param', idParam, MESSAGES.notFound), async (c) => {
      const { id } = c.req.valid('param');
      const { staff, session } = c.get('signedIn');
      const at = new Date(deps.now()).toISOString();
      const revoked = await deps.db.transaction().execute(async (trx) => {
        if (!(await findDevice(trx, staff.schoolId, id))) return undefined;
        const count = await revokeDeviceSessions(trx, staff.schoolId, id, at);
        await insertAuditEvents(trx, [
          {
            schoolId: staff.schoolId,
            at,
            staffId: staff.id,
            staffName: staff.name,
            deviceId: session.deviceId,
            action: 'device_revoked',
            entity: null,
            entityId: id,
            childId: null,
            detail: null,
          },
        ]);
        return count;
      });
      if (revoked === undefined) {
        return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
      }
      return c.json({ revokedSessions: revoked }, 200);
    });
