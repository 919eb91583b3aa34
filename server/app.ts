/**
 * The HTTP app: the API under /api/v1 (health, auth, sync) and, when a
 * built client is present, the PWA with a fallback to index.html for its
 * routes. `createApp(deps)` has no side effects, so tests call
 * `app.request()` on it directly. Every request is logged (server/log.ts).
 */
import { relative } from 'node:path';
import { Hono } from 'hono';
import type { Context, Next } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ERROR_CODES } from '../src/domain';
import type { AppDeps, AppEnv, ResolvedDeps } from './env';
import { codeForStatus, jsonError, MESSAGES } from './errors';
import { healthRoutes } from './routes/health';
import { authRoutes } from './routes/auth';
import { activationRoutes } from './routes/activation';
import { setupRoutes } from './routes/setup';
import { syncRoutes } from './routes/sync-api';
import { auditRoutes } from './routes/audit';
import { childrenRoutes } from './routes/children';
import { devicesRoutes } from './routes/devices';
import { staffAccountsRoutes } from './routes/staff-accounts';
import { staffRoutes } from './routes/staff';
import { createScopeCache } from './store/scope-cache';
import { requestLog, silentLogger } from './log';
import { withByteRanges } from './static-range';

/** Largest body for any API route but push. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/**
 * Security headers on every response. The Content Security Policy allows
 * only this origin: the app loads nothing from anywhere else (docs/domain.md,
 * "Privacy": no third-party requests). No inline script or style is allowed:
 * the built app has none (Preact sets styles through the DOM, which CSP
 * does not restrict).
 */
export const SECURITY_HEADERS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
};

/** The TCP peer address; 'unknown' where there is none (tests calling app.request). */
const peerAddress = (c: Context): string => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/**
 * Why these cache rules: index.html, sw.js and the manifest must be checked
 * on every load so an update reaches devices; files under /assets/ have a
 * content hash in their name and never change.
 */
const setCacheHeaders = (path: string, c: Context): void => {
  const normalised = path.replaceAll('\\', '/');
  if (/(^|\/)(index\.html|sw\.js|manifest\.webmanifest|manifest\.json)$/.test(normalised)) {
    c.header('Cache-Control', 'no-cache');
  } else if (/(^|\/)assets\//.test(normalised)) {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
  }
};

const addStaticRoutes = (app: Hono<AppEnv>, staticDir: string): void => {
  // serveStatic takes a root relative to the working directory.
  const root = relative(process.cwd(), staticDir) || '.';
  // The file each request was answered with, for the byte-range wrapper.
  const foundPath = new WeakMap<Context, string>();
  const onFound = (path: string, c: Context) => {
    foundPath.set(c, path);
    setCacheHeaders(path, c);
  };
  const files = withByteRanges(serveStatic({ root, onFound }), foundPath);
  // The PWA routes on the client: any other GET that is not the API gets the shell.
  const shell = withByteRanges(serveStatic({ root, path: 'index.html', onFound }), foundPath);
  const skipApi =
    (handler: (c: Context, next: Next) => Promise<Response | void>) => (c: Context, next: Next) =>
      isApiPath(c.req.path) ? next() : handler(c, next);
  app.get('*', skipApi(files));
  app.get('*', skipApi(shell));
};

export const createApp = (deps: AppDeps) => {
  const logger = deps.logger ?? silentLogger();
  const resolved: ResolvedDeps = {
    db: deps.db,
    now: deps.now ?? Date.now,
    logError: deps.logError ?? ((message, error) => logger.error({ err: error }, message)),
    clientAddress: deps.clientAddress ?? peerAddress,
    ...(deps.faults ? { faults: deps.faults } : {}),
    scopes: createScopeCache(),
  };
  const app = new Hono<AppEnv>();

  app.use('*', ...requestLog(logger));
  app.use('*', secureHeaders(SECURITY_HEADERS));
  app.use('/api/*', async (c, next) => {
    await next();
    // Why: API answers hold children's data; no browser or proxy may keep them.
    c.header('Cache-Control', 'no-store');
  });
  // Every API body is small except a sync push, which has its own 1 MiB limit.
  const smallBody = bodyLimit({
    maxSize: MAX_API_BODY_BYTES,
    onError: (c) => jsonError(c, 413, ERROR_CODES.payloadTooLarge, MESSAGES.tooLarge),
  });
  app.use('/api/*', (c, next) =>
    c.req.path === '/api/v1/sync/push' ? next() : smallBody(c, next),
  );

  app.route('/api/v1/health', healthRoutes());
  app.route('/api/v1/auth', authRoutes(resolved));
  app.route('/api/v1/auth', activationRoutes(resolved));
  app.route('/api/v1/setup', setupRoutes(resolved));
  app.route('/api/v1/sync', syncRoutes(resolved));
  app.route('/api/v1/devices', devicesRoutes(resolved));
  app.route('/api/v1/staff', staffRoutes(resolved));
  app.route('/api/v1/audit', auditRoutes(resolved));
  app.route('/api/v1/children', childrenRoutes(resolved));
  app.route('/api/v1/staff-accounts', staffAccountsRoutes(resolved));

  if (deps.staticDir) addStaticRoutes(app, deps.staticDir);

  app.notFound((c) => jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound));

  app.onError((error, c) => {
    // A framework-raised client error (e.g. a body that is not JSON) keeps
    // its status but gets our shape and wording.
    if (error instanceof HTTPException && error.status < 500) {
      const code = codeForStatus(error.status);
      const message =
        code === ERROR_CODES.payloadTooLarge ? MESSAGES.tooLarge : MESSAGES.badRequest;
      return jsonError(c, error.status, code, message);
    }
    // A real bug or a database failure: logged here, never shown.
    resolved.logError(
      `Request failed: ${c.req.method} ${c.req.path} (request ${c.get('requestId')})`,
      error,
    );
    return jsonError(c, 500, ERROR_CODES.internal, MESSAGES.internal);
  });

  return app;
};

export type App = ReturnType<typeof createApp>;
