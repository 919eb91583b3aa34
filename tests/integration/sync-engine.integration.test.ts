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

const deviceFor = async (
  app: App,
  email: string,
  network: Network,
  /** Looks at the device before each request goes out. */
  beforeRequest?: (url: string, store: LocalStore) => Promise<void>,
  /** Changes an answer before the device sees it. */
  afterResponse?: (url: string, response: Response) => Promise<Response>,
) => {
  const deviceId = newId();
  const store: LocalStore = createLocalStore({ deviceId, dbName: `device-${deviceId}` });
  const doFetch: typeof fetch = async (input, init) => {
    if (!network.online) throw new TypeError('Failed to fetch');
    network.requests++;
    if (beforeRequest) await beforeRequest(String(input), store);
    const answered = await app.request(String(input), init);
    const response = afterResponse ? await afterResponse(String(input), answered) : answered;
    if (network.loseNextResponse) {
      // The server committed, but the answer never reached the device.
      network.loseNextResponse = false;
      throw new TypeError('network connection was lost');
    }
    return response;
  };
  const signIn = await requestSignIn(
    { email, password: 'demo-password', deviceId },
    'http://test',
    doFetch,
  );
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
    // Only termly steps are ticked, so some targets take two of the 20 ticks.
    expect(targets.length).toBeGreaterThanOrEqual(10);

    teacherNet.online = false;
    for (const { target, childId } of Array.from(
      { length: 20 },
      (_, i) => targets[i % targets.length]!,
    )) {
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

  it('sets aside a pulled change it cannot read, and goes on syncing everything else', async () => {
    const online: Network = { online: true, loseNextResponse: false, requests: 0 };
    let spoilt: number | undefined;
    // A page from a server that handed out one change the protocol refuses
    // (an HLC ending in an upper-case device id).
    const spoil = async (url: string, response: Response) => {
      if (!url.includes('/sync/pull') || spoilt !== undefined) return response;
      const page = (await response.json()) as { changes: { seq: number; hlc: string }[] };
      const victim = page.changes[1]!;
      spoilt = victim.seq;
      victim.hlc = victim.hlc.toUpperCase();
      return new Response(JSON.stringify(page), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const reference = await deviceFor(app, 'teacher@demo.school', { ...online });
    expect((await reference.engine.sync()).ok).toBe(true);
    const teacher = await deviceFor(app, 'teacher@demo.school', online, undefined, spoil);
    const result = await teacher.engine.sync();
    expect(result.ok).toBe(true);
    expect(spoilt).toBeDefined();
    const overview = await syncOverview(teacher.store);
    expect(overview.unreadable).toBe(1);
    // The cursor went past it to the end, like the device that read everything.
    expect(overview.cursor).toBe((await syncOverview(reference.store)).cursor);
    const views = await focusChildrenFor(teacher.store, teacher.staff, '2000-01-01T00:00:00.000Z');
    expect(views.length).toBeGreaterThan(0);
    // The next sync works as usual and does not count it twice.
    expect((await teacher.engine.sync()).ok).toBe(true);
    expect((await syncOverview(teacher.store)).unreadable).toBe(1);
  });

  it('says how far a first sync has got after every page, for every tab to show', async () => {
    const online = (): Network => ({ online: true, loseNextResponse: false, requests: 0 });
    const teacher = await deviceFor(app, 'teacher@demo.school', online());
    expect((await teacher.engine.sync()).ok).toBe(true);
    const [view] = await focusChildrenFor(teacher.store, teacher.staff, '2000-01-01T00:00:00.000Z');
    const target = view!.targets[0]!;
    // Enough records that the SENCo's first sync takes several pages of 500.
    for (let i = 0; i < 1_100; i++) {
      await tickTarget(teacher.store, {
        targetId: target.id,
        childId: view!.child.id,
        outcome: 'partly',
      });
    }
    expect((await teacher.engine.sync()).ok).toBe(true);

    const receivedBeforeEachPull: number[] = [];
    const senco = await deviceFor(app, 'senco@demo.school', online(), async (url, store) => {
      if (!url.includes('/sync/pull')) return;
      const overview = await syncOverview(store);
      expect(overview.state).toBe('syncing');
      receivedBeforeEachPull.push(overview.received ?? -1);
    });
    const result = await senco.engine.sync();
    expect(result.ok).toBe(true);
    // Nothing before the first page; then the running count after each full page.
    expect(receivedBeforeEachPull.length).toBeGreaterThanOrEqual(3);
    expect(receivedBeforeEachPull).toEqual(receivedBeforeEachPull.map((_, page) => page * 500));
    expect(result).toMatchObject({ pulled: expect.any(Number) });
    if (result.ok) expect(result.pulled).toBeGreaterThan(500 * (receivedBeforeEachPull.length - 1));
  });
});
