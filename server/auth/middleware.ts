/**
 * Requires `Authorization: Bearer <token>` on every API call but sign-in and
 * health. A missing, unknown, expired or revoked token, or a deactivated
 * account, is 401 (the device pauses sync and keeps its outbox).
 *
 * A token the SENCo revoked with a mode answers 401 with that mode's code
 * (`device_signed_out`, `device_lost`), so the device knows to go dark
 * rather than ask for a sign-in; a handed-back device may still push.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { findLiveSession, renewSession } from '../store/sessions';
import { findRevokedSession } from '../store/device-revocation';
import { hashToken, SESSION_LIFETIME_MS, SESSION_RENEW_AFTER_MS } from './tokens';

/** The one request a handed-back device may still make with its revoked token. */
export const HAND_BACK_PUSH_PATH = '/api/v1/sync/push';

export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/.exec(header ?? '');
  return match?.[1];
};

export const requireAuth = (deps: ResolvedDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.signInAgain);
    const nowMs = deps.now();
    const tokenHash = hashToken(token);
    const found = await findLiveSession(deps.db, tokenHash, new Date(nowMs).toISOString());
    if (!found) {
      const revoked = await findRevokedSession(deps.db, tokenHash);
      if (!revoked) return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.signInAgain);
      if (revoked.mode === 'lost') {
        return jsonError(c, 401, ERROR_CODES.deviceLost, MESSAGES.deviceLost);
      }
      // Why a handed-back device may still push: it is back in the school's
      // hands, and what it recorded must reach the server before the wipe.
      // Only the push, only as that device's own person (the author still
      // comes from the session), and only until the device reports its
      // wipe; nothing can be read with the revoked token.
      const isHandBackPush =
        !revoked.wipedAt && c.req.method === 'POST' && c.req.path === HAND_BACK_PUSH_PATH;
      if (!isHandBackPush) {
        return jsonError(c, 401, ERROR_CODES.deviceSignedOut, MESSAGES.deviceSignedOut);
      }
      c.set('signedIn', { session: revoked.session, staff: revoked.staff });
      return next();
    }
    // Why renew: a tablet used every school day should never be signed out
    // mid-lesson, while one left in a drawer expires after 30 days. Renewing
    // at most daily keeps this to one write a day per session.
    if (nowMs - Date.parse(found.session.lastUsedAt) > SESSION_RENEW_AFTER_MS) {
      const lastUsedAt = new Date(nowMs).toISOString();
      const expiresAt = new Date(nowMs + SESSION_LIFETIME_MS).toISOString();
      await renewSession(deps.db, found.session.tokenHash, lastUsedAt, expiresAt);
      found.session = { ...found.session, lastUsedAt, expiresAt };
    }
    c.set('signedIn', found);
    await next();
  });
