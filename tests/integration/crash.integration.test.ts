/**
 * A real server process killed with SIGKILL in the middle of a push: the
 * built server (node dist/server/main.js, bundled here if missing) holds
 * the push's transaction open just before commit (fault injection, tests
 * only) and says so; we kill it at exactly that moment, start it again on
 * the same data, and check that nothing of the batch was written and that
 * the device's resend completes, each tick exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, type Mutation, PROTOCOL_VERSION } from '../../src/domain';
import {
  buildServer,
  freePort,
  startBuiltServer,
  stopBuiltServer,
  type RunningServer,
} from '../helpers/built-server';

const start = (port: number, dataDir: string, stall: boolean): Promise<RunningServer> =>
  startBuiltServer(port, ['--demo'], {
    DATA_DIR: dataDir,
    DEMO_PASSWORD: 'demo-password',
    DEMO_HISTORY: 'off',
    STATIC_DIR: join(dataDir, 'no-client'),
    ...(stall ? { FAULT_STALL_PUSH_BEFORE_COMMIT: '1' } : {}),
  });

const kill9 = (server: RunningServer): Promise<void> => stopBuiltServer(server.child, 'SIGKILL');

describe('the server process killed in the middle of a push', () => {
  let dataDir: string;
  let port: number;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    // A stale dist/ would lack the fault hook (about a second).
    buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'tt-crash-'));
    port = await freePort();
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) await kill9(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (path: string, init: RequestInit = {}, token?: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });

  it('writes nothing partial, and the resend completes exactly once', async () => {
    server = await start(port, dataDir, true);
    const deviceId = randomUUID();
    const signIn = await api('/api/v1/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'teacher@demo.school', password: 'demo-password', deviceId }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const pull = async (t: string) => {
      const changes: { entity: string; entityId: string; data: unknown }[] = [];
      let after = 0;
      for (;;) {
        const res = await api(`/api/v1/sync/pull?after=${after}&limit=1000`, {}, t);
        expect(res.status).toBe(200);
        const page = (await res.json()) as {
          changes: { entity: string; entityId: string; data: unknown }[];
          cursor: number;
          hasMore: boolean;
        };
        changes.push(...page.changes);
        if (!page.hasMore) return { changes, cursor: page.cursor };
        after = page.cursor;
      }
    };
    const seeded = await pull(token);
    // A real target and its own child: the server checks that a tick's target is its child's.
    const target = seeded.changes.find((c) => c.entity === 'target')!;
    const childId = (target.data as { childId: string }).childId;

    const now = Date.now();
    const mutations: Mutation[] = Array.from({ length: 200 }, (_, i) => ({
      id: randomUUID(),
      deviceId,
      seq: i + 1,
      hlc: formatHlc({ wallMs: now, counter: i, deviceId }),
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
    const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations });

    // The push is applied inside its transaction; the server stalls before
    // commit and says so; we kill it there.
    const inFlight = api('/api/v1/sync/push', { method: 'POST', body }, token).then(
      () => 'answered',
      () => 'connection lost',
    );
    await server.waitFor('FAULT: push applied');
    await kill9(server);
    expect(await inFlight).toBe('connection lost');

    // Restart on the same data: nothing of the batch is there.
    server = await start(port, dataDir, false);
    const afterCrash = await pull(token);
    const ids = new Set(mutations.map((m) => m.entityId));
    expect(afterCrash.changes.filter((c) => ids.has(c.entityId))).toHaveLength(0);
    expect(afterCrash.cursor).toBe(seeded.cursor);

    // The device resends the same batch: all applied, then a retry is all duplicates.
    const resend = await api('/api/v1/sync/push', { method: 'POST', body }, token);
    expect(resend.status).toBe(200);
    const results = ((await resend.json()) as { results: { status: string }[] }).results;
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(200);
    const again = await api('/api/v1/sync/push', { method: 'POST', body }, token);
    const second = ((await again.json()) as { results: { status: string }[] }).results;
    expect(second.every((r) => r.status === 'duplicate')).toBe(true);

    const final = await pull(token);
    const seen = final.changes.filter((c) => ids.has(c.entityId));
    expect(seen).toHaveLength(200);
    expect(new Set(seen.map((c) => c.entityId)).size).toBe(200);
  }, 60_000);
});
