/**
 * The SENCo's server routes, on every database engine: the devices list
 * (who last pushed and pulled when) and creating sign-in accounts for staff
 * records imported on the SENCo's device.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain';
import type { Mutation, StaffAccountResult } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool } from '../../server/demo/seed';
import { setUpSchool } from '../../server/store/school-setup';
import { appRequests } from '../helpers/app-requests';
import { testEngines } from './support';

const PASSWORD = 'demo-password-for-tests';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

describe.each(testEngines())('SENCo routes on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: NOW };

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    await db.transaction().execute((trx) =>
      setUpSchool(trx, {
        id: randomUUID(),
        name: 'Riverside Primary',
        staff: [
          {
            id: randomUUID(),
            name: 'Kim Lee',
            role: 'senco',
            email: 'senco@riverside.example',
            password: 'riverside-pw',
          },
        ],
        deviceId: randomUUID(),
        nowMs: NOW - 86_400_000,
        newId: randomUUID,
      }),
    );
    app = createApp({ db, now: () => clock.nowMs, logError: () => {} });
  });

  afterAll(async () => {
    await close?.();
  });

  const { post, get } = appRequests(() => app);

  /** The device each token's session speaks for (the server binds one at sign-in). */
  const deviceOf = new Map<string, string>();
  const signIn = async (email: string, password = PASSWORD, deviceId?: string) => {
    const res = await post('/api/v1/auth/sign-in', { email, password, deviceId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; deviceId: string };
    deviceOf.set(body.token, body.deviceId);
    return body.token;
  };

  let pushes = 0;
  const pushStaff = async (token: string, staff: Record<string, unknown>, id = randomUUID()) => {
    const deviceId = deviceOf.get(token)!;
    const mutation: Mutation = {
      id: randomUUID(),
      deviceId,
      seq: ++pushes,
      hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId }),
      kind: 'patch',
      entity: 'staff',
      entityId: id,
      data: staff,
    };
    const res = await post(
      '/api/v1/sync/push',
      { protocolVersion: 1, deviceId, mutations: [mutation] },
      token,
    );
    expect(res.status).toBe(200);
    return id;
  };

  it('lists the school’s devices with their owner and last push and pull', async () => {
    const deviceId = randomUUID();
    const teacher = await signIn('teacher@demo.school', PASSWORD, deviceId);
    clock.nowMs = NOW + 1_000;
    const pulled = await get('/api/v1/sync/pull?after=0&limit=1', teacher);
    expect(pulled.status).toBe(200);
    const senco = await signIn('senco@demo.school');
    const res = await get('/api/v1/devices', senco);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      devices: {
        id: string;
        staffId: string;
        staffName: string;
        firstSeenAt: string;
        lastPushAt: string | null;
        lastPullAt: string | null;
      }[];
    };
    const mine = body.devices.find((d) => d.id === deviceId);
    expect(mine).toMatchObject({
      staffName: 'Jo Hughes',
      lastPushAt: null,
      lastPullAt: new Date(NOW + 1_000).toISOString(),
    });
    expect(Object.keys(mine!).sort()).toEqual(
      [
        'firstSeenAt',
        'id',
        'lastPullAt',
        'lastPushAt',
        'liveSessions',
        'revocation',
        'staffId',
        'staffName',
      ].sort(),
    );
    expect(mine).toMatchObject({ revocation: null });
    // Only this school's devices, and not the server's own set-up writer.
    expect(body.devices.every((d) => d.staffName !== 'Kim Lee')).toBe(true);
    // The teacher's tablet and the SENCo's own sign-in, which got a device
    // of its own though it named none: no session is invisible here.
    expect(body.devices.map((d) => [d.id === deviceId, d.staffName]).sort()).toEqual([
      [false, 'Sam Patel'],
      [true, 'Jo Hughes'],
    ]);
  });

  it('refuses the devices list and staff accounts to a teacher and to nobody', async () => {
    const teacher = await signIn('teacher@demo.school');
    expect((await get('/api/v1/devices', teacher)).status).toBe(403);
    expect((await get('/api/v1/staff-accounts', teacher)).status).toBe(403);
    expect(
      (await post('/api/v1/staff-accounts', { staffIds: [randomUUID()] }, teacher)).status,
    ).toBe(403);
    expect((await app.request('/api/v1/devices')).status).toBe(401);
  });

  it('creates sign-ins for imported staff records with a temporary password shown once', async () => {
    const senco = await signIn('senco@demo.school');
    const newTa = await pushStaff(senco, {
      name: 'Dana Brook',
      email: 'Dana.Brook@demo.school',
      role: 'ta',
      isActive: true,
    });
    // An address this school's accounts already use (another school's would be free here).
    const clash = await pushStaff(senco, {
      name: 'Someone Else',
      email: 'TA@demo.school',
      role: 'teacher',
      isActive: true,
    });
    const existing = (await (await get('/api/v1/staff-accounts', senco)).json()) as {
      accounts: { staffId: string; email: string }[];
    };
    const jo = existing.accounts.find((a) => a.email === 'teacher@demo.school')!.staffId;
    const missing = randomUUID();

    const res = await post(
      '/api/v1/staff-accounts',
      { staffIds: [newTa, clash, jo, missing] },
      senco,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { results } = (await res.json()) as { results: StaffAccountResult[] };
    const byId = new Map(results.map((r) => [r.staffId, r]));
    expect(byId.get(newTa)).toMatchObject({ status: 'created', email: 'dana.brook@demo.school' });
    expect(byId.get(newTa)!.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(byId.get(clash)).toMatchObject({ status: 'email_taken' });
    expect(byId.get(jo)).toMatchObject({ status: 'exists' });
    expect(byId.get(jo)!.temporaryPassword).toBeUndefined();
    expect(byId.get(missing)).toMatchObject({ status: 'not_found' });

    // The new TA signs in with it, as a TA of this school.
    const signInRes = await post('/api/v1/auth/sign-in', {
      email: 'dana.brook@demo.school',
      password: byId.get(newTa)!.temporaryPassword,
    });
    expect(signInRes.status).toBe(200);
    const signedIn = (await signInRes.json()) as { staff: { id: string; role: string } };
    expect(signedIn.staff).toMatchObject({ id: newTa, role: 'ta' });

    // Asking again creates nothing and shows no password.
    const again = (await (
      await post('/api/v1/staff-accounts', { staffIds: [newTa] }, senco)
    ).json()) as { results: StaffAccountResult[] };
    expect(again.results).toEqual([
      { staffId: newTa, status: 'exists', name: 'Dana Brook', email: 'dana.brook@demo.school' },
    ]);
  });

  it('cannot make an account from another school’s staff record', async () => {
    const other = await signIn('senco@riverside.example', 'riverside-pw');
    const theirs = await pushStaff(other, {
      name: 'River Staff',
      email: 'river.staff@riverside.example',
      role: 'teacher',
      isActive: true,
    });
    const senco = await signIn('senco@demo.school');
    const res = await post('/api/v1/staff-accounts', { staffIds: [theirs] }, senco);
    expect(((await res.json()) as { results: StaffAccountResult[] }).results[0]!.status).toBe(
      'not_found',
    );
  });

  it('refuses a malformed request with 400', async () => {
    const senco = await signIn('senco@demo.school');
    expect((await post('/api/v1/staff-accounts', { staffIds: ['nope'] }, senco)).status).toBe(400);
    expect((await post('/api/v1/staff-accounts', { staffIds: [] }, senco)).status).toBe(400);
  });
});
