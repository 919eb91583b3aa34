/**
 * The world of the sync simulation: the REAL server (createApp over a
 * SQLite file, restartable over the same file) and 2-8 devices, each with
 * the REAL device store (Dexie over fake-indexeddb, its own database name)
 * and the REAL sync engine, each device with its own skewed clock, all
 * talking through a simulated network that can drop a request, drop the
 * answer after the server committed, deliver twice, hold a request and
 * deliver it late (after newer ones: reordering), or answer 413/429/500.
 *
 * Everything is driven one command at a time and no real timer decides
 * anything, so a run is a pure function of its commands: a failing seed
 * replays exactly.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { v5 as uuidv5 } from 'uuid';
import type { Mutation, MutationResult } from '../../../src/domain';
import { createApp, type App } from '../../../server/app';
import { openDb, type Db } from '../../../server/db/connection';
import { hashToken } from '../../../server/auth/tokens';
import { insertSession } from '../../../server/store/sessions';
import { createServerWriter, setUpSchool } from '../../../server/store/school-setup';
import { createLocalStore, type LocalStore } from '../../../src/storage';
import { createSyncEngine, type SyncEngine } from '../../../src/sync';

const NS = '0b7c2f6e-5a0f-4b2d-9d1e-3f4a5b6c7d8e';
export const simId = (name: string): string => uuidv5(`sim:${name}`, NS);

export const SCHOOL_ID = simId('school');
export const CHILD_IDS = [simId('child:1'), simId('child:2')];
export const SEED_TARGET_IDS = [simId('target:1'), simId('target:2'), simId('target:3')];
export const MAX_DEVICES = 8;
export const DEVICE_IDS = Array.from({ length: MAX_DEVICES }, (_, i) => simId(`device:${i}`));
export const STAFF_IDS = [simId('staff:senco'), simId('staff:senco2')];
const TOKENS = DEVICE_IDS.map((_, i) => `sim-token-${i}-`.padEnd(43, 'x'));
export const START_MS = Date.parse('2026-10-05T08:30:00.000Z');

/**
 * A migrated SQLite file with one small school (two SENCos, who may see and
 * change everything, a class, two children, three targets) and a live
 * session for each simulated device. Each run starts from a copy.
 */
export const makeTemplate = async (): Promise<{ file: string; dispose: () => void }> => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-sim-template-'));
  const file = join(dir, 'template.sqlite');
  const db = await openDb({ engine: 'sqlite', file });
  const nowMs = START_MS - 86_400_000;
  let n = 0;
  const newId = () => simId(`seed-mutation:${n++}`);
  await db.transaction().execute(async (trx) => {
    await setUpSchool(trx, {
      id: SCHOOL_ID,
      name: 'Simulation Primary',
      staff: [
        {
          id: STAFF_IDS[0]!,
          name: 'Sam Sim',
          email: 'sam@sim.school',
          role: 'senco',
          password: 'x',
        },
        {
          id: STAFF_IDS[1]!,
          name: 'Kit Sim',
          email: 'kit@sim.school',
          role: 'senco',
          password: 'x',
        },
      ],
      deviceId: simId('device:server'),
      nowMs,
      newId,
    });
    const writer = createServerWriter({
      schoolId: SCHOOL_ID,
      staffId: STAFF_IDS[0]!,
      deviceId: simId('device:server'),
      nowMs: nowMs + 1,
      newId,
    });
    const classId = simId('class');
    writer.patch('class', classId, { name: 'Year 3 Sim', yearGroup: 3 });
    CHILD_IDS.forEach((childId, i) =>
      writer.patch('child', childId, {
        firstName: `Child${i}`,
        lastName: 'Sim',
        yearGroup: 3,
        classId,
      }),
    );
    SEED_TARGET_IDS.forEach((targetId, i) =>
      writer.patch('target', targetId, {
        childId: CHILD_IDS[i % CHILD_IDS.length],
        text: `seed target ${i}`,
        startDate: '2026-09-07',
      }),
    );
    await writer.flush(trx);
    for (let i = 0; i < MAX_DEVICES; i++) {
      await insertSession(trx, {
        tokenHash: hashToken(TOKENS[i]!),
        staffId: STAFF_IDS[i % STAFF_IDS.length]!,
        schoolId: SCHOOL_ID,
        deviceId: DEVICE_IDS[i]!,
        createdAt: new Date(nowMs).toISOString(),
        expiresAt: '2100-01-01T00:00:00.000Z',
        lastUsedAt: new Date(nowMs).toISOString(),
      });
    }
  });
  await db.destroy();
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
};

/** What the network does to one request. */
export const FAULTS = [
  'ok',
  'dropRequest',
  'dropResponse',
  'duplicate',
  'late',
  'lateDuplicate',
  'error500',
  'error500AfterCommit',
  'busy429',
  'tooLarge413',
] as const;
export type Fault = (typeof FAULTS)[number];

type HeldRequest = { path: string; init: RequestInit };

export type Device = {
  index: number;
  deviceId: string;
  dbName: string;
  skewMs: number;
  store: LocalStore;
  engine: SyncEngine;
  /** Faults for the requests of the sync in progress, used up in order. */
  faults: Fault[];
};

export type PushOutcome = { device: number; results: MutationResult[] };

