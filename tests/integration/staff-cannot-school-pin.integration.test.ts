/**
 * A school that asks for a PIN on every tablet, on every database engine:
 * the SENCo's "Require a PIN lock on every tablet" is stored and reaches a
 * teacher's pull, and a teacher's push changing it is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, PullResponse, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { DEMO_SCHOOL_ID, seedDemoSchool } from '../../server/demo/seed';
import { findRecord } from '../../server/store/sync-store';
import { testEngines } from './support';

const PASSWORD = 'school-pin-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

describe.each(testEngines())('a school that asks for a PIN on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({ db, now: () => NOW, logError: () => {}, clientAddress: () => '10.2.0.1' });
  });
  afterAll(async () => {
    await close?.();
  });

  type Device = { token: string; deviceId: string; seq: number };
  const signIn = async (email: string): Promise<Device> => {
    const deviceId = randomUUID();
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, deviceId }),
    });
    expect(res.status).toBe(200);
    return { token: ((await res.json()) as { token: string }).token, deviceId, seq: 0 };
  };
  const setRequirement = async (device: Device, requireTabletPin: boolean) => {
    device.seq += 1;
    const mutation: Mutation = {
      id: randomUUID(),
      deviceId: device.deviceId,
      seq: device.seq,
      hlc: formatHlc({ wallMs: NOW, counter: device.seq, deviceId: device.deviceId }),
      kind: 'patch',
      entity: 'school',
      entityId: DEMO_SCHOOL_ID,
      data: { requireTabletPin },
    };
    const res = await app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}` },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: device.deviceId,
        mutations: [mutation],
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results[0];
  };
  const pulledSchool = async (device: Device) => {
    let after = 0;
    let school: Record<string, unknown> | null | undefined;
    for (;;) {
      const res = await app.request(`/api/v1/sync/pull?after=${after}&limit=500`, {
        headers: { Authorization: `Bearer ${device.token}` },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as PullResponse;
      for (const change of page.changes) {
        if (change.entity === 'school' && change.entityId === DEMO_SCHOOL_ID) {
          school = { ...(school ?? {}), ...(change.data ?? {}) };
        }
      }
      if (!page.hasMore) return school;
      after = page.cursor;
    }
  };
  const stored = async () =>
    (await findRecord(db, DEMO_SCHOOL_ID, 'school', DEMO_SCHOOL_ID))?.data as
      Record<string, unknown> | undefined;

  it('stores the SENCo’s requirement, sends it to a teacher’s tablet, and refuses a teacher’s push turning it off', async () => {
    const senco = await signIn('senco@demo.school');
    const teacher = await signIn('teacher@demo.school');

    expect(await setRequirement(senco, true)).toMatchObject({ status: 'applied' });
    expect((await stored())?.requireTabletPin).toBe(true);
    expect((await pulledSchool(teacher))?.requireTabletPin).toBe(true);

    // A teacher's own client may send anything: the school record is not hers to write.
    const refused = await setRequirement(teacher, false);
    expect(refused).toMatchObject({ status: 'rejected' });
    expect((await stored())?.requireTabletPin).toBe(true);
    expect((await pulledSchool(teacher))?.requireTabletPin).toBe(true);

    // A TA likewise; the SENCo turning it off gives everyone the choice back.
    const ta = await signIn('ta@demo.school');
    expect(await setRequirement(ta, false)).toMatchObject({ status: 'rejected' });
    expect(await setRequirement(senco, false)).toMatchObject({ status: 'applied' });
    expect((await pulledSchool(teacher))?.requireTabletPin).toBe(false);
  });
});
