/**
 * Staff accounts, for the SENCo (and admins): the list with who is active,
 * and deactivating a person, which ends all their sessions at once (someone
 * who left, or whose account may be misused). Reactivating lets them sign
 * in again; it restores no session.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import { findStaffById, listStaffAccounts, setStaffActive } from '../store/staff';
import { insertAuditEvents } from '../store/audit';
import { routes } from '../../src/domain/api';
import { answer, validate } from './validation';
import { auditBase } from './audit-author';

const MESSAGES_STAFF = {
  notYourself: 'You cannot deactivate your own account. Ask another SENCo or an admin.',
} as const;

export const staffRoutes = (deps: ResolvedDeps) => {
  const handler = (isActive: boolean) => async (c: Context<AppEnv>) => {
    const route = isActive ? routes.reactivateStaff : routes.deactivateStaff;
    const id = c.req.param('id') ?? '';
    const { staff } = c.get('signedIn');
    if (!isActive && id === staff.id) {
      return jsonError(c, 400, ERROR_CODES.badRequest, MESSAGES_STAFF.notYourself);
    }
    const at = new Date(deps.now()).toISOString();
    const found = await deps.db.transaction().execute(async (trx) => {
      const target = await findStaffById(trx, staff.schoolId, id);
      if (!target) return false;
      await setStaffActive(trx, staff.schoolId, id, isActive, at);
      await insertAuditEvents(trx, [
        {
          ...auditBase(c, at),
          action: isActive ? 'staff_reactivated' : 'staff_deactivated',
          entity: 'staff',
          entityId: id,
          childId: null,
          detail: target.name,
        },
      ]);
      return true;
    });
    if (!found) return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
    return answer(c, route, { id, isActive });
  };
  return new Hono<AppEnv>()
    .use(requireAuth(deps), requireSenco())
    .get('/', async (c) => {
      const { staff } = c.get('signedIn');
      const accounts = await listStaffAccounts(deps.db, staff.schoolId);
      return answer(c, routes.staff, {
        staff: accounts.map((a) => ({
          id: a.id,
          name: a.name,
          email: a.email,
          role: a.role,
          isActive: a.isActive,
        })),
      });
    })
    .post(
      '/:id/deactivate',
      validate('param', routes.deactivateStaff.params, MESSAGES.notFound),
      handler(false),
    )
    .post(
      '/:id/reactivate',
      validate('param', routes.reactivateStaff.params, MESSAGES.notFound),
      handler(true),
    );
};
