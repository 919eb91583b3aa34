/**
 * A lost tablet goes dark, on every database engine: the real client sync
 * engine (Dexie over an in-memory IndexedDB) against the real server app.
 * When the SENCo marks a teacher's tablet lost, its next contact sends
 * nothing, removes every child's record and reports how many unsent changes
 * it dropped, which the SENCo then sees; "signed out: hand back" lets it
 * send what it holds, once, before the same wipe. Nobody else can use a
 * revoked token for anything but that one report.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool } from '../../server/demo/seed';
import { ENTITY_NAMES, formatHlc, newId, PROTOCOL_VERSION } from '../../src/domain';
import {
  clearDarkMark,
  createLocalStore,
  focusChildrenFor,
  getDarkMark,
  tickTarget,
  type LocalStore,
} from '../../src/storage';
import { createSyncEngine, requestSignIn } from '../../src/sync';
import { testEngines } from './support';

const PASSWORD = 'lost-tablet-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

type DeviceRow = {
  id: string;
  liveSessions: number;
  revocation: {
    mode: string;
    at: string;
    wipedAt: string | null;
    droppedChanges: number | null;
  } | null;
};

describe.each(testEngines())('a lost tablet on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: App;
  const clock = { nowMs: NOW };

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({ db, now: () => clock.nowMs, logError: () => {} });
  });
  afterAll(async () => {
    await close?.();
  });
  beforeEach(async () => {
    // The dark mark is device-wide (idb-keyval); each test is a new tablet.
    await clearDarkMark();
    clock.nowMs = NOW;
  });

  const request = (path: string, init: RequestInit = {}, token?: string) =>
    app.request(path, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
  const post = (path: string, body: unknown, token?: string) =>
    request(path, { method: 'POST', body: JSON.stringify(body) }, token);
  const codeOf = async (response: Response) =>
    ((await response.json()) as { error?: { code?: string } }).error?.code;

  /** A teacher's tablet: the real engine and store, signed in, synced once. */
  const tablet = async (email = 'teacher@demo.school') => {
    const deviceId = newId();
    const store: LocalStore = createLocalStore({ deviceId, dbName: `tablet-${deviceId}` });
    const network = { online: true, requests: [] as string[] };
    const doFetch: typeof fetch = async (input, init) => {
      if (!network.online) throw new TypeError('Failed to fetch');
      const url = new URL(String(input));
      network.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      return app.request(`${url.pathname}${url.search}`, init);
    };
    const signedIn = await requestSignIn(
      { email, password: PASSWORD, deviceId },
      'http://test',
      doFetch,
    );
    const syncEngine = createSyncEngine({
      store,
      getToken: async () => signedIn.token,
      baseUrl: 'http://test',
      fetch: doFetch,
    });
    expect((await syncEngine.sync()).ok).toBe(true);
    return { store, engine: syncEngine, network, deviceId, ...signedIn };
  };
  type Tablet = Awaited<ReturnType<typeof tablet>>;

  /** Ticks made offline: on the tablet only, waiting to sync. */
  const tickOffline = async (device: Tablet, count: number): Promise<string[]> => {
    const views = await focusChildrenFor(device.store, device.staff, '2000-01-01T00:00:00.000Z');
    const targets = views.flatMap((view) =>
      view.targets.map((target) => ({ targetId: target.id, childId: view.child.id })),
    );
    expect(targets.length).toBeGreaterThan(0);
    device.network.online = false;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        await tickTarget(device.store, { ...targets[i % targets.length]!, outcome: 'partly' }),
      );
    }
    device.network.online = true;
    return ids;
  };

  const rowsOnTablet = async (device: Tablet) => {
    let total = 0;
    for (const entity of ENTITY_NAMES) total += await device.store.db.records(entity).count();
    return (
      total + (await device.store.db.outbox.count()) + (await device.store.db.attention.count())
    );
  };
  const ticksOnServer = async (ids: string[]) =>
    (
      await db
        .selectFrom('records')
        .select('entity_id')
        .where('entity', '=', 'tick')
        .where('entity_id', 'in', ids)
        .execute()
    ).length;

  const sencoToken = async () => {
    const res = await post('/api/v1/auth/sign-in', {
      email: 'senco@demo.school',
      password: PASSWORD,
      deviceId: randomUUID(),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const deviceOnList = async (senco: string, deviceId: string): Promise<DeviceRow | undefined> => {
    const res = await request('/api/v1/devices', {}, senco);
    expect(res.status).toBe(200);
    return ((await res.json()) as { devices: DeviceRow[] }).devices.find((d) => d.id === deviceId);
  };
  const revoke = (senco: string, deviceId: string, mode?: string) =>
    post(`/api/v1/devices/${deviceId}/revoke`, mode ? { mode } : {}, senco);

  it('marked lost, the tablet gets nothing onto the server, keeps no child record and the SENCo sees what it dropped', async () => {
    const teacher = await tablet();
    expect(await rowsOnTablet(teacher)).toBeGreaterThan(10);
    const unsent = await tickOffline(teacher, 3);
    const senco = await sencoToken();
    expect((await revoke(senco, teacher.deviceId, 'lost')).status).toBe(200);
    expect(await deviceOnList(senco, teacher.deviceId)).toMatchObject({
      liveSessions: 0,
      revocation: { mode: 'lost', wipedAt: null, droppedChanges: null },
    });

    // The revoked token says why, on every route, and can read nothing.
    const pull = await request('/api/v1/sync/pull?after=0&limit=10', {}, teacher.token);
    expect(pull.status).toBe(401);
    expect(await codeOf(pull)).toBe('device_lost');

    teacher.network.requests = [];
    expect(await teacher.engine.sync()).toMatchObject({ ok: false, reason: 'device_dark' });
    // Its first contact (here a push, refused whole) is its last but one:
    // no further push or pull, and the wipe report closes it.
    expect(teacher.network.requests).toEqual([
      'POST /api/v1/sync/push',
      'POST /api/v1/devices/wiped',
    ]);
    expect(teacher.network.requests.at(-1)).toBe('POST /api/v1/devices/wiped');
    expect(await ticksOnServer(unsent)).toBe(0);
    expect(await rowsOnTablet(teacher)).toBe(0);
    expect(await getDarkMark()).toMatchObject({ mode: 'lost' });

    clock.nowMs += 60_000;
    const row = await deviceOnList(senco, teacher.deviceId);
    expect(row?.revocation).toEqual({
      mode: 'lost',
      at: new Date(NOW).toISOString(),
      wipedAt: new Date(NOW).toISOString(),
      droppedChanges: 3,
    });
    // The report is taken once: the token cannot rewrite what the SENCo sees.
    const again = await post('/api/v1/devices/wiped', { droppedChanges: 0 }, teacher.token);
    expect(again.status).toBe(401);
    expect((await deviceOnList(senco, teacher.deviceId))?.revocation?.droppedChanges).toBe(3);
    // Nor push under it, even with well-formed mutations.
    const push = await post(
      '/api/v1/sync/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: teacher.deviceId,
        mutations: [
          {
            id: randomUUID(),
            deviceId: teacher.deviceId,
            seq: 99,
            hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId: teacher.deviceId }),
            kind: 'patch',
            entity: 'school',
            entityId: randomUUID(),
            data: { name: 'Taken' },
          },
        ],
      },
      teacher.token,
    );
    expect(push.status).toBe(401);
    expect(await codeOf(push)).toBe('device_lost');
  });

  it('signed out to hand back, the tablet sends what it holds once, then keeps no child record', async () => {
    const teacher = await tablet();
    const unsent = await tickOffline(teacher, 4);
    const senco = await sencoToken();
    // No mode (an older SENCo screen) is a hand back: it never drops a change.
    expect((await revoke(senco, teacher.deviceId)).status).toBe(200);

    const pull = await request('/api/v1/sync/pull?after=0&limit=10', {}, teacher.token);
    expect(pull.status).toBe(401);
    expect(await codeOf(pull)).toBe('device_signed_out');

    expect(await teacher.engine.sync()).toMatchObject({ ok: false, reason: 'device_dark' });
    expect(await ticksOnServer(unsent)).toBe(4);
    expect(await rowsOnTablet(teacher)).toBe(0);
    expect((await deviceOnList(senco, teacher.deviceId))?.revocation).toMatchObject({
      mode: 'hand_back',
      droppedChanges: 0,
    });
    // Sent as the teacher, from her own tablet: the author comes from the session.
    const authors = await db
      .selectFrom('changes')
      .select(['staff_id', 'device_id'])
      .where('entity', '=', 'tick')
      .where('entity_id', 'in', unsent)
      .execute();
    expect(authors).toHaveLength(4);
    expect(
      authors.every((a) => a.staff_id === teacher.staff.id && a.device_id === teacher.deviceId),
    ).toBe(true);

    // Once: after the wipe the hand back is closed, push included.
    const push = await post(
      '/api/v1/sync/push',
      { protocolVersion: PROTOCOL_VERSION, deviceId: teacher.deviceId, mutations: [] },
      teacher.token,
    );
    expect(push.status).toBe(401);
    expect(await codeOf(push)).toBe('device_signed_out');
  });

  it('a hand back turned into lost before the tablet connects gets nothing onto the server', async () => {
    const teacher = await tablet();
    const unsent = await tickOffline(teacher, 2);
    const senco = await sencoToken();
    expect((await revoke(senco, teacher.deviceId, 'hand_back')).status).toBe(200);
    expect((await revoke(senco, teacher.deviceId, 'lost')).status).toBe(200);
    expect(await teacher.engine.sync()).toMatchObject({ reason: 'device_dark' });
    expect(await ticksOnServer(unsent)).toBe(0);
    expect((await deviceOnList(senco, teacher.deviceId))?.revocation).toMatchObject({
      mode: 'lost',
      droppedChanges: 2,
    });
  });

  it('a lost tablet found after its sign-in expired still goes dark', async () => {
    const teacher = await tablet();
    await tickOffline(teacher, 1);
    const senco = await sencoToken();
    expect((await revoke(senco, teacher.deviceId, 'lost')).status).toBe(200);
    clock.nowMs = NOW + 40 * 86_400_000;
    expect(await teacher.engine.sync()).toMatchObject({ reason: 'device_dark' });
    expect(await rowsOnTablet(teacher)).toBe(0);
  });

  it('only a token the SENCo revoked can report a wipe, once, with a sensible count', async () => {
    const teacher = await tablet();
    // A live token, a signed-out one and none at all: no report.
    expect((await post('/api/v1/devices/wiped', { droppedChanges: 1 }, teacher.token)).status).toBe(
      401,
    );
    const other = await tablet('priya.shah@demo.school');
    expect((await post('/api/v1/auth/sign-out', {}, other.token)).status).toBeLessThan(300);
    expect((await post('/api/v1/devices/wiped', { droppedChanges: 1 }, other.token)).status).toBe(
      401,
    );
    // A signed-out token still only asks for a sign-in: it is not a lost tablet.
    const signedOut = await request('/api/v1/sync/pull?after=0&limit=1', {}, other.token);
    expect(await codeOf(signedOut)).toBe('unauthorized');
    expect((await post('/api/v1/devices/wiped', { droppedChanges: 1 })).status).toBe(401);

    const senco = await sencoToken();
    expect((await revoke(senco, teacher.deviceId, 'lost')).status).toBe(200);
    for (const droppedChanges of [-1, 1.5, 1e21, '3', null]) {
      const res = await post('/api/v1/devices/wiped', { droppedChanges }, teacher.token);
      expect(res.status).toBe(400);
    }
    expect((await revoke(senco, teacher.deviceId, 'LOST')).status).toBe(400);
    expect((await revoke(senco, teacher.deviceId, 'lost\u0000')).status).toBe(400);
    // A colleague who is not the SENCo cannot revoke anyone's tablet.
    const colleague = await tablet('tom.reid@demo.school');
    expect((await revoke(colleague.token, teacher.deviceId, 'lost')).status).toBe(403);
    expect((await post('/api/v1/devices/wiped', { droppedChanges: 5 }, teacher.token)).status).toBe(
      204,
    );
    expect((await deviceOnList(senco, teacher.deviceId))?.revocation?.droppedChanges).toBe(5);
  });
});
