/**
 * A device the school revoked goes dark: on `device_lost` it removes every
 * record without sending, on `device_signed_out` it sends what it holds
 * first; either way the session goes, a mark keeps the plain screen up, and
 * the server hears how many unsent changes were dropped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITY_NAMES, newId } from '../domain';
import {
  clearDarkMark,
  createLocalStore,
  darkenDevice,
  getDarkMark,
  getSession,
  saveSession,
  tickTarget,
  type LocalStore,
} from '../storage';
import { createSyncEngine } from './engine';

const stores: LocalStore[] = [];
const openStore = () => {
  const store = createLocalStore({ deviceId: newId(), dbName: `dark-${newId()}` });
  stores.push(store);
  return store;
};
beforeEach(async () => {
  await clearDarkMark();
  await saveSession({
    token: 'tablet-token-0123456789',
    staff: { id: newId(), name: 'Jo Hughes', role: 'teacher', schoolId: newId() },
    signedInAt: '2026-11-23T09:00:00.000Z',
  } as Parameters<typeof saveSession>[0]);
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.db.delete();
});

/** A row in every record table, three ticks in the outbox and one refused change. */
const fill = async (store: LocalStore) => {
  for (const table of store.db.recordTables()) await table.put({ id: newId(), name: 'Child' });
  for (let i = 0; i < 3; i++) {
    await tickTarget(store, { targetId: newId(), childId: newId(), outcome: 'achieved' });
  }
  const [first] = await store.db.outbox.toArray();
  await store.db.attention.put({
    id: newId(),
    mutation: first!.mutation,
    code: 'forbidden',
    message: 'No.',
    at: '2026-11-23T09:00:00.000Z',
  });
};

const rowCounts = async (store: LocalStore) => {
  const counts: Record<string, number> = {};
  for (const entity of ENTITY_NAMES) counts[entity] = await store.db.records(entity).count();
  counts.outbox = await store.db.outbox.count();
  counts.attention = await store.db.attention.count();
  return counts;
};
const allZero = () =>
  Object.fromEntries([...ENTITY_NAMES, 'outbox', 'attention'].map((name) => [name, 0]));

type Call = { method: string; path: string; body: unknown };
const fakeServer = (answer: (call: Call) => Response | Promise<Response>) => {
  const calls: Call[] = [];
  const doFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input), 'http://test');
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return answer(call);
  };
  return { calls, doFetch };
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (code: string) => json(401, { error: { code, message: 'Revoked.' } });

describe('darkenDevice', () => {
  it('empties every table, ends the session and marks the device dark, keeping its seq', async () => {
    const store = openStore();
    await fill(store);
    expect(Object.values(await rowCounts(store)).every((n) => n > 0)).toBe(true);
    await darkenDevice(store, 'lost', { token: 't', droppedChanges: 4 });
    expect(await rowCounts(store)).toEqual(allZero());
    expect(await getSession()).toBeUndefined();
    expect(await getDarkMark()).toMatchObject({ mode: 'lost', report: { droppedChanges: 4 } });
    // The device's counter survives, so the server never sees seq start again.
    expect((await store.db.meta.get('lastSeq'))?.value).toBe(3);
  });

  it('finishing a wipe again keeps the first report, and lost stays lost', async () => {
    const store = openStore();
    await darkenDevice(store, 'lost', { token: 't', droppedChanges: 2 });
    await darkenDevice(store, 'hand_back', { token: 'u', droppedChanges: 0 });
    expect(await getDarkMark()).toMatchObject({
      mode: 'lost',
      report: { token: 't', droppedChanges: 2 },
    });
  });
});

