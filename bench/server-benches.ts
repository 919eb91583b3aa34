/**
 * Server-side benchmarks, each against a baseline run in the same process at
 * the same time: batched push vs one request per mutation, push ingest vs a
 * raw SQLite (or PostgreSQL) insert of the same rows, and 50 devices pushing
 * and pulling at once vs one device alone.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { newId, type Mutation } from '../src/domain';
import type { Db, DbConfig } from '../server/db/connection';
import type { BenchResult } from './result';
import {
  median,
  percentile,
  push,
  round,
  signIn,
  startServer,
  teacherTargets,
  tempPostgresConfig,
  tempSqliteConfig,
  tickMutations,
  type RunningServer,
} from './support';

const TICKS = 10_000;

/**
 * Where the batched push spends its time, from a V8 CPU profile of the
 * pushes of 10 000 ticks alone (`npm run bench:profile`, 2026-11-23, three
 * runs): SQLite running the statements 35-40% (Kysely's SQLite driver and
 * better-sqlite3's native run/all), of which each push's commit 7-9%; zod
 * validation 11-13% (the push envelope, then each tick); the bench's own
 * fetch client about 10%; Kysely outside its driver 5-6% (26.8% before
 * batching); preparing statements under 1% (18.4% before); garbage
 * collection 3-4% (10.6% before).
 */
const PUSH_PROFILE =
  "Slowest part, by CPU profile of the pushes alone (npm run bench:profile): SQLite running the statements, 35-40% of CPU, of which the commit that ends each of the 20 pushes is 7-9%. The server stores four rows per tick in four indexed tables (the change, the record, the idempotency record and the audit entry) where the raw baseline stores one row in one table, all in one transaction. Next come zod validation (11-13%: the push envelope, then each tick) and the bench's own fetch client (about 10%). A push now applies its batch with one lookup per table and multi-row inserts: Kysely query building fell from 26.8% to 5-6% and preparing statements from 18.4% to under 1% (prepared statements are kept).";
const BATCH = 500;

const countTicks = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('records')
    .select(sql<number>`count(*)`.as('n'))
    .where('entity', '=', 'tick')
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

const withServer = async <T>(config: DbConfig, run: (server: RunningServer) => Promise<T>) => {
  const server = await startServer(config);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
};

/** Push `mutations` through the server in batches; ms per whole run. */
const timeBatchedPush = async (server: RunningServer, mutations: Mutation[], deviceId: string) => {
  const token = await signIn(server.url, 'teacher@demo.school', deviceId);
  const started = performance.now();
  let applied = 0;
  for (let i = 0; i < mutations.length; i += BATCH) {
    applied += (await push(server.url, token, deviceId, mutations.slice(i, i + BATCH))).applied;
  }
  return { ms: performance.now() - started, applied };
};

const targetsOf = async (server: RunningServer) =>
  teacherTargets(server.url, await signIn(server.url, 'teacher@demo.school'));

