/**
 * The server's log: pino, one JSON line per event on stdout (pino-pretty
 * turns it into text for `npm run dev`). Owns the request log middleware
 * (one line per request: level, request id, method, path, status and
 * duration in ms), the X-Request-Id header, and what must never be logged.
 *
 * Why so little of a request: request and response bodies, headers and the
 * query string are never logged, because they carry session tokens,
 * passwords, activation codes and children's names. The redaction list below
 * is a second guard for anything logged as an object by hand.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { pinoLogger } from 'hono-pino';
import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'password',
  'newPassword',
  'activationCode',
  'pin',
  // A body, headers or query logged by mistake go whole.
  'body',
  'headers',
  'query',
  'firstName',
  'lastName',
  'preferredFirstName',
  'preferredLastName',
  'childName',
];

/** Each secret key at the top of a logged object and up to two levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const prop = /^[A-Za-z_]\w*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) =>
    prop.startsWith('[') ? `${prefix}${prop}` : `${prefix}.${prop}`;
  return [prop, join('*'), join('*.*')];
});

/** A logger writing JSON lines to `destination` (stdout unless given). */
export const createLogger = (
  options: { level?: LogLevel; destination?: DestinationStream } = {},
): Logger =>
  pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Why labels: "level":"error" reads the same in any log viewer.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    // Why synchronous: the server ends with process.exit, and a buffered line
    // (the last error, say) would be lost.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );

/** A logger that writes nothing: the app's default, so tests stay quiet. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** An incoming X-Request-Id is kept only when it is this shape; otherwise a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Tags each request with an id (the caller's X-Request-Id if sane, else a
 * new UUID), returns it as X-Request-Id, and logs one line when it ends.
 */
export const requestLog = (logger: Logger): MiddlewareHandler[] => [
  async (c, next) => {
    const incoming = c.req.header('X-Request-Id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
    // An error handler's response replaced the first one; the header goes on it too.
    c.res.headers.set('X-Request-Id', id);
  },
  pinoLogger({
    pino: logger,
    http: {
      referRequestIdKey: 'requestId',
      // The path only: never the query string, headers or body (see the header comment).
      onReqBindings: (c: Context) => ({ req: { method: c.req.method, path: c.req.path } }),
      onResBindings: (c: Context) => ({ res: { status: c.res.status } }),
      onResLevel: (c: Context) => (c.res.status >= 500 ? 'error' : 'info'),
      // A fixed message: an error's own message goes to logError, with its stack.
      onResMessage: () => 'request',
    },
  }) as unknown as MiddlewareHandler,
];