describe('the sync engine on a revoked device', () => {
  it('lost: sends nothing, wipes everything and reports the unsent changes', async () => {
    const store = openStore();
    await fill(store);
    const server = fakeServer(({ path }) =>
      path === '/api/v1/devices/wiped'
        ? new Response(null, { status: 204 })
        : refusal('device_lost'),
    );
    const engine = createSyncEngine({
      store,
      getToken: async () => 'tablet-token-0123456789',
      fetch: server.doFetch,
    });
    expect(await engine.sync()).toMatchObject({ ok: false, reason: 'device_dark' });
    expect(server.calls.some((call) => call.path === '/api/v1/sync/push')).toBe(false);
    expect(await rowCounts(store)).toEqual(allZero());
    // Three ticks never sent plus one refused change waiting in Needs attention.
    expect(server.calls.at(-1)).toEqual({
      method: 'POST',
      path: '/api/v1/devices/wiped',
      body: { droppedChanges: 4 },
    });
    // Delivered: the mark stays (plain screen) but holds no report to resend.
    expect(await getDarkMark()).toEqual({ mode: 'lost', at: expect.any(String) });
    // And it stays dark: a later sync sends nothing at all.
    const before = server.calls.length;
    expect(await engine.sync()).toMatchObject({ reason: 'device_dark' });
    expect(server.calls.length).toBe(before);
  });

  it('hand back: pushes what it holds first, then wipes and reports what the server refused', async () => {
    const store = openStore();
    await fill(store);
    const held = (await store.db.outbox.toArray()).map((entry) => entry.mutation.id);
    const server = fakeServer(({ method, path, body }) => {
      if (method === 'POST' && path === '/api/v1/sync/push') {
        const { mutations } = body as { mutations: { id: string }[] };
        return json(200, {
          results: mutations.map((m) => ({ id: m.id, status: 'applied' })),
          cursor: 7,
        });
      }
      if (path === '/api/v1/devices/wiped') return new Response(null, { status: 204 });
      return refusal('device_signed_out');
    });
    const engine = createSyncEngine({
      store,
      getToken: async () => 'tablet-token-0123456789',
      fetch: server.doFetch,
    });
    expect(await engine.sync()).toMatchObject({ ok: false, reason: 'device_dark' });
    const pushed = server.calls
      .filter((call) => call.path === '/api/v1/sync/push')
      .flatMap((call) => (call.body as { mutations: { id: string }[] }).mutations.map((m) => m.id));
    expect(pushed).toEqual(held);
    expect(await rowCounts(store)).toEqual(allZero());
    // Only the change the server had refused before was never delivered.
    expect(server.calls.at(-1)?.body).toEqual({ droppedChanges: 1 });
    expect(await getSession()).toBeUndefined();
  });

  it('hand back offline: keeps everything and tries again later', async () => {
    const store = openStore();
    await fill(store);
    const before = await rowCounts(store);
    let online = true;
    const server = fakeServer(({ path }) => {
      if (path === '/api/v1/sync/push') online = false;
      if (!online) throw new TypeError('Failed to fetch');
      return refusal('device_signed_out');
    });
    const engine = createSyncEngine({
      store,
      getToken: async () => 'tablet-token-0123456789',
      fetch: server.doFetch,
    });
    expect(await engine.sync()).toMatchObject({ ok: false, reason: 'offline' });
    expect(await rowCounts(store)).toEqual(before);
    expect(await getDarkMark()).toBeUndefined();
    expect(await getSession()).toBeDefined();
  });

  it('a report the server did not get is sent again on the next sync', async () => {
    const store = openStore();
    let reachable = false;
    const server = fakeServer(({ path }) => {
      if (path === '/api/v1/devices/wiped') {
        if (!reachable) throw new TypeError('Failed to fetch');
        return new Response(null, { status: 204 });
      }
      return refusal('device_lost');
    });
    const engine = createSyncEngine({ store, getToken: async () => 'x', fetch: server.doFetch });
    await tickTarget(store, { targetId: newId(), childId: newId(), outcome: 'partly' });
    await engine.sync();
    expect((await getDarkMark())?.report).toEqual({ token: 'x', droppedChanges: 1 });
    reachable = true;
    await engine.sync();
    expect((await getDarkMark())?.report).toBeUndefined();
    expect(server.calls.filter((call) => call.path === '/api/v1/devices/wiped')).toHaveLength(2);
  });
});
