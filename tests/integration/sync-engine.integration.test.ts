/**
 * The real client sync engine (Dexie over an in-memory IndexedDB) against
 * the real server app and database, with a network we can cut: ticks made
 * offline reach the server and another device exactly once, and a response
 * lost after the server committed is harmless.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { seedDemoSchool } from '../../server/demo/seed';
import type { Db } from '../../server/db/connection';
import { newId } from '../../src/domain';
import {
  createLocalStore,
  focusChildrenFor,
  recentTicks,
  syncOverview,
  tickTarget,
  type LocalStore,
} from '../../src/storage';
import { createSyncEngine, requestSignIn } from '../../src/sync';
import { testEngines } from './support';

type Network = { online: boolean; loseNextResponse: boolean; requests: number };

const deviceFor = async (app: App, email: string, network: Network) => {
  const doFetch: typeof fetch = async (input, init) => {
    if (!network.online) throw new TypeError('Failed to fetch');
    network.requests++;
    const response = await app.request(String(input), init);
    if (network.loseNextResponse) {
      // The server committed, but the answer never reached the device.
      network.loseNextResponse = false;
      throw new TypeError('network connection was lost');
    }
    return response;
  };
  const deviceId = newId();
  const signIn = await requestSignIn(
    { email, password: 'demo-password', deviceId },
    'http://test',
    doFetch,
  );
  const store: LocalStore = createLocalStore({ deviceId, dbName: `device-${deviceId}` });
  const engine = createSyncEngine({
    store,
    getToken: async () => signIn.token,
    baseUrl: 'http://test',
    fetch: doFetch,
  });
  return { store, engine, staff: signIn.staff };
};

describe.each(testEngines())('client sync engine against the server on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: App;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: 'demo-password' });
    app = createApp({ db });
  });
  afterAll(async () => {
    await close();
  });

  it('delivers 20 offline ticks exactly once, even when a response is lost after commit', async () => {
    const teacherNet: Network = { online: true, loseNextResponse: false, requests: 0 };
    const teacher = await deviceFor(app, 'teacher@demo.school', teacherNet);
    expect((await teacher.engine.sync()).ok).toBe(true);
    const views = await focusChildrenFor(teacher.store, teacher.staff, '2000-01-01T00:00:00.000Z');
    const targets = views.flatMap((view) =>
      view.targets.map((target) => ({ target, childId: view.child.id })),
    );
    expect(targets.length).toBeGreaterThanOrEqual(20);

    teacherNet.online = false;
    for (const { target, childId } of targets.slice(0, 20)) {
      await tickTarget(teacher.store, { targetId: target.id, childId, outcome: 'achieved' });
    }
    const offline = await teacher.engine.sync();
    expect(offline).toMatchObject({ ok: false, reason: 'offline' });
    expect((await syncOverview(teacher.store)).waiting).toBe(20);

    // Back online, but the push's answer is lost: nothing may be dropped or doubled.
    teacherNet.online = true;
    teacherNet.loseNextResponse = true;
    expect((await teacher.engine.sync()).ok).toBe(false);
    expect((await syncOverview(teacher.store)).waiting).toBe(20);
    const retried = await teacher.engine.sync();
    expect(retried).toMatchObject({ ok: true, pushed: 20 });
    expect((await syncOverview(teacher.store)).waiting).toBe(0);

    const sencoNet: Network = { online: true, loseNextResponse: false, requests: 0 };
    const senco = await deviceFor(app, 'senco@demo.school', sencoNet);
    expect((await senco.engine.sync()).ok).toBe(true);
    const seen = await recentTicks(senco.store, 1000);
    expect(seen).toHaveLength(20);
    expect(new Set(seen.map((tick) => tick.id)).size).toBe(20);
    expect(seen.every((tick) => tick.staffName === 'Jo Hughes')).toBe(true);

    // And the teacher's own device converges to the server: the same 20, now synced.
    expect((await teacher.engine.sync()).ok).toBe(true);
    const own = await recentTicks(teacher.store, 1000);
    expect(own).toHaveLength(20);
    expect(own.every((tick) => !tick.isWaiting && tick.recordedBy !== undefined)).toBe(true);
  });
});
