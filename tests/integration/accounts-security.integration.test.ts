/**
 * Accounts and sessions, the SENCo's device and staff controls, sign-in
 * rate limits, security headers, the audit log and a child's export and
 * erasure, on every database engine, through the real Hono app.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import type { PullResponse, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import { SESSION_LIFETIME_MS, SESSION_RENEW_AFTER_MS } from '../../server/auth/tokens';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { appRequests } from '../helpers/app-requests';
import { testEngines } from './support';

const PASSWORD = 'accounts-password';
const START = Date.parse('2026-11-23T10:00:00.000Z');

describe.each(testEngines())('accounts and security on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: START };
  let address = '10.0.0.1';

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: START - 86_400_000 });
    app = createApp({
      db,
      now: () => clock.nowMs,
      logError: () => {},
      clientAddress: () => address,
    });
  });
  afterAll(async () => {
    await close?.();
  });

  const { post, get } = appRequests(() => app);

  const signIn = async (email: string, deviceId = randomUUID()) => {
    const res = await post('/api/v1/auth/sign-in', { email, password: PASSWORD, deviceId });
    expect(res.status).toBe(200);
    return { ...((await res.json()) as { token: string; staff: { id: string } }), deviceId };
  };
  const pullStatus = async (token: string) =>
    (await get('/api/v1/sync/pull?after=0&limit=1', token)).status;

  it('never stores a plain token or password', async () => {
    const { token } = await signIn('teacher@demo.school');
    const dump = JSON.stringify([
      await db.selectFrom('staff').selectAll().execute(),
      await db.selectFrom('auth_sessions').selectAll().execute(),
      await db.selectFrom('audit_events').selectAll().execute(),
      await db.selectFrom('changes').selectAll().execute(),
      await db.selectFrom('records').selectAll().execute(),
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(PASSWORD);
    const staff = await db.selectFrom('staff').select('password_hash').execute();
    for (const row of staff) expect(row.password_hash).toMatch(/^scrypt\$/);
  });

  it('expires a session after 30 days unused, and renews one that is used', async () => {
    const used = await signIn('teacher@demo.school');
    const idle = await signIn('teacher@demo.school');
    // Used every 2 days for 40 days: still signed in.
    for (let day = 2; day <= 40; day += 2) {
      clock.nowMs = START + day * 86_400_000;
      expect(await pullStatus(used.token)).toBe(200);
    }
    expect(await pullStatus(idle.token)).toBe(401);
    clock.nowMs = START + 40 * 86_400_000 + SESSION_LIFETIME_MS + SESSION_RENEW_AFTER_MS;
    expect(await pullStatus(used.token)).toBe(401);
    clock.nowMs = START;
  });

  it('sign-out revokes the token', async () => {
    const { token } = await signIn('teacher@demo.school');
    expect(await pullStatus(token)).toBe(200);
    expect((await post('/api/v1/auth/sign-out', {}, token)).status).toBe(204);
    expect(await pullStatus(token)).toBe(401);
  });

  it("lists devices for the SENCo only, and revoking one leaves the person's other device working", async () => {
    const tablet = await signIn('ta@demo.school');
    const laptop = await signIn('ta@demo.school');
    expect(await pullStatus(tablet.token)).toBe(200);
    expect(await pullStatus(laptop.token)).toBe(200);
    const senco = await signIn('senco@demo.school');

    expect((await get('/api/v1/devices', tablet.token)).status).toBe(403);
    const list = (await (await get('/api/v1/devices', senco.token)).json()) as {
      devices: { id: string; staffName: string; lastPullAt: string | null; liveSessions: number }[];
    };
    const row = list.devices.find((d) => d.id === tablet.deviceId);
    expect(row).toMatchObject({ staffName: 'Alex Morgan', liveSessions: 1 });
    expect(row?.lastPullAt).toBe(new Date(clock.nowMs).toISOString());

    expect((await post(`/api/v1/devices/${tablet.deviceId}/revoke`, {}, tablet.token)).status).toBe(
      403,
    );
    const revoke = await post(`/api/v1/devices/${tablet.deviceId}/revoke`, {}, senco.token);
    expect(revoke.status).toBe(200);
    expect(await pullStatus(tablet.token)).toBe(401);
    expect(await pullStatus(laptop.token)).toBe(200);
    expect((await post(`/api/v1/devices/${randomUUID()}/revoke`, {}, senco.token)).status).toBe(
      404,
    );
  });

  it('deactivating a person ends all their sessions and stops sign-in', async () => {
    const a = await signIn('priya.shah@demo.school');
    const b = await signIn('priya.shah@demo.school');
    const senco = await signIn('senco@demo.school');
    const priya = demoId('staff:priya.shah@demo.school');
    expect((await post(`/api/v1/staff/${priya}/deactivate`, {}, a.token)).status).toBe(403);
    expect((await post(`/api/v1/staff/${priya}/deactivate`, {}, senco.token)).status).toBe(200);
    expect(await pullStatus(a.token)).toBe(401);
    expect(await pullStatus(b.token)).toBe(401);
    const again = await post('/api/v1/auth/sign-in', {
      email: 'priya.shah@demo.school',
      password: PASSWORD,
    });
    expect(again.status).toBe(401);
    expect((await post(`/api/v1/staff/${priya}/reactivate`, {}, senco.token)).status).toBe(200);
    await signIn('priya.shah@demo.school');
  });

  it('rate-limits sign-in per account and per address, with Retry-After', async () => {
    address = '10.0.0.2';
    for (let i = 0; i < 10; i++) {
      const res = await post('/api/v1/auth/sign-in', {
        email: 'tom.reid@demo.school',
        password: 'wrong',
      });
      expect(res.status).toBe(401);
    }
    // That address now waits for this account, even with the right password.
    const locked = await post('/api/v1/auth/sign-in', {
      email: 'tom.reid@demo.school',
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Other accounts are not affected.
    await signIn('ellie.green@demo.school');
    // The account is not locked: from another address, the right password works.
    address = '10.0.0.3';
    await signIn('tom.reid@demo.school');
    // After the window, the guessing address may try again.
    address = '10.0.0.2';
    clock.nowMs += 15 * 60_000 + 1;
    await signIn('tom.reid@demo.school');

    // One address flooding sign-in (counted before the body is even read).
    address = '10.0.0.4';
    let last = 0;
    for (let i = 0; i < 301; i++) {
      last = (await post('/api/v1/auth/sign-in', { email: `x${i}@example.com` })).status;
    }
    expect(last).toBe(429);
    address = '10.0.0.1';
    clock.nowMs = START;
  });

  it('sends security headers and a strict CSP, and no-store on the API', async () => {
    const res = await app.request('/api/v1/health');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('limits the body size of every route', async () => {
    const big = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(100_000) });
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('audits changes, views and exports; the SENCo filters and exports the log', async () => {
    const teacher = await signIn('teacher@demo.school');
    const childId = demoId('child:y3:1');
    const targetId = demoId(`target:${childId}:0`);
    const push = await post(
      '/api/v1/sync/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: teacher.deviceId,
        mutations: [
          {
            id: randomUUID(),
            deviceId: teacher.deviceId,
            seq: 1,
            hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId: teacher.deviceId }),
            kind: 'event',
            entity: 'tick',
            entityId: randomUUID(),
            data: {
              targetId,
              childId,
              outcome: 'partly',
              recordedAt: new Date(clock.nowMs).toISOString(),
            },
          },
        ],
      },
      teacher.token,
    );
    expect(((await push.json()) as PushResponse).results[0]?.status).toBe('applied');
    expect((await post('/api/v1/audit/views', { childId }, teacher.token)).status).toBe(204);
    // A child outside the teacher's classes: refused, and not logged.
    const y5 = demoId('child:y5:2');
    expect((await post('/api/v1/audit/views', { childId: y5 }, teacher.token)).status).toBe(404);

    const senco = await signIn('senco@demo.school');
    expect((await get(`/api/v1/children/${childId}/export`, teacher.token)).status).toBe(403);
    const exported = await get(`/api/v1/children/${childId}/export`, senco.token);
    expect(exported.status).toBe(200);
    const record = (await exported.json()) as { records: { entity: string }[] };
    expect(record.records.map((r) => r.entity)).toEqual(
      expect.arrayContaining(['child', 'target', 'tick', 'learningPlan', 'focusChild']),
    );

    expect((await get(`/api/v1/audit?childId=${childId}`, teacher.token)).status).toBe(403);
    const log = (await (await get(`/api/v1/audit?childId=${childId}`, senco.token)).json()) as {
      events: { action: string; staffName: string; deviceId: string | null }[];
    };
    expect(log.events.map((e) => e.action).sort()).toEqual(['created', 'exported', 'viewed']);
    expect(log.events.find((e) => e.action === 'created')).toMatchObject({
      staffName: 'Jo Hughes',
      deviceId: teacher.deviceId,
    });
    const byStaff = (await (
      await get(
        `/api/v1/audit?staffId=${teacher.staff.id}&from=2026-01-01&to=2026-12-31`,
        senco.token,
      )
    ).json()) as { events: { childId: string }[] };
    expect(byStaff.events.length).toBeGreaterThanOrEqual(2);
    const csv = await get(`/api/v1/audit/export?childId=${childId}`, senco.token);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('Action');
    expect(text).toContain('Jo Hughes');
    // Words first, the ids only in the last columns.
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header).toBe(
      'When (UTC),Who,Action,Record,Detail,Staff id,Device id,Record id,Child id',
    );
    for (const line of lines) {
      const words = line.split(',').slice(0, 5).join(',');
      expect(words).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\[|\{|_/);
    }
    expect(text).toContain('Viewed');
  });

  it('logs a view made offline at the time it happened, and never in the future', async () => {
    const teacher = await signIn('teacher@demo.school');
    const childId = demoId('child:y3:2');
    const twoHoursAgo = new Date(clock.nowMs - 2 * 3_600_000).toISOString();
    const tomorrow = new Date(clock.nowMs + 86_400_000).toISOString();
    for (const viewedAt of [twoHoursAgo, tomorrow]) {
      const sent = await post('/api/v1/audit/views', { childId, viewedAt }, teacher.token);
      expect(sent.status).toBe(204);
    }
    expect(
      (await post('/api/v1/audit/views', { childId, viewedAt: 'yesterday' }, teacher.token)).status,
    ).toBe(400);
    const senco = await signIn('senco@demo.school');
    const log = (await (await get(`/api/v1/audit?childId=${childId}`, senco.token)).json()) as {
      events: { action: string; at: string }[];
    };
    const views = log.events.filter((event) => event.action === 'viewed').map((e) => e.at);
    expect(views.sort()).toEqual([twoHoursAgo, new Date(clock.nowMs).toISOString()].sort());
  });

  it('erases a child from the server and, on next pull, from devices; the audit keeps no personal data', async () => {
    const childId = demoId('child:y3:4');
    const before = (await db
      .selectFrom('records')
      .select('data')
      .where('entity_id', '=', childId)
      .executeTakeFirstOrThrow()) as { data: string };
    const firstName = (JSON.parse(before.data) as { firstName: string }).firstName;
    const lastName = (JSON.parse(before.data) as { lastName: string }).lastName;
    const teacher = await signIn('teacher@demo.school');
    let cursor = 0;
    for (;;) {
      const page = (await (
        await get(`/api/v1/sync/pull?after=${cursor}&limit=1000`, teacher.token)
      ).json()) as PullResponse;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const senco = await signIn('senco@demo.school');
    expect((await post(`/api/v1/children/${childId}/erase`, {}, senco.token)).status).toBe(400);
    const erase = await post(`/api/v1/children/${childId}/erase`, { confirm: true }, senco.token);
    expect(erase.status).toBe(200);

    const page = (await (
      await get(`/api/v1/sync/pull?after=${cursor}&limit=1000`, teacher.token)
    ).json()) as PullResponse;
    expect(page.revoked?.map((r) => r.entityId)).toContain(childId);
    expect(page.revoked?.length).toBeGreaterThan(3);

    // Only empty tombstones keep the ids (so a late push cannot bring a
    // record back); no data, change or history names the child any more.
    const records = await db.selectFrom('records').selectAll().execute();
    for (const row of records.filter((r) => r.data.includes(childId))) {
      expect(row, `${row.entity} ${row.entity_id} still names the child`).toBeUndefined();
    }
    const tombstone = records.find((r) => r.entity_id === childId);
    expect(tombstone).toMatchObject({ data: '{}', is_deleted: 1 });
    const changes = await db.selectFrom('changes').selectAll().execute();
    expect(changes.filter((c) => c.entity_id === childId || c.data?.includes(childId))).toEqual([]);
    const history = await db.selectFrom('record_history').selectAll().execute();
    expect(history.filter((h) => h.value.includes(childId))).toEqual([]);
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('child_id', '=', childId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('erased');
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toContain(firstName);
    expect(auditText).not.toContain(lastName);
    expect((await get(`/api/v1/children/${childId}/export`, senco.token)).status).toBe(404);
  });

  it('erases children who left longer ago than the retention period', async () => {
    const senco = await signIn('senco@demo.school');
    const leaver = demoId('child:y5:5');
    const push = await post(
      '/api/v1/sync/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: senco.deviceId,
        mutations: [
          {
            id: randomUUID(),
            deviceId: senco.deviceId,
            seq: 1,
            hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId: senco.deviceId }),
            kind: 'patch',
            entity: 'child',
            entityId: leaver,
            data: { leftOn: '2025-07-18' },
          },
        ],
      },
      senco.token,
    );
    expect(push.status).toBe(200);
    const set = await app.request('/api/v1/children/retention', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${senco.token}` },
      body: JSON.stringify({ months: 12 }),
    });
    expect(set.status).toBe(200);
    const res = await post('/api/v1/children/erase-leavers', { confirm: true }, senco.token);
    expect(await res.json()).toEqual({ erased: 1 });
    const row = await db
      .selectFrom('records')
      .select(['data', 'is_deleted'])
      .where('entity_id', '=', leaver)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ data: '{}', is_deleted: 1 });
  });
});