export const benchPush = async (): Promise<{ push: BenchResult; ingest: BenchResult }> => {
  const deviceId = newId();
  const batchedDb = tempSqliteConfig();
  const singlesDb = tempSqliteConfig();
  const rawDb = tempSqliteConfig();
  try {
    const batched = await withServer(batchedDb.config, async (server) => {
      const mutations = tickMutations(TICKS, deviceId, await targetsOf(server));
      const run = await timeBatchedPush(server, mutations, deviceId);
      return { ...run, stored: await countTicks(server.db), mutations };
    });

    const singles = await withServer(singlesDb.config, async (server) => {
      const mutations = tickMutations(TICKS, deviceId, await targetsOf(server));
      const token = await signIn(server.url, 'teacher@demo.school', deviceId);
      const started = performance.now();
      let applied = 0;
      for (const mutation of mutations)
        applied += (await push(server.url, token, deviceId, [mutation])).applied;
      return { ms: performance.now() - started, applied, stored: await countTicks(server.db) };
    });

    // The limit: the same rows straight into SQLite, one transaction, same process.
    const raw = new Database(rawDb.config.engine === 'sqlite' ? rawDb.config.file : ':memory:');
    raw.pragma('journal_mode = WAL');
    raw.exec(
      'CREATE TABLE ticks (id TEXT PRIMARY KEY, school_id TEXT, target_id TEXT, child_id TEXT, outcome TEXT, recorded_at TEXT, hlc TEXT, data TEXT)',
    );
    const insert = raw.prepare('INSERT INTO ticks VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const schoolId = newId();
    const rawStarted = performance.now();
    raw.transaction((rows: Mutation[]) => {
      for (const m of rows) {
        const d = m.data as Record<string, string>;
        insert.run(
          m.entityId,
          schoolId,
          d.targetId,
          d.childId,
          d.outcome,
          d.recordedAt,
          m.hlc,
          JSON.stringify(d),
        );
      }
    })(batched.mutations);
    const rawMs = performance.now() - rawStarted;
    const rawCount = (raw.prepare('SELECT count(*) AS n FROM ticks').get() as { n: number }).n;
    raw.close();

    const speedup = singles.ms / batched.ms;
    const overhead = batched.ms / rawMs;
    return {
      push: {
        id: 'sync-push',
        title: 'Sync push: 10 000 ticks, batched vs one request each',
        measured: `batched (${BATCH} per push): ${round(batched.ms)} ms, ${round((TICKS / batched.ms) * 1000, 0)} ticks/s`,
        baseline: `one request per tick: ${round(singles.ms)} ms, ${round((TICKS / singles.ms) * 1000, 0)} ticks/s`,
        figure: `batched ${round(speedup, 1)}x faster`,
        budget: 'batched at least 20x faster',
        met: speedup >= 20,
        check: `applied ${batched.applied} / stored ${batched.stored} batched; applied ${singles.applied} / stored ${singles.stored} singly (expected ${TICKS} each)`,
        notes: PUSH_PROFILE,
        data: { batchedMs: batched.ms, singlesMs: singles.ms, speedup },
      },
      ingest: {
        id: 'server-ingest',
        title: 'Server ingest vs the limit (SQLite)',
        measured: `/sync/push, batched: ${round(batched.ms)} ms for ${TICKS} ticks`,
        baseline: `raw better-sqlite3 insert, one transaction: ${round(rawMs)} ms`,
        figure: `${round(overhead, 1)}x raw`,
        budget: 'within 3x of raw',
        met: overhead <= 3,
        check: `server stored ${batched.stored}, raw stored ${rawCount} (expected ${TICKS})`,
        notes: PUSH_PROFILE,
        data: { pushMs: batched.ms, rawMs, overhead },
      },
    };
  } finally {
    batchedDb.cleanup();
    singlesDb.cleanup();
    rawDb.cleanup();
  }
};

export const benchPostgres = async (url: string): Promise<BenchResult> => {
  const deviceId = newId();
  const serverDb = await tempPostgresConfig(url);
  const rawDb = await tempPostgresConfig(url);
  try {
    const server = await withServer(serverDb.config, async (running) => {
      const mutations = tickMutations(TICKS, deviceId, await targetsOf(running));
      const run = await timeBatchedPush(running, mutations, deviceId);
      return { ...run, stored: await countTicks(running.db), mutations };
    });
    const pool = new pg.Pool({
      connectionString: url,
      max: 1,
      options: `-c search_path=${rawDb.schema}`,
    });
    const client = await pool.connect();
    await client.query(
      'CREATE TABLE ticks (id uuid PRIMARY KEY, school_id uuid, target_id uuid, child_id uuid, outcome text, recorded_at text, hlc text, data text)',
    );
    const schoolId = newId();
    const started = performance.now();
    await client.query('BEGIN');
    for (let i = 0; i < server.mutations.length; i += 1000) {
      const chunk = server.mutations.slice(i, i + 1000);
      const values: unknown[] = [];
      const rows = chunk.map((m, j) => {
        const d = m.data as Record<string, string>;
        values.push(
          m.entityId,
          schoolId,
          d.targetId,
          d.childId,
          d.outcome,
          d.recordedAt,
          m.hlc,
          JSON.stringify(d),
        );
        const base = j * 8;
        return `($${base + 1},$${base + 2},$${base + 3},$${base + 4},$${base + 5},$${base + 6},$${base + 7},$${base + 8})`;
      });
      await client.query(`INSERT INTO ticks VALUES ${rows.join(',')}`, values);
    }
    await client.query('COMMIT');
    const rawMs = performance.now() - started;
    const rawCount = Number((await client.query('SELECT count(*) AS n FROM ticks')).rows[0].n);
    client.release();
    await pool.end();
    const overhead = server.ms / rawMs;
    return {
      id: 'postgres-ingest',
      title: 'Server ingest vs the limit (PostgreSQL)',
      measured: `/sync/push, batched: ${round(server.ms)} ms for ${TICKS} ticks`,
      baseline: `multi-row INSERT of the same rows, one transaction: ${round(rawMs)} ms`,
      figure: `${round(overhead, 1)}x raw`,
      budget: 'within 3x',
      met: overhead <= 3,
      check: `server stored ${server.stored}, raw stored ${rawCount} (expected ${TICKS})`,
      notes:
        'Slowest part, by statement time (Kysely log, 20 pushes of 500): the four multi-row inserts of each push, about three quarters of the time spent in the database (changes 402 ms, audit entries 332 ms, records 266 ms, idempotency records 243 ms; commits 98 ms). Each tick is four rows in four indexed tables where the baseline inserts one row into one table, so within 3x of it is out of reach while every tick keeps its change, record, idempotency record and audit entry. A push is about 15 round trips to the database, whatever its size.',
      data: { pushMs: server.ms, rawMs, overhead },
    };
  } finally {
    await serverDb.cleanup();
    await rawDb.cleanup();
  }
};

/** N devices each pushing a small batch then pulling, in a loop, for `seconds`. */
const runDevices = async (server: RunningServer, devices: number, seconds: number) => {
  const targets = await targetsOf(server);
  const tokens = await Promise.all(
    Array.from({ length: devices }, async () => {
      const deviceId = newId();
      return { deviceId, token: await signIn(server.url, 'teacher@demo.school', deviceId) };
    }),
  );
  const pushLatencies: number[] = [];
  const pullLatencies: number[] = [];
  let pushed = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    tokens.map(async ({ deviceId, token }) => {
      let seq = 0;
      let cursor = 0;
      while (performance.now() < deadline) {
        const batch = tickMutations(10, deviceId, targets).map((m) => ({ ...m, seq: ++seq }));
        let started = performance.now();
        // Not `pushed += await ...`: that reads `pushed` before the await,
        // and 50 devices at once would overwrite each other's counts.
        const { applied } = await push(server.url, token, deviceId, batch);
        pushed += applied;
        pushLatencies.push(performance.now() - started);
        started = performance.now();
        const response = await fetch(`${server.url}/api/v1/sync/pull?after=${cursor}&limit=500`, {
          headers: { authorization: `Bearer ${token}` },
        });
        cursor = ((await response.json()) as { cursor: number }).cursor;
        pullLatencies.push(performance.now() - started);
      }
    }),
  );
  clearInterval(sampler);
  return { pushLatencies, pullLatencies, pushed, stored: await countTicks(server.db), peakRss };
};

