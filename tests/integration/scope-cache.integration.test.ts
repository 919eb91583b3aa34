/**
 * The server keeps the scopes it computes (server/store/scope-cache.ts).
 * These cases change a teacher's scope between two of her requests, after
 * her scope was computed and kept, and check that the very next pull, push
 * and view report follow the change: on every engine, and on a second
 * server (with a cache of its own) sharing the database, as several server
 * processes share one PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, PullResponse, PushResponse } from '../../src/domain';
import { createApp, type App } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const PASSWORD = 'scope-cache-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const JO = demoId('staff:teacher@demo.school');

describe.each(testEngines())('scope cache on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  /** The server the teacher uses. */
  let app: App;
  /** Another server over the same database, with its own cache: where the SENCo works. */
  let other: App;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({ db, now: () => NOW, logError: () => {} });
    other = createApp({ db, now: () => NOW, logError: () => {} });
  });

  afterAll(async () => {
    await close?.();
  });

  const signIn = async (server: App, email: string) => {
    const deviceId = randomUUID();
    const res = await server.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, deviceId }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    return { token, deviceId };
  };

  type Device = Awaited<ReturnType<typeof signIn>> & {
    server: App;
    cursor: number;
    held: Map<string, string>;
  };

  const device = async (server: App, email: string): Promise<Device> => ({
    ...(await signIn(server, email)),
    server,
    cursor: 0,
    held: new Map(),
  });

  /** One pull request, applied as a device would apply it. */
  const pullOnce = async (d: Device): Promise<PullResponse> => {
    const res = await d.server.request(`/api/v1/sync/pull?after=${d.cursor}&limit=1000`, {
      headers: { Authorization: `Bearer ${d.token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as PullResponse;
    for (const r of page.revoked ?? []) d.held.delete(r.entityId);
    for (const change of page.changes) d.held.set(change.entityId, change.entity);
    d.cursor = page.cursor;
    return page;
  };

  const syncToEnd = async (d: Device): Promise<void> => {
    for (let page = await pullOnce(d); page.hasMore; page = await pullOnce(d));
  };

  let pushes = 0;
  const push = async (
    d: Device,
    items: { kind: Mutation['kind']; entity: string; entityId: string; data?: object }[],
  ): Promise<PushResponse> => {
    pushes++;
    const mutations: Mutation[] = items.map((item, i) => ({
      id: randomUUID(),
      deviceId: d.deviceId,
      seq: pushes * 100 + i,
      hlc: formatHlc({ wallMs: NOW + pushes, counter: i, deviceId: d.deviceId }),
      kind: item.kind,
      entity: item.entity,
      entityId: item.entityId,
      ...(item.data ? { data: item.data as Record<string, unknown> } : {}),
    }));
    const res = await d.server.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}` },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: d.deviceId, mutations }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PushResponse;
  };

  // A tick names the child's own target: the server checks that it is.
  const tick = (childId: string, targetId: string) => ({
    kind: 'event' as const,
    entity: 'tick',
    entityId: randomUUID(),
    data: {
      targetId,
      childId,
      outcome: 'achieved',
      recordedAt: new Date(NOW).toISOString(),
    },
  });

  const reportView = async (d: Device, childId: string): Promise<number> => {
    const res = await d.server.request('/api/v1/audit/views', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.token}` },
      body: JSON.stringify({ childId }),
    });
    return res.status;
  };

  it("follows a child onto a teacher's focus list and off it again, on her very next request", async () => {
    const jo = await device(app, 'teacher@demo.school');
    const senco = await device(other, 'senco@demo.school');
    // A Year 4 child (Priya's class): outside Jo's scope, with a target of its own.
    const child = demoId('child:y4:5');
    const target = randomUUID();
    expect(
      await push(senco, [
        {
          kind: 'patch',
          entity: 'target',
          entityId: target,
          data: { childId: child, text: 'Read 40 words a minute', startDate: '2026-09-14' },
        },
      ]),
    ).toMatchObject({ results: [{ status: 'applied' }] });

    // Jo's scope is computed, and kept, by each of these.
    await syncToEnd(jo);
    expect(jo.held.has(child)).toBe(false);
    expect(await push(jo, [tick(child, target)])).toMatchObject({
      results: [{ status: 'rejected', code: 'forbidden' }],
    });
    expect(await reportView(jo, child)).toBe(404);

    const focus = randomUUID();
    expect(
      await push(senco, [
        {
          kind: 'patch',
          entity: 'focusChild',
          entityId: focus,
          data: {
            childId: child,
            classId: demoId('class:y4'),
            staffId: JO,
            reason: 'Reading fluency, shared with Year 3 for phonics',
            until: '2026-12-18',
          },
        },
      ]),
    ).toMatchObject({ results: [{ status: 'applied' }] });

    // The very next pull sends the child and its records.
    const grown = await pullOnce(jo);
    expect(grown.restart).toBe(true);
    expect(grown.changes.map((c) => c.entityId)).toEqual(
      expect.arrayContaining([child, target, focus]),
    );
    expect(await push(jo, [tick(child, target)])).toMatchObject({
      results: [{ status: 'applied' }],
    });
    expect(await reportView(jo, child)).toBe(204);
    await syncToEnd(jo);

    expect(
      await push(senco, [
        { kind: 'patch', entity: 'focusChild', entityId: focus, data: { isArchived: true } },
      ]),
    ).toMatchObject({ results: [{ status: 'applied' }] });

    // And the very next pull takes them away again.
    const shrunk = await pullOnce(jo);
    expect(shrunk.revoked?.map((r) => r.entityId)).toEqual(expect.arrayContaining([child, target]));
    expect(jo.held.has(child)).toBe(false);
    expect(jo.held.has(target)).toBe(false);
    expect(await push(jo, [tick(child, target)])).toMatchObject({
      results: [{ status: 'rejected', code: 'forbidden' }],
    });
    expect(await reportView(jo, child)).toBe(404);
  });

  it('follows a teacher added to a class on the other server, on her very next pull', async () => {
    const jo = await device(app, 'teacher@demo.school');
    const senco = await device(other, 'senco@demo.school');
    const y5Child = demoId('child:y5:2');
    await syncToEnd(jo);
    expect(jo.held.has(y5Child)).toBe(false);

    const y5 = demoId('class:y5');
    const row = await db
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'class')
      .where('entity_id', '=', y5)
      .executeTakeFirstOrThrow();
    const teacherIds = (JSON.parse(row.data) as { teacherIds: string[] }).teacherIds;
    expect(
      await push(senco, [
        { kind: 'patch', entity: 'class', entityId: y5, data: { teacherIds: [...teacherIds, JO] } },
      ]),
    ).toMatchObject({ results: [{ status: 'applied' }] });

    const grown = await pullOnce(jo);
    expect(grown.changes.map((c) => c.entityId)).toContain(y5Child);

    expect(
      await push(senco, [{ kind: 'patch', entity: 'class', entityId: y5, data: { teacherIds } }]),
    ).toMatchObject({ results: [{ status: 'applied' }] });
    const shrunk = await pullOnce(jo);
    expect(shrunk.revoked?.map((r) => r.entityId)).toContain(y5Child);
  });

  it('refuses a tick for a child the moment the child is erased', async () => {
    const jo = await device(app, 'teacher@demo.school');
    const senco = await device(other, 'senco@demo.school');
    const child = demoId('child:y3:9');
    const target = randomUUID();
    expect(
      await push(senco, [
        {
          kind: 'patch',
          entity: 'target',
          entityId: target,
          data: { childId: child, text: 'Sit for ten minutes', startDate: '2026-09-14' },
        },
      ]),
    ).toMatchObject({ results: [{ status: 'applied' }] });
    expect(await push(jo, [tick(child, target)])).toMatchObject({
      results: [{ status: 'applied' }],
    });

    const res = await senco.server.request(`/api/v1/children/${child}/erase`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${senco.token}` },
      body: JSON.stringify({ confirm: true }),
    });
    expect(res.status).toBe(200);

    expect(await push(jo, [tick(child, target)])).toMatchObject({
      results: [{ status: 'rejected', code: 'forbidden' }],
    });
  });
});
