/**
 * The API contract against the real app, on every database engine: each
 * route of the table (src/domain/api/routes.ts) is called once through the
 * device's client (src/sync/api.ts), and its answer must parse with the
 * route's response schema. The server also checks every answer itself and
 * throws under test, so a route that broke its schema would answer 500 here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import { routes, type RouteDef, type RouteInput, type RouteName } from '../../src/domain/api';
import { api } from '../../src/sync/api';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool, DEMO_SCHOOL_ID } from '../../server/demo/seed';
import { issueActivationCode } from '../../server/store/activation';
import { testEngines } from './support';

const PASSWORD = 'demo-password-for-tests';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const BASE = 'http://test';

describe.each(testEngines())('the API contract on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const called = new Set<RouteName>();

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({ db, now: () => NOW, logError: () => {} });
  });

  afterAll(async () => {
    await close?.();
  });

  /**
   * Calls `name` through the client and parses the raw answer with the
   * route's response schema (the server's promise, stricter than what the
   * client reads for a pull page).
   */
  const call = async <N extends RouteName>(
    name: N,
    input: RouteInput<(typeof routes)[N]>,
    token?: string,
  ) => {
    const route: RouteDef = routes[name];
    let raw: Response | undefined;
    const doFetch: typeof fetch = async (url, init) => {
      const response = await app.request(String(url), init);
      raw = response.clone();
      return response;
    };
    const answer = await api(routes[name], input, {
      baseUrl: BASE,
      fetch: doFetch,
      ...(token ? { token } : {}),
    });
    expect(raw!.ok, `${route.method} ${route.path}`).toBe(true);
    if (route.responseType === 'empty') {
      expect(raw!.status).toBe(204);
    } else {
      const text = await raw!.text();
      const body: unknown = route.responseType === 'text' ? text : JSON.parse(text);
      const parsed = route.response!.safeParse(body);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    called.add(name);
    return answer;
  };

  const signIn = async (email: string, deviceId = randomUUID()) =>
    call('signIn', { body: { email, password: PASSWORD, deviceId } });

  it('answers every route of the table with its response schema', async () => {
    await call('health', {});
    expect((await call('setup', {})).hasSchool).toBe(true);

    const senco = await signIn('senco@demo.school');
    const token = senco.token;
    const deviceId = senco.deviceId!;

    // Sync: how far this device got, a push of one change, a pull.
    expect((await call('syncDevice', { query: { deviceId } }, token)).lastSeq).toBe(0);
    const targetId = randomUUID();
    const pushed = await call(
      'push',
      {
        body: {
          protocolVersion: PROTOCOL_VERSION,
          deviceId,
          mutations: [
            {
              id: randomUUID(),
              deviceId,
              seq: 1,
              hlc: formatHlc({ wallMs: NOW, counter: 0, deviceId }),
              kind: 'delete',
              entity: 'target',
              entityId: targetId,
            },
          ],
        },
      },
      token,
    );
    expect(pushed.results).toHaveLength(1);
    const page = await call('pull', { query: { after: 0, limit: 1000 } }, token);
    const child = page.changes
      .map((change) => change as { entity: string; entityId: string })
      .find((change) => change.entity === 'child');
    expect(child).toBeDefined();
    const childId = child!.entityId;

    // Staff, accounts and devices.
    const staff = (await call('staff', {}, token)).staff;
    const priya = staff.find((person) => person.email === 'priya.shah@demo.school')!;
    expect((await call('deactivateStaff', { params: { id: priya.id } }, token)).isActive).toBe(
      false,
    );
    expect((await call('reactivateStaff', { params: { id: priya.id } }, token)).isActive).toBe(
      true,
    );
    expect((await call('staffAccounts', {}, token)).accounts.length).toBeGreaterThan(0);
    const unknownStaff = randomUUID();
    const made = await call('createStaffAccounts', { body: { staffIds: [unknownStaff] } }, token);
    expect(made.results).toEqual([{ staffId: unknownStaff, status: 'not_found' }]);

    const ta = await signIn('ta@demo.school');
    const devices = (await call('devices', {}, token)).devices;
    expect(devices.map((device) => device.id)).toContain(ta.deviceId);
    const revoked = await call(
      'revokeDevice',
      { params: { id: ta.deviceId! }, body: { mode: 'hand_back' } },
      token,
    );
    expect(revoked.mode).toBe('hand_back');
    await call('deviceWiped', { body: { droppedChanges: 0 } }, ta.token);

    // The audit log.
    await call('reportView', { body: { childId, what: 'child_record' } }, token);
    expect((await call('audit', { query: { childId } }, token)).events.length).toBeGreaterThan(0);
    expect(await call('auditExport', { query: { childId } }, token)).toContain('Viewed');

    // A child's record on request.
    expect((await call('retention', {}, token)).months).toBeNull();
    expect((await call('setRetention', { body: { months: 24 } }, token)).months).toBe(24);
    expect((await call('eraseLeavers', { body: { confirm: true } }, token)).erased).toBe(0);
    expect((await call('exportChild', { params: { id: childId } }, token)).childId).toBe(childId);
    expect(
      (await call('eraseChild', { params: { id: childId }, body: { confirm: true } }, token))
        .erased,
    ).toBe(1);

    // Activation: a first password with the SENCo's code (the first, from the
    // store, replaced by a fresh one the SENCo asks for).
    const tom = staff.find((person) => person.email === 'tom.reid@demo.school')!;
    await db
      .transaction()
      .execute((trx) =>
        issueActivationCode(trx, { schoolId: DEMO_SCHOOL_ID, staffId: tom.id }, NOW),
      );
    const fresh = await call('newActivationCode', { params: { id: tom.id } }, token);
    expect(fresh.staffId).toBe(tom.id);
    const code = fresh.activationCode;
    const activated = await call('activate', {
      body: { code, password: 'a-long-new-password', deviceId: randomUUID() },
    });
    expect(activated.staff.id).toBe(tom.id);

    await call('signOut', {}, token);

    expect([...called].sort()).toEqual(Object.keys(routes).sort());
  });
});
