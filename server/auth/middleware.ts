/**
 * Requires `Authorization: Bearer <token>` on every API call but sign-in and
 * health. A missing, unknown, expired or revoked token, or a deactivated
 * account, is 401 (the device pauses sync and keeps its outbox).
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES } from '../errors';
import { ERROR_CODES } from '../../src/domain';
import { findLiveSession, renewSession } from '../store/accounts';
import { hashToken, SESSION_LIFETIME_MS, SESSION_RENEW_AFTER_MS } from './tokens';

export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/.exec(header ?? '');
  return match?.[1];
};

export const requireAuth = (deps: ResolvedDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.signInAgain);
    const nowMs = deps.now();
    const found = await findLiveSession(deps.db, hashToken(token), new Date(nowMs).toISOString());
    if (!found) return jsonError(c, 401, ERROR_CODES.unauthorized, MESSAGES.signInAgain);
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
