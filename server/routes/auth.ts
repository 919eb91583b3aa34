/**
 * Sign-in and sign-out. Sign-in swaps an email and password for a session
 * token (stored only hashed); sign-out revokes it, so a lost tablet's
 * session can be cut off.
 */
import { Hono } from 'hono';
import { createLimiter, SIGN_IN_LIMITS } from '../auth/rate-limit';
import { ERROR_CODES, signInRequestSchema } from '../../src/domain';
import type { SignInResponse } from '../../src/domain';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES, rateLimited } from '../errors';
import { getDummyHash, verifyPassword } from '../auth/passwords';
import { hashToken, newSessionToken, SESSION_LIFETIME_MS } from '../auth/tokens';
import { requireAuth } from '../auth/middleware';
import { findStaffByEmail, insertSession, revokeSession } from '../store/accounts';
import { bindDevice } from '../store/devices';
import { validate } from './validation';

export const authRoutes = (deps: ResolvedDeps) => {
  // Why two limits: per account stops guessing one person's password from
  // many addresses; per address stops one machine trying many accounts.
  const perAccount = createLimiter(SIGN_IN_LIMITS.perAccount, deps.now);
  const perAddress = createLimiter(SIGN_IN_LIMITS.perAddress, deps.now);
  return new Hono<AppEnv>()
    .post('/sign-in', async (c, next) => {
      // Counted before the body is read, so even malformed floods are limited.
      const address = deps.clientAddress(c);
      const wait = perAddress.retryAfterMs(address);
      if (wait > 0) return rateLimited(c, wait);
      perAddress.hit(address);
      await next();
    })
    .post('/sign-in', validate('json', signInRequestSchema, MESSAGES.signInInput), async (c) => {
      const { email, password, deviceId } = c.req.valid('json');
      const accountWait = perAccount.retryAfterMs(email);
      if (accountWait > 0) return rateLimited(c, accountWait);
      const staff = await findStaffByEmail(deps.db, email);
      // Why the dummy hash: an unknown email takes the same path and time as
      // a wrong password, so sign-in does not reveal who has an account.
      const isMatch = await verifyPassword(password, staff?.passwordHash ?? (await getDummyHash()));
      if (!staff || !staff.isActive || !isMatch) {
        perAccount.hit(email);
        return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.wrongCredentials);
      }
      perAccount.reset(email);
      const token = newSessionToken();
      const nowMs = deps.now();
      const at = new Date(nowMs).toISOString();
      const boundDeviceId = await deps.db.transaction().execute(async (trx) => {
        const bound = await bindDevice(
          trx,
          { schoolId: staff.schoolId, staffId: staff.id },
          deviceId,
          at,
        );
        await insertSession(trx, {
          tokenHash: hashToken(token),
          staffId: staff.id,
          schoolId: staff.schoolId,
          deviceId: bound,
          createdAt: at,
          expiresAt: new Date(nowMs + SESSION_LIFETIME_MS).toISOString(),
          lastUsedAt: at,
        });
        return bound;
      });
      const body: SignInResponse = {
        token,
        staff: { id: staff.id, name: staff.name, role: staff.role, schoolId: staff.schoolId },
        deviceId: boundDeviceId,
      };
      return c.json(body, 200);
    })
    .post('/sign-out', requireAuth(deps), async (c) => {
      const { session } = c.get('signedIn');
      await revokeSession(deps.db, session.tokenHash, new Date(deps.now()).toISOString());
      return c.body(null, 204);
    });
};
