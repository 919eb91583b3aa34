/**
 * Session tokens: 32 random bytes, base64url, handed to the device once.
 * The database keeps only the SHA-256 of a token, so a leaked database
 * cannot be used to sign in.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used more than this long after its last renewal is extended. */
export const SESSION_RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');
