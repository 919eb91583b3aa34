/**
 * Only these roles may use a route (after requireAuth). Anyone else gets a
 * 403 with our error shape: managing devices, staff, the audit log and a
 * child's export or erasure is for the SENCo and admins.
 */
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../src/domain';
import { ERROR_CODES } from '../../src/domain';
import type { AppEnv } from '../env';
import { jsonError, MESSAGES } from '../errors';

export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get('signedIn').staff.role)) {
      return jsonError(c, 403, ERROR_CODES.forbidden, MESSAGES.forbidden);
    }
    await next();
  });

export const requireSenco = () => requireRole('senco', 'admin');
