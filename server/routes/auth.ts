/**
 * Sign-in and sign-out. Sign-in swaps an email and password for a session
 * token (stored only hashed), and re-hashes a password stored at a lower
 * cost than today's; sign-out revokes it, so a lost tablet's session can be
 * cut off.
 */
import { Hono } from 'hono';
import { createKnownPlaces, createLimiter, SIGN_IN_LIMITS } from '../auth/rate-limit';
import { ERROR_CODES } from '../../src/domain';
import { routes, type SignInResponse } from '../../src/domain/api';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES, rateLimited } from '../errors';
import { getDummyHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { hashToken, newSessionToken, SESSION_LIFETIME_MS } from '../auth/tokens';
import { requireAuth } from '../auth/middleware';
import { findStaffAccountsByEmail, upgradePasswordHash } from '../store/staff';
import { revokeSession } from '../store/sessions';
import type { StaffAccount } from '../store/staff';
import { openDeviceSession } from '../store/devices';
import { answer, validate } from './validation';

/**
 * The active account among `candidates` (one email's accounts, one per
 * school at most) whose password this is, or none.
 *
 * Why every candidate's hash is checked, even after a match: an email is
 * unique only within a school, so the password decides which school's
 * account signs in, and checking all of them makes the time depend on how
 * many accounts share the address, not on which one matched. Why the dummy
 * hash: an email with no account takes the same path and time as a wrong
 * password, so sign-in does not reveal who has an account. The first match
 * in school order wins when one password opens two schools' accounts.
 */
const accountForPassword = async (
  candidates: readonly StaffAccount[],
  password: string,
): Promise<StaffAccount | undefined> => {
  if (candidates.length === 0) {
    await verifyPassword(password, await getDummyHash());
    return undefined;
  }
  let found: StaffAccount | undefined;
  for (const candidate of candidates) {
    const isMatch = await verifyPassword(password, candidate.passwordHash);
    if (isMatch && candidate.isActive) found ??= candidate;
  }
  return found;
};

export const authRoutes = (deps: ResolvedDeps) => {
  // Why these limits, and why none locks the account: SIGN_IN_LIMITS.
  const perAccountAddress = createLimiter(SIGN_IN_LIMITS.perAccountAddress, deps.now);
  const perAccount = createLimiter(SIGN_IN_LIMITS.perAccount, deps.now);
  const perAddress = createLimiter(SIGN_IN_LIMITS.perAddress, deps.now);
  const knownPlaces = createKnownPlaces(deps.now);
  return new Hono<AppEnv>()
    .post('/sign-in', async (c, next) => {
      // Counted before the body is read, so even malformed floods are limited.
      const address = deps.clientAddress(c);
      const wait = perAddress.retryAfterMs(address);
      if (wait > 0) return rateLimited(c, wait);
      perAddress.hit(address);
      await next();
    })
    .post('/sign-in', validate('json', routes.signIn.body, MESSAGES.signInInput), async (c) => {
      const { email, password, deviceId } = c.req.valid('json');
      const address = deps.clientAddress(c);
      const place = `${email}\n${address}`;
      const placeWait = perAccountAddress.retryAfterMs(place);
      if (placeWait > 0) return rateLimited(c, placeWait);
      // Why a known place skips the account's shared budget: other places'
      // wrong guesses must never keep the owner out of their own account.
      const isKnownPlace = knownPlaces.isKnown(email, address);
      const accountWait = isKnownPlace ? 0 : perAccount.retryAfterMs(email);
      if (accountWait > 0) return rateLimited(c, accountWait);
      const staff = await accountForPassword(
        await findStaffAccountsByEmail(deps.db, email),
        password,
      );
      if (!staff) {
        perAccountAddress.hit(place);
        if (!isKnownPlace) perAccount.hit(email);
        return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.wrongCredentials);
      }
      // The account's shared budget is not reset: the owner signing in must
      // not hand the places still guessing a fresh set of guesses.
      perAccountAddress.reset(place);
      knownPlaces.add(email, address);
      if (needsRehash(staff.passwordHash)) {
        // The password was just proved, so it can be hashed again at today's cost.
        await upgradePasswordHash(deps.db, staff, staff.passwordHash, await hashPassword(password));
      }
      const token = newSessionToken();
      const nowMs = deps.now();
      const boundDeviceId = await deps.db.transaction().execute((trx) =>
        openDeviceSession(trx, { schoolId: staff.schoolId, staffId: staff.id }, deviceId, {
          tokenHash: hashToken(token),
          nowMs,
          lifetimeMs: SESSION_LIFETIME_MS,
        }),
      );
      const body: SignInResponse = {
        token,
        staff: { id: staff.id, name: staff.name, role: staff.role, schoolId: staff.schoolId },
        deviceId: boundDeviceId,
      };
      return answer(c, routes.signIn, body);
    })
    .post('/sign-out', requireAuth(deps), async (c) => {
      const { session } = c.get('signedIn');
      await revokeSession(deps.db, session.tokenHash, new Date(deps.now()).toISOString());
      return c.body(null, 204);
    });
};
