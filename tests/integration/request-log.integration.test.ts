/**
 * The request log through the real Hono app on a database seeded with the
 * demo school: one JSON line per request with a level, the request id (also
 * the X-Request-Id header), method, path, status and duration; never a
 * token, a password, the query string or a child's name; and logError's
 * lines go to the same log.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool } from '../../server/demo/seed';
import { createLogger } from '../../server/log';
import { testEngines } from './support';

const PASSWORD = 'log-test-password';

describe.each(testEngines())('the request log on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  const written: string[] = [];
  const destination = { write: (line: string) => void written.push(line) };
  const logger = createLogger({ level: 'info', destination });
  let app: ReturnType<typeof createApp>;
  let failing: ReturnType<typeof createApp>;
  let token: string;
  let deviceId: string;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD });
    app = createApp({ db, logger });
    // Every push fails inside its transaction: a 500, for logError.
    failing = createApp({
      db,
      logger,
      faults: { beforePushCommit: () => Promise.reject(new Error('disk on fire')) },
    });
    deviceId = randomUUID();
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'teacher@demo.school', password: PASSWORD, deviceId }),
    });
    expect(res.status).toBe(200);
    ({ token } = (await res.json()) as { token: string });
    expect(written.join('')).not.toContain(PASSWORD);
  });
  beforeEach(() => {
    written.length = 0;
  });
  afterAll(async () => {
    await close?.();
  });

  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs a pull as exactly one JSON line, and the token nowhere', async () => {
    const res = await app.request(`/api/v1/sync/pull?after=0&limit=1000&token=${token}`, {
      headers: { Authorization: `Bearer ${token}`, Cookie: `session=${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { changes: { entity: string; data: unknown }[] };
    const child = body.changes.find((c) => c.entity === 'child')!.data as { firstName: string };

    const requestId = res.headers.get('X-Request-Id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const all = lines();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      level: 'info',
      reqId: requestId,
      req: { method: 'GET', path: '/api/v1/sync/pull' },
      res: { status: 200 },
      responseTime: expect.any(Number),
    });
    const output = written.join('');
    expect(output).not.toContain(token);
    expect(output).not.toContain('after=0');
    expect(output).not.toContain(child.firstName);
  });

  it('keeps a sane incoming X-Request-Id and replaces any other', async () => {
    const sane = 'lb-7f3a_0042';
    const kept = await app.request('/api/v1/health', { headers: { 'X-Request-Id': sane } });
    expect(kept.headers.get('X-Request-Id')).toBe(sane);
    for (const bad of ['a'.repeat(65), 'with space', 'semi;colon', '']) {
      const res = await app.request('/api/v1/health', { headers: { 'X-Request-Id': bad } });
      const id = res.headers.get('X-Request-Id')!;
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines()[0]).toMatchObject({ reqId: sane, res: { status: 200 } });
  });

  it('sends logError to the same log, at error, with the request id', async () => {
    const pulled = await app.request('/api/v1/sync/pull?after=0&limit=1000', {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { changes } = (await pulled.json()) as {
      changes: { entity: string; entityId: string; data: unknown }[];
    };
    const target = changes.find((c) => c.entity === 'target')!;
    const childId = (target.data as { childId: string }).childId;
    const child = changes.find((c) => c.entityId === childId)!.data as { firstName: string };
    written.length = 0;
    const now = Date.now();
    const res = await failing.request('/api/v1/sync/push', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        'X-Request-Id': 'push-1',
      },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        mutations: [
          {
            id: randomUUID(),
            deviceId,
            seq: 1,
            hlc: formatHlc({ wallMs: now, counter: 0, deviceId }),
            kind: 'event',
            entity: 'tick',
            entityId: randomUUID(),
            data: {
              targetId: target.entityId,
              childId,
              outcome: 'achieved',
              recordedAt: new Date(now).toISOString(),
            },
          },
        ],
      }),
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('X-Request-Id')).toBe('push-1');
    const all = lines();
    const failure = all.find((line) => String(line.msg).startsWith('Request failed'));
    expect(failure).toMatchObject({
      level: 'error',
      msg: 'Request failed: POST /api/v1/sync/push (request push-1)',
      err: { message: 'disk on fire' },
    });
    expect(all.filter((line) => line.reqId === 'push-1')).toEqual([
      expect.objectContaining({ level: 'error', res: { status: 500 } }),
    ]);
    const output = written.join('');
    expect(output).not.toContain(token);
    expect(output).not.toContain(child.firstName);
  });

  it('redacts secrets in anything logged by hand', () => {
    logger.info(
      { authorization: `Bearer ${token}`, user: { password: PASSWORD, firstName: 'Ada' } },
      'by hand',
    );
    const output = written.join('');
    expect(output).toContain('by hand');
    expect(output).not.toContain(token);
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain('Ada');
  });
});
