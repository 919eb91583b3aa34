/**
 * What every request handler may rely on: the app's dependencies and, after
 * the auth middleware, who is signed in.
 */
import type { Context } from 'hono';
import type { PinoLogger } from 'hono-pino';
import type { Db } from './db/connection';
import type { Logger } from './log';
import type { AuthSession } from './store/sessions';
import type { StaffAccount } from './store/staff';
import type { ScopeCache } from './store/scope-cache';

export type AppDeps = {
  db: Db;
  /** The server clock in ms; tests inject their own. */
  now?: () => number;
  /** Where the built PWA lives (dist/client); omitted in tests. */
  staticDir?: string;
  /**
   * The log (server/log.ts createLogger): one JSON line per request, and
   * logError's lines. Defaults to a silent one, so tests stay quiet; a test
   * that reads the log passes a logger on a destination stream of its own.
   */
  logger?: Logger;
  /** Server-side log for real failures; defaults to an error line on `logger`. */
  logError?: (message: string, error: unknown) => void;
  /**
   * The caller's address, for per-address rate limits. Defaults to the TCP
   * peer address; behind a proxy, pass one that reads its trusted header.
   */
  clientAddress?: (c: Context) => string;
  /** Fault injection for crash tests only (see tests/integration/crash.integration.test.ts). */
  faults?: { beforePushCommit?: () => Promise<void> };
};

export type SignedIn = { staff: StaffAccount; session: AuthSession };

export type AppEnv = {
  Variables: {
    signedIn: SignedIn;
    /** This request's id, also sent as X-Request-Id (server/log.ts). */
    requestId: string;
    /** The request's logger (hono-pino), its lines tagged with the request id. */
    logger: PinoLogger;
  };
};

export type ResolvedDeps = Required<Pick<AppDeps, 'db' | 'now' | 'logError' | 'clientAddress'>> &
  Pick<AppDeps, 'faults'> & {
    /** Readers' computed scopes, kept per app (and so per database). */
    scopes: ScopeCache;
  };
