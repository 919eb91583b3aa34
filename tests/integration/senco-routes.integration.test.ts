/**
 * The SENCo's server routes, on every database engine: the devices list
 * (who last pushed and pulled when) and creating sign-in accounts for staff
 * records imported on the SENCo's device.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, StaffAccountResult } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool } from '../../server/demo/seed';
import { setUpSchool } from '../../server/store/school-setup';
import { appRequests } from '../helpers/app-requests';
import { STAFF_ACCOUNTS_LIMIT } from '../../server/routes/staff-accounts';
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
      { protocolVersion: PROTOCOL_VERSION, deviceId, mutations: [mutation] },
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

  it('creates sign-ins for imported staff records with an activation code shown once', async () => {
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
    expect(byId.get(newTa)!.activationCode).toMatch(
      /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );
    expect(Date.parse(byId.get(newTa)!.activationExpiresAt!)).toBeGreaterThan(Date.now());
    expect(byId.get(clash)).toMatchObject({ status: 'email_taken' });
    expect(byId.get(jo)).toMatchObject({ status: 'exists' });
    expect(byId.get(jo)!.activationCode).toBeUndefined();
    expect(byId.get(missing)).toMatchObject({ status: 'not_found' });

    // No password works before activation: the account has none anyone knows.
    const tooSoon = await post('/api/v1/auth/sign-in', {
      email: 'dana.brook@demo.school',
      password: byId.get(newTa)!.activationCode,
    });
    expect(tooSoon.status).toBe(401);
    // The new TA activates with the code and is signed in, as a TA of this school.
    const activated = await post('/api/v1/auth/activate', {
      code: byId.get(newTa)!.activationCode,
      password: 'dana-own-password',
    });
    expect(activated.status).toBe(200);
    const signedIn = (await activated.json()) as { staff: { id: string; role: string } };
    expect(signedIn.staff).toMatchObject({ id: newTa, role: 'ta' });
    const signInRes = await post('/api/v1/auth/sign-in', {
      email: 'dana.brook@demo.school',
      password: 'dana-own-password',
    });
    expect(signInRes.status).toBe(200);

    // Asking again creates nothing and shows no code.
    const again = (await (
      await post('/api/v1/staff-accounts', { staffIds: [newTa] }, senco)
    ).json()) as { results: StaffAccountResult[] };
    expect(again.results).toEqual([
      { staffId: newTa, status: 'exists', name: 'Dana Brook', email: 'dana.brook@demo.school' },
    ]);
  });

  it('gives a fresh activation code only to a SENCo of the school, and it replaces the old one', async () => {
    const senco = await signIn('senco@demo.school');
    const staffId = await pushStaff(senco, {
      name: 'Omar Price',
      email: 'omar.price@demo.school',
      role: 'teacher',
      isActive: true,
    });
    const [made] = (
      (await (await post('/api/v1/staff-accounts', { staffIds: [staffId] }, senco)).json()) as {
        results: StaffAccountResult[];
      }
    ).results;
    const first = made!.activationCode!;

    const res = await post(`/api/v1/staff-accounts/${staffId}/activation-code`, {}, senco);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const fresh = (await res.json()) as {
      staffId: string;
      activationCode: string;
      activationExpiresAt: string;
    };
    expect(fresh.staffId).toBe(staffId);
    expect(fresh.activationCode).not.toBe(first);
    expect(Date.parse(fresh.activationExpiresAt) - clock.nowMs).toBe(14 * 24 * 60 * 60 * 1000);

    // The replaced code is refused, saying why; the fresh one works once.
    const old = await post('/api/v1/auth/activate', { code: first, password: 'omar-password-1' });
    expect(old.status).toBe(400);
    expect(((await old.json()) as { error: { message: string } }).error.message).toMatch(
      /replaced/,
    );
    const used = { code: fresh.activationCode.toLowerCase(), password: 'omar-password-1' };
    expect((await post('/api/v1/auth/activate', used)).status).toBe(200);
    expect((await post('/api/v1/auth/activate', used)).status).toBe(400);

    // A teacher, a TA and a headteacher may not issue codes.
    for (const email of ['teacher@demo.school', 'ta@demo.school']) {
      const token = await signIn(email);
      expect(
        (await post(`/api/v1/staff-accounts/${staffId}/activation-code`, {}, token)).status,
      ).toBe(403);
    }
    // Another school's SENCo: that id is no account of theirs (404, as an unknown id).
    const kim = await signIn('senco@riverside.example', 'riverside-pw');
    const foreign = await post(`/api/v1/staff-accounts/${staffId}/activation-code`, {}, kim);
    expect(foreign.status).toBe(404);
    expect(
      (await post(`/api/v1/staff-accounts/${randomUUID()}/activation-code`, {}, kim)).status,
    ).toBe(404);
    // Not an id at all, or upper case with NUL: refused by the params schema (400), as elsewhere.
    for (const bad of ['not-an-id', `${staffId.toUpperCase()}%00`]) {
      expect((await post(`/api/v1/staff-accounts/${bad}/activation-code`, {}, senco)).status).toBe(
        400,
      );
    }
    // The code the SENCo issued still works for Omar only: Kim's request changed nothing.
    const signedIn = await post('/api/v1/auth/sign-in', {
      email: 'omar.price@demo.school',
      password: 'omar-password-1',
    });
    expect(signedIn.status).toBe(200);

    // A deactivated person gets no code until reactivated.
    expect((await post(`/api/v1/staff/${staffId}/deactivate`, {}, senco)).status).toBe(200);
    const refused = await post(`/api/v1/staff-accounts/${staffId}/activation-code`, {}, senco);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /Reactivate/,
    );
  });

  it('adds a headteacher with an activation code, who then reads the whole school and writes nothing', async () => {
    const senco = await signIn('senco@demo.school');
    const headId = await pushStaff(senco, {
      name: 'Helen Marsh',
      email: 'head@demo.school',
      role: 'headteacher',
      isActive: true,
    });
    const [made] = (
      (await (await post('/api/v1/staff-accounts', { staffIds: [headId] }, senco)).json()) as {
        results: StaffAccountResult[];
      }
    ).results;
    expect(made).toMatchObject({ status: 'created' });
    const activated = await post('/api/v1/auth/activate', {
      code: made!.activationCode,
      password: 'helen-own-password',
    });
    expect(activated.status).toBe(200);
    const head = (await activated.json()) as {
      token: string;
      deviceId: string;
      staff: { role: string };
    };
    expect(head.staff.role).toBe('headteacher');
    deviceOf.set(head.token, head.deviceId);

    // The SENCo's management routes stay the SENCo's.
    expect((await get('/api/v1/staff-accounts', head.token)).status).toBe(403);
    expect((await get('/api/v1/devices', head.token)).status).toBe(403);
    expect(
      (await post(`/api/v1/staff-accounts/${headId}/activation-code`, {}, head.token)).status,
    ).toBe(403);

    // Pushing a record is refused, with a sentence that says why.
    const deviceId = head.deviceId;
    const res = await post(
      '/api/v1/sync/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        mutations: [
          {
            id: randomUUID(),
            deviceId,
            seq: 1,
            hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId }),
            kind: 'patch',
            entity: 'staff',
            entityId: randomUUID(),
            data: { name: 'Planted', email: 'planted@demo.school', role: 'senco' },
          },
        ],
      },
      head.token,
    );
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: { status: string; code?: string; message?: string }[];
    };
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(results[0]!.message).toMatch(/read-only/);
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

  it('limits how many sign-ins and codes one SENCo asks for in 15 minutes', async () => {
    const kim = await signIn('senco@riverside.example', 'riverside-pw');
    const statuses: number[] = [];
    // Codes for an id that is not an account here: cheap, and each one counts.
    for (let i = 0; i < STAFF_ACCOUNTS_LIMIT.max + 5; i += 1) {
      const res = await post(`/api/v1/staff-accounts/${randomUUID()}/activation-code`, {}, kim);
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    const limited = await post('/api/v1/staff-accounts', { staffIds: [randomUUID()] }, kim);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another SENCo is not held up by Kim's requests.
    const sam = await signIn('senco@demo.school');
    expect((await post('/api/v1/staff-accounts', { staffIds: [randomUUID()] }, sam)).status).toBe(
      200,
    );
    // After the window, Kim may ask again.
    clock.nowMs += STAFF_ACCOUNTS_LIMIT.windowMs + 1_000;
    expect((await post('/api/v1/staff-accounts', { staffIds: [randomUUID()] }, kim)).status).toBe(
      200,
    );
  });
});