export const createWorld = async (options: { template: string; run: number; skews: number[] }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-sim-run-'));
  const file = join(dir, 'server.sqlite');
  copyFileSync(options.template, file);
  const clock = { nowMs: START_MS };
  let db: Db = await openDb({ engine: 'sqlite', file });
  const serverErrors: unknown[] = [];
  const makeApp = (): App =>
    createApp({ db, now: () => clock.nowMs, logError: (_m, e) => serverErrors.push(e) });
  let app = makeApp();
  /** Requests the network held back, delivered later (or at heal time). */
  const late: HeldRequest[] = [];
  /** Every push answer a device actually received. */
  const answered: PushOutcome[] = [];
  const log: string[] = [];

  const deliver = async (path: string, init: RequestInit): Promise<Response> =>
    app.request(path, init);

  const fetchFor =
    (device: () => Device): typeof fetch =>
    async (input, init) => {
      const url = new URL(String(input));
      const path = `${url.pathname}${url.search}`;
      const req: RequestInit = { ...init, signal: null };
      const d = device();
      let fault: Fault = d.faults.shift() ?? 'ok';
      const isPush = path.startsWith('/api/v1/sync/push');
      if (fault === 'tooLarge413') {
        // A proxy with a smaller limit: only a batch of more than one is too big.
        const count = isPush
          ? (JSON.parse(String(init?.body)) as { mutations: unknown[] }).mutations.length
          : 0;
        if (count <= 1) fault = 'ok';
      }
      log.push(`d${d.index} ${init?.method ?? 'GET'} ${path.slice(13, 40)} ${fault}`);
      const json = (status: number, headers: Record<string, string> = {}) =>
        new Response(JSON.stringify({ error: { code: 'x', message: 'simulated' } }), {
          status,
          headers: { 'content-type': 'application/json', ...headers },
        });
      switch (fault) {
        case 'dropRequest':
          throw new TypeError('Failed to fetch (request dropped)');
        case 'dropResponse':
          await deliver(path, req);
          throw new TypeError('Failed to fetch (answer lost after commit)');
        case 'duplicate': {
          await deliver(path, req);
          const second = await deliver(path, req);
          return record(d, isPush, second);
        }
        case 'late':
          late.push({ path, init: req });
          throw new TypeError('Failed to fetch (timed out; request still travelling)');
        case 'lateDuplicate': {
          late.push({ path, init: req });
          return record(d, isPush, await deliver(path, req));
        }
        case 'error500':
          return json(500);
        case 'error500AfterCommit':
          await deliver(path, req);
          return json(500);
        case 'busy429':
          return json(429, { 'retry-after': '3' });
        case 'tooLarge413':
          return json(413);
        case 'ok':
          return record(d, isPush, await deliver(path, req));
      }
    };

  const record = async (d: Device, isPush: boolean, response: Response): Promise<Response> => {
    if (isPush && response.ok) {
      const body = (await response.clone().json()) as { results: MutationResult[] };
      answered.push({ device: d.index, results: body.results });
    }
    return response;
  };

  const openDevice = (index: number, skewMs: number, previous?: Device): Device => {
    const deviceId = DEVICE_IDS[index]!;
    const dbName = `sim-${options.run}-${index}`;
    const store = createLocalStore({ deviceId, dbName, now: () => clock.nowMs + skewMs });
    const device: Device = {
      index,
      deviceId,
      dbName,
      skewMs,
      store,
      faults: previous?.faults ?? [],
      engine: undefined as unknown as SyncEngine,
    };
    device.engine = createSyncEngine({
      store,
      getToken: async () => TOKENS[index],
      baseUrl: 'http://sim.test',
      fetch: fetchFor(() => devices[index]!),
      random: () => 0.5,
    });
    return device;
  };

  const devices: Device[] = options.skews.map((skew, i) => openDevice(i, skew));

  return {
    clock,
    devices,
    late,
    answered,
    log,
    serverErrors,
    get db() {
      return db;
    },
    /** The tab is closed (or the tablet restarts): a new store and engine on the same data. */
    restartDevice(index: number) {
      const old = devices[index]!;
      old.store.db.close();
      devices[index] = openDevice(index, old.skewMs, old);
    },
    /**
     * A second tab (or the service worker) on the same device syncs at the
     * same moment as the first, with no lock between them (as after a
     * frozen tab's lock was taken over): both must be harmless together.
     */
    async twoTabs(index: number) {
      const first = devices[index]!;
      const second = openDevice(index, first.skewMs, first);
      try {
        return await Promise.all([first.engine.sync(), second.engine.sync()]);
      } finally {
        second.store.db.close();
      }
    },
    /** The server process restarts over the same database file. */
    async restartServer() {
      await db.destroy();
      db = await openDb({ engine: 'sqlite', file });
      app = makeApp();
    },
    /** One held request finally reaches the server; nobody hears the answer. */
    async deliverLate(pick: number) {
      if (late.length === 0) return;
      const [held] = late.splice(pick % late.length, 1);
      log.push(`late delivery ${held!.path.slice(13, 40)}`);
      await deliver(held!.path, held!.init);
    },
    async dispose() {
      for (const device of devices) {
        device.store.db.close();
        await Dexie.delete(device.dbName);
      }
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type World = Awaited<ReturnType<typeof createWorld>>;
export type { Mutation };
