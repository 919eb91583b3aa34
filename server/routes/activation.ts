/**
 * `POST /auth/activate {code, password, deviceId?}`: a member of staff sets
 * their first password with the activation code the SENCo handed them, and
 * is signed in, exactly as sign-in answers (`{token, staff}`). Codes and
 * their rules: server/store/activation.ts.
 */
import { Hono } from 'hono';
import { ERROR_CODES } from '../../src/domain';
import { routes, type SignInResponse } from '../../src/domain/api';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES, rateLimited } from '../errors';
import { hashPassword } from '../auth/passwords';
import { createLimiter } from '../auth/rate-limit';
import { hashToken, newSessionToken, SESSION_LIFETIME_MS } from '../auth/tokens';
import { findStaffById } from '../store/staff';
import { openDeviceSession } from '../store/devices';
import { redeemActivationCode } from '../store/activation';
import { setPasswordHash } from '../store/staff-accounts';
import type { Redemption } from '../store/activation';
import { answer, validate } from './validation';

/**
 * Attempts from one address. Why a limit although codes cannot be guessed
 * (80 bits): each success costs a password hash, and a flood of attempts
 * should meet a 429, not the CPU.
 */
export const ACTIVATION_LIMIT = { max: 30, windowMs: 15 * 60_000 } as const;

const REFUSALS: Record<Exclude<Redemption, { ok: true }>['reason'], string> = {
  unknown: 'That activation code is not right. Check it against the slip and try again.',
  used: 'That activation code has been used already. Sign in with your email and password, or ask your SENCo for a new code.',
  replaced:
    'That activation code was replaced by a newer one. Use the newest slip, or ask your SENCo for a new code.',
  expired: 'That activation code has expired (codes last 14 days). Ask your SENCo for a new one.',
};

export const activationRoutes = (deps: ResolvedDeps) => {
  const perAddress = createLimiter(ACTIVATION_LIMIT, deps.now);
  return new Hono<AppEnv>()
    .post('/activate', async (c, next) => {
      const address = deps.clientAddress(c);
      const wait = perAddress.retryAfterMs(address);
      if (wait > 0) return rateLimited(c, wait);
      perAddress.hit(address);
      await next();
    })
    .post(
      '/activate',
      validate('json', routes.activate.body, MESSAGES.activationInput),
      async (c) => {
        const { code, password, deviceId } = c.req.valid('json');
        // Hashed before the transaction: scrypt is slow on purpose, and the
        // transaction holds the code's row.
        const passwordHash = await hashPassword(password);
        const nowMs = deps.now();
        const token = newSessionToken();
        const outcome = await deps.db.transaction().execute(async (trx) => {
          const redeemed = await redeemActivationCode(trx, code, nowMs);
          if (!redeemed.ok) return redeemed;
          const staff = await findStaffById(trx, redeemed.schoolId, redeemed.staffId);
          // A deactivated person's code must not bring them back.
          if (!staff || !staff.isActive) return { ok: false as const, reason: 'unknown' as const };
          await setPasswordHash(trx, staff.schoolId, staff.id, passwordHash);
          const bound = await openDeviceSession(
            trx,
            { schoolId: staff.schoolId, staffId: staff.id },
            deviceId,
            { tokenHash: hashToken(token), nowMs, lifetimeMs: SESSION_LIFETIME_MS },
          );
          return { ok: true as const, staff, deviceId: bound };
        });
        if (!outcome.ok) {
          return jsonError(c, 400, ERROR_CODES.activationInvalid, REFUSALS[outcome.reason]);
        }
        const { staff } = outcome;
        const body: SignInResponse = {
          token,
          staff: { id: staff.id, name: staff.name, role: staff.role, schoolId: staff.schoolId },
          deviceId: outcome.deviceId,
        };
        return answer(c, routes.activate, body);
      },
    );
};
