/**
 * Backups as an operator takes them: the BUILT server (node
 * dist/server/main.js) running on a temporary DATA_DIR takes pushes, and
 * `backup --out` copies its SQLite database while it runs. The copy passes
 * `PRAGMA integrity_check`, and a second server started on a DATA_DIR holding
 * only the copy hands a device every change acknowledged before the backup.
 * Also: BACKUP_DAILY=on writes the day's copy, and on PostgreSQL the command
 * writes nothing and points to pg_dump.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, type Mutation, PROTOCOL_VERSION } from '../../src/domain';
import { dailyBackupName } from '../../server/db/backup';
import {
  buildServer,
  freePort,
  runBuilt,
  startBuiltServer,
  stopBuiltServer,
  type RunningServer,
} from '../helpers/built-server';

const PASSWORD = 'backup-password';

/** The server on a SQLite DATA_DIR of its own, with the demo password, on a free port. */
const start = async (
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunningServer> =>
  startBuiltServer(await freePort(), args, {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_PASSWORD: PASSWORD,
    STATIC_DIR: join(dataDir, 'no-client'),
    ...env,
  });

type Change = { entity: string; entityId: string; data: unknown };

const client = (port: number) => {
  const api = (path: string, init: RequestInit = {}, token?: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  const signIn = async (deviceId: string) => {
    const res = await api('/api/v1/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'teacher@demo.school', password: PASSWORD, deviceId }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const pull = async (token: string): Promise<Change[]> => {
    const changes: Change[] = [];
    let after = 0;
    for (;;) {
      const res = await api(`/api/v1/sync/pull?after=${after}&limit=1000`, {}, token);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { changes: Change[]; cursor: number; hasMore: boolean };
      changes.push(...page.changes);
      if (!page.hasMore) return changes;
      after = page.cursor;
    }
  };
  const push = async (token: string, deviceId: string, mutations: Mutation[]) => {
    const res = await api(
      '/api/v1/sync/push',
      {
        method: 'POST',
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations }),
      },
      token,
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { status: string }[] }).results;
  };
  return { signIn, pull, push };
};

const ticks = (deviceId: string, firstSeq: number, count: number, target: Change): Mutation[] => {
  const childId = (target.data as { childId: string }).childId;
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    deviceId,
    seq: firstSeq + i,
    hlc: formatHlc({ wallMs: now, counter: firstSeq + i, deviceId }),
    kind: 'event',
    entity: 'tick',
    entityId: randomUUID(),
    data: {
      targetId: target.entityId,
      childId,
      outcome: 'achieved',
      recordedAt: new Date(now).toISOString(),
    },
  }));
};

describe('backing up the SQLite database of a running server', () => {
  let scratch: string;
  const servers: RunningServer[] = [];

  beforeAll(() => {
    // A stale dist/ would lack the backup command.
    buildServer();
    scratch = mkdtempSync(join(tmpdir(), 'waymark-backup-it-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => stopBuiltServer(server.child)));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('copies everything acknowledged, and a server started on the copy has it all', async () => {
    const dataDir = join(scratch, 'live');
    const first = await start(dataDir, ['--demo'], { BACKUP_DAILY: 'on', BACKUP_KEEP: '3' });
    servers.push(first);
    // The daily backup is written at start, then looked for every hour.
    await first.waitFor('Daily backup written');
    expect(readdirSync(join(dataDir, 'backups'))).toEqual([dailyBackupName(Date.now())]);

    const live = client(first.port);
    const deviceId = randomUUID();
    const token = await live.signIn(deviceId);
    const target = (await live.pull(token)).find((c) => c.entity === 'target')!;
    const acknowledged = ticks(deviceId, 1, 300, target);
    for (let i = 0; i < acknowledged.length; i += 100) {
      const results = await live.push(token, deviceId, acknowledged.slice(i, i + 100));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
    }

    // The backup runs while the server goes on taking pushes.
    const out = join(scratch, 'copy.sqlite');
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const during = live.push(token, deviceId, ticks(deviceId, 301, 100, target));
    const ran = await runBuilt(env, ['backup', '--out', out, '--json']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ out, bytes: expect.any(Number) });
    await during;

    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // A second run to the same file refuses and leaves it be.
    const again = await runBuilt(env, ['backup', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);

    // Restore: a fresh DATA_DIR holding only the copy, under the server's file name.
    const restored = join(scratch, 'restored');
    mkdirSync(restored);
    copyFileSync(out, join(restored, 'waymark.sqlite'));
    const second = await start(restored, []);
    servers.push(second);
    const fromCopy = client(second.port);
    const changes = await fromCopy.pull(await fromCopy.signIn(randomUUID()));
    const present = new Set(changes.map((c) => c.entityId));
    expect(acknowledged.filter((m) => !present.has(m.entityId))).toEqual([]);
  }, 90_000);

  it('on PostgreSQL writes nothing and says how to use pg_dump', async () => {
    const out = join(scratch, 'never.sqlite');
    const ran = await runBuilt({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, [
      'backup',
      '--out',
      out,
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/pg_dump/);
    expect(ran.stderr).toMatch(/pg_restore/);
    expect(existsSync(out)).toBe(false);
  });
});
