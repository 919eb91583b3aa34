/**
 * Shared pieces of the benchmark suite: a real server on a free port over a
 * fresh database, demo sign-ins, tick mutations shaped exactly as the sync
 * engine sends them, and small statistics helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../server/app';
import { openDb, type Db, type DbConfig } from '../server/db/connection';
import { seedDemoSchool } from '../server/demo/seed';
import { PROTOCOL_VERSION, formatHlc, newId, type Mutation } from '../src/domain';

export type RunningServer = { url: string; db: Db; close: () => Promise<void> };

export const PASSWORD = 'demo-password';

export const tempSqliteConfig = (): { config: DbConfig; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
  return {
    config: { engine: 'sqlite', file: join(dir, 'bench.sqlite') },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/** A fresh PostgreSQL schema; throws if the database cannot be reached. */
export const tempPostgresConfig = async (
  url: string,
): Promise<{ config: DbConfig; schema: string; cleanup: () => Promise<void> }> => {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    config: { engine: 'postgres', connectionString: url, options: `-c search_path=${schema}` },
    schema,
    cleanup: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
};

export const startServer = async (
  config: DbConfig,
  options: { staticDir?: string } = {},
): Promise<RunningServer> => {
  const db = await openDb(config);
  await seedDemoSchool(db, { password: PASSWORD });
  const app = createApp({ db, logError: () => undefined, ...options });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => void db.destroy().then(() => resolve()));
      }),
  };
};

export const signIn = async (url: string, email: string, deviceId = newId()): Promise<string> => {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, deviceId }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
};

export type TargetRef = { targetId: string; childId: string };

/** The teacher's targets, read back from the server by a full pull. */
export const teacherTargets = async (url: string, token: string): Promise<TargetRef[]> => {
  const targets: TargetRef[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${url}/api/v1/sync/pull?after=${after}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as {
      changes: { entity: string; entityId: string; data: Record<string, unknown> | null }[];
      cursor: number;
      hasMore: boolean;
    };
    for (const change of page.changes) {
      if (change.entity === 'target' && change.data?.childId) {
        targets.push({ targetId: change.entityId, childId: change.data.childId as string });
      }
    }
    if (!page.hasMore) return targets;
    after = page.cursor;
  }
};

export const tickMutations = (
  count: number,
  deviceId: string,
  targets: TargetRef[],
): Mutation[] => {
  const start = Date.now() - count;
  return Array.from({ length: count }, (_, i) => {
    const { targetId, childId } = targets[i % targets.length]!;
    return {
      id: newId(),
      deviceId,
      seq: i + 1,
      hlc: formatHlc({ wallMs: start + i, counter: 0, deviceId }),
      kind: 'event',
      entity: 'tick',
      entityId: newId(),
      data: {
        targetId,
        childId,
        outcome: (['achieved', 'partly', 'not_yet', 'absent'] as const)[i % 4],
        recordedAt: new Date(start + i).toISOString(),
      },
    };
  });
};

export const push = async (
  url: string,
  token: string,
  deviceId: string,
  mutations: Mutation[],
): Promise<{ applied: number }> => {
  const response = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations }),
  });
  if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { results: { status: string }[] };
  return { applied: body.results.filter((result) => result.status === 'applied').length };
};

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export const median = (values: number[]): number => percentile(values, 50);

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
