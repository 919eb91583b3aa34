/**
 * A SEND record from a child's previous school (records.ts,
 * `transferredRecord`) as the server takes it, on every database engine:
 * from the SENCo only, about a child of the SENCo's own school, read with
 * the record schemas it carries, and no larger than one push can hold.
 * Each refusal names its reason; the record that passes reaches the
 * child's teacher by pull, and never a teacher who does not teach the child.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, PullResponse, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { insertStaffAccount } from '../../server/store/staff';
import { hashPassword } from '../../server/auth/passwords';
import { appRequests } from '../helpers/app-requests';
import { testEngines } from './support';

const PASSWORD = 'transfer-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;
// Jo Hughes teaches Year 3; Year 4 is another teacher's class.
const Y3_CHILD = demoId('child:y3:1');

describe.each(testEngines())('a SEND record from a previous school on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - DAY });
    await insertStaffAccount(db, {
      id: randomUUID(),
      schoolId: demoId('school'),
      email: 'admin@demo.school',
      name: 'Ada Admin',
      role: 'admin',
      passwordHash: await hashPassword(PASSWORD),
      isActive: true,
    });
    app = createApp({ db, now: () => NOW, logError: () => {} });
  });
  afterAll(async () => {
    await close?.();
  });

  const { post } = appRequests(() => app);
  type Device = { token: string; deviceId: string; seq: number };
  const signIn = async (email: string): Promise<Device> => {
    const deviceId = randomUUID();
    const res = await post('/api/v1/auth/sign-in', { email, password: PASSWORD, deviceId });
    expect(res.status).toBe(200);
    return { token: ((await res.json()) as { token: string }).token, deviceId, seq: 0 };
  };
  const push = async (device: Device, data: Record<string, unknown>, entityId = randomUUID()) => {
    device.seq += 1;
    const mutation: Mutation = {
      id: randomUUID(),
      deviceId: device.deviceId,
      seq: device.seq,
      hlc: formatHlc({ wallMs: NOW, counter: device.seq, deviceId: device.deviceId }),
      kind: 'event',
      entity: 'transferredRecord',
      entityId,
      data,
    };
    const res = await post(
      '/api/v1/sync/push',
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations: [mutation] },
      device.token,
    );
    return {
      status: res.status,
      body: res.status === 200 ? ((await res.json()) as PushResponse) : undefined,
    };
  };
  const outcome = async (device: Device, data: Record<string, unknown>) => {
    const { status, body } = await push(device, data);
    expect(status).toBe(200);
    const result = body!.results[0]!;
    return result.status === 'rejected' ? result.code : result.status;
  };
  const pulled = async (device: Device) => {
    const res = await app.request('/api/v1/sync/pull?after=0&limit=1000', {
      headers: { Authorization: `Bearer ${device.token}` },
    });
    const page = (await res.json()) as PullResponse;
    return page.changes.filter((c) => c.entity === 'transferredRecord').map((c) => c.entityId);
  };

  const at = new Date(NOW - 60_000).toISOString();
  const record = (childId: string, document: Record<string, unknown> = {}) => ({
    childId,
    fromSchool: { name: 'Brookside Primary School', urn: '100999' },
    exportedAt: at,
    recordedAt: at,
    document: {
      learningPlans: [
        {
          id: randomUUID(),
          childId: randomUUID(),
          title: 'Reading plan',
          startDate: '2026-09-07',
          reviewDate: '2026-12-04',
        },
      ],
      staff: [{ id: randomUUID(), name: 'Tess Teacher' }],
      ...document,
    },
  });

  it('is taken from the SENCo, about a child of the school, and only from the SENCo', async () => {
    const senco = await signIn('senco@demo.school');
    expect(await outcome(senco, record(Y3_CHILD))).toBe('applied');
    for (const email of ['admin@demo.school', 'teacher@demo.school', 'ta@demo.school']) {
      expect(await outcome(await signIn(email), record(Y3_CHILD))).toBe('forbidden');
    }
  });

  it('refuses a child the school does not hold, and records that do not read', async () => {
    const senco = await signIn('senco@demo.school');
    expect(await outcome(senco, record(randomUUID()))).toBe('bad_reference');
    const broken = [
      { targets: [{ id: 'not-an-id', text: 'x' }] },
      { staff: [{ id: randomUUID(), name: 'Tess\u0000' }] },
      {
        scores: [
          {
            id: randomUUID(),
            childId: Y3_CHILD,
            phase: 'entry',
            value: 1,
            date: '9999-01-01',
            recordedAt: at,
          },
        ],
      },
    ];
    for (const document of broken) {
      expect(await outcome(senco, record(Y3_CHILD, document))).toBe('invalid_data');
    }
    expect(
      await outcome(senco, { ...record(Y3_CHILD), fromSchool: { name: 'x'.repeat(201) } }),
    ).toBe('invalid_data');
  });

  it('refuses a record too large to carry', async () => {
    const senco = await signIn('senco@demo.school');
    const targets = Array.from({ length: 850 }, () => ({
      id: randomUUID(),
      childId: Y3_CHILD,
      text: 'x'.repeat(1_000),
      startDate: '2026-09-07',
    }));
    const { status, body } = await push(senco, record(Y3_CHILD, { targets }));
    // Over the schema's cap but inside one push: refused with its reason.
    expect(status).toBe(200);
    expect(body!.results[0]).toMatchObject({
      status: 'rejected',
      code: 'invalid_data',
      message: expect.stringMatching(/too large to carry/),
    });
  });

  it('reaches the child’s teacher by pull, and no teacher of another class', async () => {
    const senco = await signIn('senco@demo.school');
    const id = randomUUID();
    const { body } = await push(senco, record(Y3_CHILD), id);
    expect(body!.results[0]!.status).toBe('applied');
    expect(await pulled(await signIn('teacher@demo.school'))).toContain(id);
    const other = await pulled(await signIn('priya.shah@demo.school'));
    expect(other).not.toContain(id);
  });
});
