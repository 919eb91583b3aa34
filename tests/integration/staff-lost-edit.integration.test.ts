/**
 * A change that lost, on every database engine: when two members of staff
 * edit the same field and the older edit (by HLC) reaches the server
 * second, the push result of the older one says which fields lost, to whom
 * and when, so that person's device can tell them. A colleague who may not
 * write the record learns nothing about it from a losing push.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { formatHlc, pushResponseSchema, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { DEMO_SCHOOL_ID, demoId, seedDemoSchool } from '../../server/demo/seed';
import { findRecord } from '../../server/store/sync-store';
import { createLocalStore, lostEditsFor, patchEntity } from '../../src/storage';
import { createSyncEngine, requestSignIn } from '../../src/sync';
import { appRequests } from '../helpers/app-requests';
import { testEngines } from './support';

const PASSWORD = 'lost-edit-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const CHILD = demoId('child:y3:1');

describe.each(testEngines())('a change that lost on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({ db, now: () => NOW, logError: () => {} });
  });
  afterAll(async () => {
    await close?.();
  });

  const { post } = appRequests(() => app);

  type Device = { token: string; deviceId: string; staffId: string; seq: number };
  const signIn = async (email: string): Promise<Device> => {
    const deviceId = randomUUID();
    const res = await post('/api/v1/auth/sign-in', { email, password: PASSWORD, deviceId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: { id: string } };
    return { token: body.token, deviceId, staffId: body.staff.id, seq: 0 };
  };
  /** Patches made on the device's clock at `atMs`, one seq after another. */
  const patches = (
    device: Device,
    list: (Pick<Mutation, 'entity' | 'entityId' | 'data'> & { atMs: number })[],
  ): Mutation[] =>
    list.map(({ atMs, ...patch }): Mutation => {
      device.seq += 1;
      return {
        id: randomUUID(),
        deviceId: device.deviceId,
        seq: device.seq,
        hlc: formatHlc({ wallMs: atMs, counter: 0, deviceId: device.deviceId }),
        kind: 'patch',
        ...patch,
      };
    });
  /** One push of patches from the device's own session. */
  const push = (
    device: Device,
    list: (Pick<Mutation, 'entity' | 'entityId' | 'data'> & { atMs: number })[],
  ): Promise<PushResponse> => send(device, patches(device, list));
  const send = async (device: Device, mutations: Mutation[]): Promise<PushResponse> => {
    const res = await post(
      '/api/v1/sync/push',
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations },
      device.token,
    );
    expect(res.status).toBe(200);
    // The answer is what the app's own schema reads, `lost` included.
    return pushResponseSchema.parse(await res.json());
  };
  const newTarget = async (teacher: Device, text: string): Promise<string> => {
    const targetId = randomUUID();
    const created = await push(teacher, [
      {
        entity: 'target',
        entityId: targetId,
        data: { childId: CHILD, text, startDate: '2026-11-23' },
        atMs: NOW - 3_600_000,
      },
    ]);
    expect(created.results).toEqual([{ id: expect.any(String), status: 'applied' }]);
    return targetId;
  };

  it('tells the older edit, arriving second, that its field lost, to whom and when', async () => {
    const teacher = await signIn('teacher@demo.school');
    const senco = await signIn('senco@demo.school');
    const targetId = await newTarget(teacher, 'Reads ten sight words');

    // The SENCo edits the wording at 09:58; her push reaches the server first.
    const sencoAt = NOW - 120_000;
    const first = await push(senco, [
      { entity: 'target', entityId: targetId, data: { text: 'Reads 12 words' }, atMs: sencoAt },
    ]);
    expect(first.results).toEqual([{ id: expect.any(String), status: 'applied' }]);

    // The teacher edited the wording and the strategies offline at 09:55;
    // her push arrives second. The strategies win (nobody else set them),
    // the wording loses to the SENCo's newer one.
    const second = await push(teacher, [
      {
        entity: 'target',
        entityId: targetId,
        data: { text: 'Reads eleven words', strategies: 'Flash cards' },
        atMs: NOW - 300_000,
      },
    ]);
    expect(second.results).toEqual([
      {
        id: expect.any(String),
        status: 'applied',
        lost: [
          {
            field: 'text',
            by: { staffId: senco.staffId, name: 'Sam Patel' },
            at: new Date(sencoAt).toISOString(),
          },
        ],
      },
    ]);
    const stored = await findRecord(db, DEMO_SCHOOL_ID, 'target', targetId);
    expect(stored?.data).toMatchObject({ text: 'Reads 12 words', strategies: 'Flash cards' });
  });

  it('names every field of a patch that lost all of them, and the winner of each', async () => {
    const teacher = await signIn('teacher@demo.school');
    const senco = await signIn('senco@demo.school');
    const targetId = await newTarget(teacher, 'Counts to twenty');

    await push(senco, [
      { entity: 'target', entityId: targetId, data: { text: 'Counts to 30' }, atMs: NOW - 60_000 },
    ]);
    // The teacher's own later strategies, from a second tablet of hers.
    const otherTablet = await signIn('teacher@demo.school');
    await push(otherTablet, [
      {
        entity: 'target',
        entityId: targetId,
        data: { strategies: 'Number line' },
        atMs: NOW - 30_000,
      },
    ]);
    const late = await push(teacher, [
      {
        entity: 'target',
        entityId: targetId,
        data: { text: 'Counts to 25', strategies: 'Bead string' },
        atMs: NOW - 600_000,
      },
    ]);
    expect(late.results[0]?.status).toBe('applied');
    expect(late.results[0]?.lost).toEqual(
      expect.arrayContaining([
        {
          field: 'text',
          by: { staffId: senco.staffId, name: 'Sam Patel' },
          at: new Date(NOW - 60_000).toISOString(),
        },
        {
          field: 'strategies',
          by: { staffId: teacher.staffId, name: 'Jo Hughes' },
          at: new Date(NOW - 30_000).toISOString(),
        },
      ]),
    );
    expect(late.results[0]?.lost).toHaveLength(2);
  });

  it('finds a winner written earlier in the same batch', async () => {
    const teacher = await signIn('teacher@demo.school');
    const targetId = await newTarget(teacher, 'Spells CVC words');
    // Two edits from one device in one push, the second with an older clock
    // (the tablet's clock was put back between them).
    const pushed = await push(teacher, [
      { entity: 'target', entityId: targetId, data: { text: 'Spells 10 CVC words' }, atMs: NOW },
      {
        entity: 'target',
        entityId: targetId,
        data: { text: 'Spells 8 CVC words' },
        atMs: NOW - 45_000,
      },
    ]);
    expect(pushed.results[0]).not.toHaveProperty('lost');
    expect(pushed.results[1]?.lost).toEqual([
      {
        field: 'text',
        by: { staffId: teacher.staffId, name: 'Jo Hughes' },
        at: new Date(NOW).toISOString(),
      },
    ]);
  });

  it('tells a device that sends its losing change again (its first answer lost)', async () => {
    const teacher = await signIn('teacher@demo.school');
    const senco = await signIn('senco@demo.school');
    const targetId = await newTarget(teacher, 'Names 5 shapes');
    const sencoAt = NOW - 20_000;
    await push(senco, [
      { entity: 'target', entityId: targetId, data: { text: 'Names 6 shapes' }, atMs: sencoAt },
    ]);
    const losing = patches(teacher, [
      {
        entity: 'target',
        entityId: targetId,
        data: { text: 'Names 7 shapes' },
        atMs: NOW - 80_000,
      },
    ]);
    const first = await send(teacher, losing);
    // The connection dropped after the commit: the device sends the same change again.
    const again = await send(teacher, losing);
    const told = {
      field: 'text',
      by: { staffId: senco.staffId, name: 'Sam Patel' },
      at: new Date(sencoAt).toISOString(),
    };
    expect(first.results).toEqual([{ id: losing[0]!.id, status: 'applied', lost: [told] }]);
    expect(again.results).toEqual([{ id: losing[0]!.id, status: 'duplicate', lost: [told] }]);

    // Someone else sending that mutation id learns nothing about it.
    const ta = await signIn('ta@demo.school');
    const forged = await send(ta, [
      {
        ...losing[0]!,
        deviceId: ta.deviceId,
        hlc: losing[0]!.hlc.replace(teacher.deviceId, ta.deviceId),
      },
    ]);
    expect(forged.results[0]).not.toHaveProperty('lost');
    expect(JSON.stringify(forged)).not.toContain('Sam Patel');
  });

  it('leaves the notice on the device of the person whose change lost, with the real engine', async () => {
    // A school of its own: devices that pulled the other tests' changes
    // (made at NOW) would move their clocks past every edit made here.
    const own = await engine.open();
    onTestFinished(() => own.close());
    await seedDemoSchool(own.db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    const ownApp = createApp({ db: own.db, now: () => NOW, logError: () => {} });
    const clock = { ms: NOW - 600_000 };
    const network = { online: true };
    const device = async (email: string) => {
      const deviceId = randomUUID();
      const store = createLocalStore({ deviceId, dbName: `lost-${deviceId}`, now: () => clock.ms });
      const doFetch: typeof fetch = async (input, init) => {
        if (!network.online && email === 'teacher@demo.school') {
          throw new TypeError('Failed to fetch');
        }
        return ownApp.request(String(input), init);
      };
      const session = await requestSignIn(
        { email, password: PASSWORD, deviceId },
        'http://test',
        doFetch,
      );
      const engine = createSyncEngine({
        store,
        getToken: async () => session.token,
        baseUrl: 'http://test',
        fetch: doFetch,
      });
      return { store, engine };
    };
    const teacher = await device('teacher@demo.school');
    const senco = await device('senco@demo.school');
    const targetId = randomUUID();
    await patchEntity(teacher.store, 'target', targetId, {
      childId: CHILD,
      text: 'Reads ten words',
      startDate: '2026-11-23',
    });
    expect((await teacher.engine.sync()).ok).toBe(true);

    // The teacher edits offline at 09:52; the SENCo, online, at 09:56.
    network.online = false;
    clock.ms = NOW - 480_000;
    await patchEntity(teacher.store, 'target', targetId, { text: 'Reads eleven words' });
    expect((await senco.engine.sync()).ok).toBe(true);
    clock.ms = NOW - 240_000;
    await patchEntity(senco.store, 'target', targetId, { text: 'Reads 12 words' });
    expect((await senco.engine.sync()).ok).toBe(true);

    network.online = true;
    clock.ms = NOW;
    expect(await teacher.engine.sync()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
    expect(await lostEditsFor(teacher.store, 'target', targetId)).toEqual([
      expect.objectContaining({
        field: 'text',
        value: 'Reads eleven words',
        by: { staffId: expect.any(String), name: 'Sam Patel' },
        at: new Date(NOW - 240_000).toISOString(),
      }),
    ]);
    // The record shows the value that won; the SENCo's device has no notice.
    expect((await teacher.store.db.records('target').get(targetId))?.text).toBe('Reads 12 words');
    expect(await senco.store.db.lostEdits.count()).toBe(0);
    teacher.store.db.close();
    senco.store.db.close();
  });

  it('says nothing about a record to a colleague who may not change it', async () => {
    const teacher = await signIn('teacher@demo.school');
    const senco = await signIn('senco@demo.school');
    const targetId = await newTarget(teacher, 'Writes a sentence');
    await push(senco, [
      {
        entity: 'target',
        entityId: targetId,
        data: { text: 'Writes two sentences' },
        atMs: NOW - 10_000,
      },
    ]);
    // Another class's teacher, with an older clock and someone else's record id.
    const outsider = await signIn('priya.shah@demo.school');
    const probe = await push(outsider, [
      { entity: 'target', entityId: targetId, data: { text: 'x' }, atMs: NOW - 900_000 },
    ]);
    expect(probe.results).toEqual([
      {
        id: expect.any(String),
        status: 'rejected',
        code: 'forbidden',
        message: expect.any(String),
      },
    ]);
    expect(JSON.stringify(probe)).not.toContain('Sam Patel');
  });
});
