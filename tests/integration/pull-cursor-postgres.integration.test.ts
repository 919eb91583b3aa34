/**
 * The pull cursor under concurrent PostgreSQL writers: many devices push
 * at once (each push holding its transaction open a little while, to widen
 * every race) while a reader pulls page by page from its cursor. The reader
 * must see every change exactly once and in order: no row that commits
 * later with a lower number is ever skipped.
 *
 * Needs TEST_DATABASE_URL. Skipped without it; when it is set and the
 * database cannot be reached, the suite fails (support.ts never swallows it).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatHlc,
  PROTOCOL_VERSION,
  type Change,
  type Mutation,
  type PullResponse,
} from '../../src/domain';
import { createApp, type App } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { DEMO_SCHOOL_ID, seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const engine = testEngines().find((e) => e.name === 'PostgreSQL');
const WRITERS = 8;
const PUSHES_PER_WRITER = 12;
const TICKS_PER_PUSH = 4;

describe.skipIf(!engine)('pull cursor with concurrent PostgreSQL writers', () => {
  let db: Db;
  let close: () => Promise<void>;
  let app: App;

  beforeAll(async () => {
    ({ db, close } = await engine!.open());
    await seedDemoSchool(db, { password: 'demo-password' });
    app = createApp({
      db,
      logError: () => {},
      // Hold each push's transaction open for a random moment after it took
      // its change numbers, so commits and reads interleave as much as they can.
      faults: {
        beforePushCommit: () => new Promise((resolve) => setTimeout(resolve, Math.random() * 15)),
      },
    });
  });
  afterAll(async () => {
    await close?.();
  });

  const signIn = async (deviceId: string) => {
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'senco@demo.school', password: 'demo-password', deviceId }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };

  it('never skips a row, however the writers interleave', async () => {
    const readerToken = await signIn(randomUUID());
    const pullPage = async (after: number): Promise<PullResponse> => {
      const res = await app.request(`/api/v1/sync/pull?after=${after}&limit=7`, {
        headers: { authorization: `Bearer ${readerToken}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as PullResponse;
    };
    // Where the reader starts: after the seed.
    let cursor = 0;
    for (;;) {
      const page = await pullPage(cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const start = cursor;
    const { changes: seedSample } = await (async () => {
      const res = await app.request(`/api/v1/sync/pull?after=0&limit=1000`, {
        headers: { authorization: `Bearer ${readerToken}` },
      });
      return (await res.json()) as PullResponse;
    })();
    const target = seedSample.find((c) => c.entity === 'target')!;

    const writer = async () => {
      const deviceId = randomUUID();
      const token = await signIn(deviceId);
      let seq = 0;
      for (let p = 0; p < PUSHES_PER_WRITER; p++) {
        const mutations: Mutation[] = Array.from({ length: TICKS_PER_PUSH }, () => {
          seq++;
          return {
            id: randomUUID(),
            deviceId,
            seq,
            hlc: formatHlc({ wallMs: Date.now(), counter: seq, deviceId }),
            kind: 'event',
            entity: 'tick',
            entityId: randomUUID(),
            data: {
              targetId: target.entityId,
              childId: (target.data as { childId: string }).childId,
              outcome: 'partly',
              recordedAt: new Date().toISOString(),
            },
          };
        });
        const res = await app.request('/api/v1/sync/push', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations }),
        });
        expect(res.status).toBe(200);
      }
    };

    const seen: Change[] = [];
    let writing = true;
    const reader = async () => {
      let after = start;
      for (;;) {
        const stillWriting = writing;
        const page = await pullPage(after);
        seen.push(...page.changes);
        after = page.cursor;
        if (!stillWriting && !page.hasMore) return;
      }
    };

    const readerDone = reader();
    await Promise.all(Array.from({ length: WRITERS }, writer));
    writing = false;
    await readerDone;

    const expected = WRITERS * PUSHES_PER_WRITER * TICKS_PER_PUSH;
    const seqs = seen.map((c) => c.seq);
    // In order, each once, and every one of them.
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toHaveLength(expected);
    const rows = await db
      .selectFrom('changes')
      .select('seq')
      .where('school_id', '=', DEMO_SCHOOL_ID)
      .where('seq', '>', start)
      .orderBy('seq')
      .execute();
    expect(seqs).toEqual(rows.map((row) => Number(row.seq)));
  }, 120_000);
});