export const benchConcurrent = async (seconds: number): Promise<BenchResult> => {
  const one = tempSqliteConfig();
  const many = tempSqliteConfig();
  try {
    const alone = await withServer(one.config, (server) =>
      runDevices(server, 1, Math.min(10, seconds)),
    );
    const crowd = await withServer(many.config, (server) => runDevices(server, 50, seconds));
    const p99 = percentile(crowd.pushLatencies, 99);
    const aloneP99 = percentile(alone.pushLatencies, 99);
    return {
      id: 'concurrent-devices',
      title: `50 devices pushing and pulling for ${seconds} s (SQLite)`,
      measured: `push p50 ${round(median(crowd.pushLatencies))} ms, p99 ${round(p99)} ms; pull p99 ${round(percentile(crowd.pullLatencies, 99))} ms; ${round(crowd.pushed / seconds, 0)} ticks/s; peak RSS ${round(crowd.peakRss / 2 ** 20, 0)} MiB`,
      baseline: `1 device alone: push p50 ${round(median(alone.pushLatencies))} ms, p99 ${round(aloneP99)} ms`,
      figure: `p99 push ${round(p99)} ms (${round(p99 / aloneP99, 1)}x one device)`,
      budget: 'p99 push under 200 ms',
      met: p99 < 200,
      check: `${crowd.pushed} ticks acknowledged, ${crowd.stored} stored`,
      notes:
        "A closed loop with no pause: each of the 50 devices always has a request waiting, and the server serves one at a time on one SQLite connection, so a push waits for the requests queued ahead of it; at about 190 requests a second (a push of 10 ticks and a pull each), a push waits about half a round of 100 requests. For p99 under 200 ms the server must serve a push or a pull in about half the time it takes now. Moving the 50 devices into a worker thread of their own (tried 2026-11-23, 15 s run) raised throughput 11% and left p99 where it was: the loop is bound by the server. Devices and server share one Node process, so the RSS covers both. Every device pulls after each push, and all 50 are the same teacher, so each pull carries every other device's new ticks (about 500 changes). Slowest part, by CPU profile of a 30 s run (2026-11-23): moving those pulls over HTTP. The 50 devices' own fetch clients (decoding and parsing the pulled JSON) take about 25% of busy CPU and the server's HTTP and Response handling about 25% more; SQLite about 23%, of whose time commits are 36% (every pull writes the device's last pull time, so each commits a write) and the pull's read of the change log 31%; the scoped pull's own JavaScript (parsing and judging each change) 16%. The reader's scope is now kept until the school's scope version moves (computed on every request, it was 4% of busy CPU and 17-20% of SQLite time), and pages of events are judged without joining the records table (the join was about 40% of SQLite time): CPU per push and pull fell from about 25 ms to 15-20 ms in back-to-back runs on a busy machine. On SQLite every request shares one connection, so a push still waits behind the pulls queued before it.",
      data: { p99, aloneP99, pushed: crowd.pushed, peakRssMiB: crowd.peakRss / 2 ** 20 },
    };
  } finally {
    one.cleanup();
    many.cleanup();
  }
};
