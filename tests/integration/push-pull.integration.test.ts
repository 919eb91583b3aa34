/**
 * The server's sync contract, run against every database engine: SQLite
 * always, PostgreSQL when TEST_DATABASE_URL is set. Requests go through the
 * real Hono app (`app.request`) with a controllable server clock.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, MAX_PUSH_MUTATIONS, PROTOCOL_VERSION } from '../../src/domain';
import type { Change, Mutation, PullResponse, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { DEMO_SIGN_INS, demoId, seedDemoSchool } from '../../server/demo/seed';
import { createServerWriter, setUpSchool } from '../../server/store/school-setup';
import { findRecord, listHistory } from '../../server/store/sync-store';
import { testEngines } from './support';

const DEMO_PASSWORD = 'demo-password-for-tests';
const SCHOOL_B = randomUUID();
const TEACHER_B = { email: 'teacher@riverside.example', password: 'riverside-pw' };
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
// Ticks name a real child and that child's target: the server checks both.
const TICKED_CHILD = demoId('child:y3:1');
const TICKED_TARGET = demoId(`target:${TICKED_CHILD}:0`);

describe.each(testEngines())('sync server on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: NOW };

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    expect(await seedDemoSchool(db, { password: DEMO_PASSWORD, nowMs: NOW - 86_400_000 })).toBe(
      true,
    );
    // The seed runs once only.
    expect(await seedDemoSchool(db, { password: DEMO_PASSWORD })).toBe(false);
    await db.transaction().execute((trx) =>
      setUpSchool(trx, {
        id: SCHOOL_B,
        name: 'Riverside Primary',
        staff: [{ id: randomUUID(), name: 'Kim Lee', role: 'senco', ...TEACHER_B }],
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

  // ---------------------------------------------------------------- helpers

  const json = (body: unknown, token?: string): RequestInit => ({
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  /** Who each token signed in as, so a push can be sent from that person's session on a device. */
  const accounts = new Map<string, { email: string; password: string }>();
  const signIn = async (email: string, password: string) => {
    const res = await app.request('/api/v1/auth/sign-in', json({ email, password }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: { id: string; schoolId: string } };
    accounts.set(body.token, { email, password });
    return body;
  };

  /**
   * The token of the same person's session on `deviceId`, signed in once.
   * Why: a device's identity belongs to its session, so a push is accepted
   * only from a session bound to the device it names. These cases are about
   * the protocol, so each made-up device gets a session of its own.
   */
  const deviceSessions = new Map<string, string>();
  const onDevice = async (token: string, deviceId: unknown): Promise<string> => {
    const account = accounts.get(token);
    if (!account || typeof deviceId !== 'string') return token;
    const key = `${account.email}/${deviceId.toLowerCase()}`;
    const known = deviceSessions.get(key);
    if (known) return known;
    const res = await app.request('/api/v1/auth/sign-in', json({ ...account, deviceId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; deviceId: string };
    expect(body.deviceId).toBe(deviceId.toLowerCase());
    deviceSessions.set(key, body.token);
    return body.token;
  };

  // Why whole-school roles here: these cases are about the protocol, not
  // about scope, so they write records about made-up children. Roles and
  // scope have their own suite (authorisation-matrix.integration.test.ts).
  const teacherA = () => signIn('senco@demo.school', DEMO_PASSWORD);
  const teacherB = () => signIn(TEACHER_B.email, TEACHER_B.password);

  /** A device: its own id, seq counter and clock. */
  const device = () => {
    const deviceId = randomUUID();
    let seq = 0;
    let counter = 0;
    const mutation = (
      kind: Mutation['kind'],
      entity: string,
      entityId: string,
      data?: Record<string, unknown>,
      wallMs = clock.nowMs,
    ): Mutation => ({
      id: randomUUID(),
      deviceId,
      seq: ++seq,
      hlc: formatHlc({ wallMs, counter: counter++ % 0x10000, deviceId }),
      kind,
      entity,
      entityId,
      ...(data ? { data } : {}),
    });
    return {
      deviceId,
      mutation,
      tick: (data: Record<string, unknown> = {}, entityId: string = randomUUID()) =>
        mutation('event', 'tick', entityId, {
          targetId: TICKED_TARGET,
          childId: TICKED_CHILD,
          outcome: 'achieved',
          recordedAt: new Date(clock.nowMs).toISOString(),
          ...data,
        }),
      envelope: (mutations: unknown[]) => ({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        mutations,
      }),
    };
  };

  const push = async (token: string, body: unknown) =>
    app.request(
      '/api/v1/sync/push',
      json(body, await onDevice(token, (body as { deviceId?: unknown } | null)?.deviceId)),
    );

  const pushOk = async (token: string, body: unknown): Promise<PushResponse> => {
    const res = await push(token, body);
    expect(res.status).toBe(200);
    return (await res.json()) as PushResponse;
  };

  const pull = async (token: string, after: number, limit?: number): Promise<PullResponse> => {
    const res = await app.request(
      `/api/v1/sync/pull?after=${after}${limit ? `&limit=${limit}` : ''}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as PullResponse;
  };

  const pullAll = async (token: string, after = 0): Promise<Change[]> => {
    const changes: Change[] = [];
    let cursor = after;
    for (;;) {
      const page = await pull(token, cursor, 1000);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return changes;
    }
  };

  /** The school's current cursor, from an empty push. */
  const currentCursor = async (token: string) =>
    (await pushOk(token, device().envelope([]))).cursor;

  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/^[A-Z]/);
    expect(JSON.stringify(body)).not.toMatch(/stack|select |insert |sqlite|postgres/i);
    return body.error;
  };

  // ---------------------------------------------------------------- cases

  it('answers health', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('signs in with the right password and refuses a wrong one or an unknown email', async () => {
    const res = await app.request(
      '/api/v1/auth/sign-in',
      json({ email: ' Teacher@Demo.School ', password: DEMO_PASSWORD, deviceId: randomUUID() }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: Record<string, unknown> };
    expect(body.token.length).toBeGreaterThanOrEqual(16);
    expect(body.staff).toEqual({
      id: expect.any(String),
      name: 'Jo Hughes',
      role: 'teacher',
      schoolId: expect.any(String),
    });

    const wrong = await app.request(
      '/api/v1/auth/sign-in',
      json({ email: 'teacher@demo.school', password: 'nope' }),
    );
    const unknown = await app.request(
      '/api/v1/auth/sign-in',
      json({ email: 'nobody@demo.school', password: DEMO_PASSWORD }),
    );
    const wrongError = await expectError(wrong, 401, 'unauthorized');
    const unknownError = await expectError(unknown, 401, 'unauthorized');
    // The same answer either way: sign-in does not reveal who has an account.
    expect(unknownError).toEqual(wrongError);

    await expectError(
      await app.request('/api/v1/auth/sign-in', json('{not json')),
      400,
      'bad_request',
    );
    await expectError(
      await app.request('/api/v1/auth/sign-in', json({ email: 'not-an-email', password: 'x' })),
      400,
      'bad_request',
    );
  });

  it('refuses API calls without a valid token, and after sign-out', async () => {
    await expectError(await app.request('/api/v1/sync/pull?after=0'), 401, 'unauthorized');
    await expectError(
      await app.request('/api/v1/sync/pull?after=0', {
        headers: { Authorization: 'Bearer not-a-real-token-at-all' },
      }),
      401,
      'unauthorized',
    );
    await expectError(await push('', device().envelope([])), 401, 'unauthorized');

    const { token } = await teacherA();
    await pull(token, 0, 1);
    const out = await app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    await expectError(
      await app.request('/api/v1/sync/pull?after=0', {
        headers: { Authorization: `Bearer ${token}` },
      }),
      401,
      'unauthorized',
    );
  });

  it('applies 20 ticks once: a retried batch is all duplicates and pull shows each once', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const batch = tablet.envelope(Array.from({ length: 20 }, () => tablet.tick()));

    const first = await pushOk(token, batch);
    expect(first.results.map((r) => r.status)).toEqual(Array(20).fill('applied'));
    expect(first.cursor).toBe(before + 20);

    const retry = await pushOk(token, batch);
    expect(retry.results.map((r) => r.status)).toEqual(Array(20).fill('duplicate'));
    expect(retry.cursor).toBe(first.cursor);

    const changes = await pullAll(token, before);
    expect(changes).toHaveLength(20);
    const ids = batch.mutations.map((m) => (m as Mutation).entityId);
    expect(changes.map((c) => c.entityId)).toEqual(ids);
    expect(new Set(changes.map((c) => c.seq)).size).toBe(20);
    expect(changes.every((c) => c.kind === 'event' && c.entity === 'tick')).toBe(true);

    // The same event id under a new mutation id is still the same fact.
    const again = tablet.tick({}, ids[0]);
    const third = await pushOk(token, tablet.envelope([again]));
    expect(third.results[0]?.status).toBe('duplicate');
    expect(await pullAll(token, first.cursor)).toHaveLength(0);
  });

  it('refuses a malformed batch with 400 and writes nothing', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const good = [tablet.tick(), tablet.tick()];
    const { id: _id, ...missingId } = tablet.tick();

    await expectError(await push(token, tablet.envelope([...good, missingId])), 400, 'bad_request');
    await expectError(await push(token, '{"protocolVersion":1,'), 400, 'bad_request');
    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => tablet.tick());
    await expectError(await push(token, tablet.envelope(tooMany)), 400, 'bad_request');
    await expectError(await push(token, [1, 2]), 400, 'bad_request');

    expect(await pullAll(token, before)).toHaveLength(0);
    // Nothing was recorded either: the good mutations apply when sent properly.
    const later = await pushOk(token, tablet.envelope(good));
    expect(later.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('rejects one invalid tick and applies the others', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const batch = [tablet.tick(), tablet.tick({ outcome: 'brilliant' }), tablet.tick()];
    const { results } = await pushOk(token, tablet.envelope(batch));
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ id: batch[1]!.id, code: 'invalid_data' });
    expect(results[1]?.message).toMatch(/^outcome: Invalid option/);
    expect((await pullAll(token, before)).map((c) => c.entityId)).toEqual([
      batch[0]!.entityId,
      batch[2]!.entityId,
    ]);

    // A rejected mutation sent again is rejected again, with the same reason.
    const retry = await pushOk(token, tablet.envelope([batch[1]]));
    expect(retry.results[0]).toEqual(results[1]);
  });

  it('refuses a whole batch holding a mutation from another device, and writes nothing', async () => {
    const { token } = await teacherA();
    const tablet = device();
    const other = device();
    const before = await currentCursor(token);
    const res = await push(token, tablet.envelope([tablet.tick(), other.tick()]));
    await expectError(res, 403, 'wrong_device');
    expect(await pullAll(token, before)).toHaveLength(0);
  });

  it('rejects mutations of unknown records or of the wrong kind', async () => {
    const { token } = await teacherA();
    const tablet = device();
    const { results } = await pushOk(
      token,
      tablet.envelope([
        tablet.mutation('event', 'homework', randomUUID(), { x: 1 }),
        tablet.mutation('patch', 'tick', randomUUID(), { outcome: 'partly' }),
        tablet.mutation('event', 'child', randomUUID(), { firstName: 'A' }),
        tablet.mutation('patch', 'child', randomUUID(), { favouriteColour: 'red' }),
        tablet.mutation('patch', 'child', randomUUID(), { firstName: 'Ada' }),
      ]),
    );
    expect(results.map((r) => r.code)).toEqual([
      'unknown_entity',
      'wrong_kind',
      'wrong_kind',
      'invalid_data',
      'incomplete_record',
    ]);
    expect(results.every((r) => r.status === 'rejected' && /^[A-Za-z]/.test(r.message!))).toBe(
      true,
    );
  });

  it("keeps schools apart: school B neither sees nor touches school A's records", async () => {
    const a = await teacherA();
    const b = await teacherB();
    const tabletA = device();
    const tick = tabletA.tick();
    await pushOk(a.token, tabletA.envelope([tick]));

    const seenByA = await pullAll(a.token);
    const seenByB = await pullAll(b.token);
    expect(seenByB.length).toBeGreaterThan(0);
    const idsA = new Set(seenByA.map((c) => c.entityId));
    expect(seenByB.some((c) => idsA.has(c.entityId))).toBe(false);
    expect(seenByB.some((c) => c.entityId === tick.entityId)).toBe(false);

    // B aims at one of A's targets: a patch and a delete by id.
    const targetA = seenByA.find((c) => c.entity === 'target')!;
    const before = await findRecord(db, a.staff.schoolId, 'target', targetA.entityId);
    const tabletB = device();
    const { results } = await pushOk(
      b.token,
      tabletB.envelope([
        tabletB.mutation('patch', 'target', targetA.entityId, { text: 'Changed by B' }),
        tabletB.mutation('delete', 'target', targetA.entityId),
        tabletB.tick({}, tick.entityId),
      ]),
    );
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'incomplete_record' });
    const after = await findRecord(db, a.staff.schoolId, 'target', targetA.entityId);
    expect(after).toEqual(before);
    expect(after?.isDeleted).toBe(false);
    expect(await pullAll(a.token, seenByA.at(-1)!.seq)).toHaveLength(0);

    // A can still edit its target: B's delete did not reach it.
    const edit = await pushOk(
      a.token,
      tabletA.envelope([tabletA.mutation('patch', 'target', targetA.entityId, { text: 'Edited' })]),
    );
    expect(edit.results[0]?.status).toBe('applied');
  });

  it('answers a mutation sent twice in one batch once, and a refused one twice alike', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const tick = tablet.tick();
    const bad = tablet.tick({ outcome: 'brilliant' });
    // The same event id under a new mutation id, later in the same batch.
    const sameFact = tablet.tick({}, tick.entityId);
    const { results } = await pushOk(token, tablet.envelope([tick, bad, tick, bad, sameFact]));
    expect(results.map((r) => r.status)).toEqual([
      'applied',
      'rejected',
      'duplicate',
      'rejected',
      'duplicate',
    ]);
    expect(results[3]).toEqual(results[1]);
    const changes = await pullAll(token, before);
    expect(changes.map((c) => c.entityId)).toEqual([tick.entityId]);
  });

  it('applies edits to a record made earlier in the same batch in order, keeping what they replaced', async () => {
    const { token, staff } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const targetId = randomUUID();
    const childId = randomUUID();
    const create = tablet.mutation('patch', 'target', targetId, {
      childId,
      text: 'Read ten words',
      startDate: '2026-11-23',
    });
    const edit = tablet.mutation('patch', 'target', targetId, { text: 'Read twelve words' });
    // Made earlier on another device: it loses to the edit above.
    const late = tablet.mutation(
      'patch',
      'target',
      targetId,
      { text: 'Read eight words', strategies: 'Flash cards' },
      clock.nowMs - 60_000,
    );
    const { results } = await pushOk(token, tablet.envelope([create, edit, late]));
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const changes = await pullAll(token, before);
    expect(changes.map((c) => c.data)).toEqual([
      { childId, text: 'Read ten words', startDate: '2026-11-23' },
      { text: 'Read twelve words' },
      { strategies: 'Flash cards' },
    ]);
    const stored = await findRecord(db, staff.schoolId, 'target', targetId);
    expect(stored).toMatchObject({
      data: { childId, text: 'Read twelve words', strategies: 'Flash cards' },
      createdSeq: changes[0]!.seq,
      updatedSeq: changes[2]!.seq,
    });
    const history = await listHistory(db, staff.schoolId, 'target', targetId);
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'text',
          value: 'Read ten words',
          reason: 'overwritten',
          replacedBySeq: changes[1]!.seq,
        }),
        expect.objectContaining({ field: 'text', value: 'Read eight words', reason: 'lost' }),
      ]),
    );
    expect(history).toHaveLength(2);
  });

  it('applies a batch larger than one database statement can hold, each change numbered once', async () => {
    const { token, staff } = await teacherA();
    const before = await currentCursor(token);
    // The server's own writer (set-up, demo seed) is not held to 500 a push.
    // 6 000 changes of 11 values each are more values than one statement may
    // bind on either engine (SQLite 32 766, PostgreSQL 65 535).
    const count = 6_000;
    const writer = createServerWriter({
      schoolId: staff.schoolId,
      staffId: staff.id,
      deviceId: randomUUID(),
      nowMs: clock.nowMs,
      newId: randomUUID,
    });
    const tickIds = Array.from({ length: count }, () => randomUUID());
    for (const tickId of tickIds) {
      writer.event('tick', tickId, {
        targetId: TICKED_TARGET,
        childId: TICKED_CHILD,
        outcome: 'achieved',
        recordedAt: new Date(clock.nowMs).toISOString(),
      });
    }
    await db.transaction().execute((trx) => writer.flush(trx));

    const changes = await pullAll(token, before);
    expect(changes.map((c) => c.entityId)).toEqual(tickIds);
    expect(changes.map((c) => c.seq)).toEqual(tickIds.map((_, i) => before + 1 + i));
    expect(await currentCursor(token)).toBe(before + count);
    const last = await findRecord(db, staff.schoolId, 'tick', tickIds.at(-1)!);
    expect(last?.createdSeq).toBe(before + count);
  });

  it('pages a pull with limit, hasMore and the cursor', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const ticks = Array.from({ length: 7 }, () => tablet.tick());
    await pushOk(token, tablet.envelope(ticks));

    const first = await pull(token, before, 3);
    expect(first.changes.map((c) => c.entityId)).toEqual(ticks.slice(0, 3).map((t) => t.entityId));
    expect(first.hasMore).toBe(true);
    expect(first.cursor).toBe(first.changes[2]!.seq);
    const second = await pull(token, first.cursor, 3);
    expect(second.changes.map((c) => c.entityId)).toEqual(ticks.slice(3, 6).map((t) => t.entityId));
    expect(second.hasMore).toBe(true);
    const third = await pull(token, second.cursor, 3);
    expect(third.changes.map((c) => c.entityId)).toEqual([ticks[6]!.entityId]);
    expect(third.hasMore).toBe(false);
    const empty = await pull(token, third.cursor, 3);
    expect(empty).toEqual({ changes: [], cursor: third.cursor, hasMore: false });

    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=1001', 'after=1.5']) {
      await expectError(
        await app.request(`/api/v1/sync/pull?${query}`, {
          headers: { Authorization: `Bearer ${token}` },
        }),
        400,
        'bad_request',
      );
    }
  });

  it('starts a cursor beyond the head again from nothing, as after a restore from an older backup', async () => {
    const { token } = await teacherA();
    const head = await currentCursor(token);
    // The device last pulled from a server whose log went further than this one's.
    const ahead = await pull(token, head + 500, 1000);
    expect(ahead.restart).toBe(true);
    expect(ahead.cursor).toBeLessThanOrEqual(head);
    expect(ahead.changes.length).toBeGreaterThan(0);
    expect(ahead.changes[0]!.seq).toBeLessThanOrEqual(head);
    let cursor = ahead.cursor;
    for (let page = ahead; page.hasMore; cursor = page.cursor)
      page = await pull(token, cursor, 1000);
    // A change made after the restore, numbered below the old cursor, still reaches it.
    const tablet = device();
    const tick = tablet.tick();
    await pushOk(token, tablet.envelope([tick]));
    const next = await pull(token, cursor, 1000);
    expect(next.restart).toBeUndefined();
    expect(next.changes.map((change) => change.entityId)).toEqual([tick.entityId]);
    expect(next.changes[0]!.seq).toBeLessThan(head + 500);
  });

  it('resolves patches last-writer-wins per field and keeps the loser in history', async () => {
    const { token, staff } = await teacherA();
    const before = await currentCursor(token);
    const laptop = device();
    const tablet = device();
    const targetId = randomUUID();
    const create = laptop.mutation(
      'patch',
      'target',
      targetId,
      { childId: randomUUID(), text: 'Newer wording', startDate: '2026-11-23' },
      NOW + 10_000,
    );
    const older = tablet.mutation(
      'patch',
      'target',
      targetId,
      { text: 'Older wording' },
      NOW + 5_000,
    );

    expect((await pushOk(token, laptop.envelope([create]))).results[0]?.status).toBe('applied');
    expect((await pushOk(token, tablet.envelope([older]))).results[0]?.status).toBe('applied');

    let changes = await pullAll(token, before);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.data?.text).toBe('Newer wording');
    let history = await listHistory(db, staff.schoolId, 'target', targetId);
    expect(history).toEqual([
      expect.objectContaining({ field: 'text', value: 'Older wording', reason: 'lost' }),
    ]);

    // A newer patch wins; its change carries only the fields it changed,
    // and the value it replaced is kept.
    const newest = tablet.mutation(
      'patch',
      'target',
      targetId,
      { text: 'Newest wording', strategies: 'Number line' },
      NOW + 20_000,
    );
    await pushOk(token, tablet.envelope([newest]));
    changes = await pullAll(token, before);
    expect(changes).toHaveLength(2);
    expect(changes[1]?.data).toEqual({ text: 'Newest wording', strategies: 'Number line' });
    history = await listHistory(db, staff.schoolId, 'target', targetId);
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'text',
        value: 'Newer wording',
        reason: 'overwritten',
        replacedBySeq: changes[1]!.seq,
      }),
    );
    const stored = await findRecord(db, staff.schoolId, 'target', targetId);
    expect(stored?.data).toMatchObject({ text: 'Newest wording', strategies: 'Number line' });
    // Defaults are not written into the record: only what was sent.
    expect(stored?.data).not.toHaveProperty('isArchived');
  });

  it('lets a delete beat a later patch', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const targetId = randomUUID();
    const { results } = await pushOk(
      token,
      tablet.envelope([
        tablet.mutation('patch', 'target', targetId, {
          childId: randomUUID(),
          text: 'Read ten words',
          startDate: '2026-11-23',
        }),
        tablet.mutation('delete', 'target', targetId),
        tablet.mutation('patch', 'target', targetId, { text: 'Read twelve words' }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
    expect(results[2]).toMatchObject({
      code: 'record_deleted',
      message: 'This record was deleted by someone else, so this change was not kept.',
    });
    const changes = await pullAll(token, before);
    expect(changes.map((c) => [c.kind, c.data === null])).toEqual([
      ['patch', false],
      ['delete', true],
    ]);
  });

  it('clamps an HLC that runs ahead of the server clock', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const future = tablet.mutation(
      'event',
      'tick',
      randomUUID(),
      {
        targetId: TICKED_TARGET,
        childId: TICKED_CHILD,
        outcome: 'partly',
        recordedAt: new Date(NOW).toISOString(),
      },
      clock.nowMs + 3 * 86_400_000,
    );
    await pushOk(token, tablet.envelope([future]));
    const [change] = await pullAll(token, before);
    expect(change?.hlc).toBe(`${new Date(clock.nowMs).toISOString()}${future.hlc.slice(24)}`);
  });

  it('tells an older app to reload, and a newer app that the server needs updating', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const old = await expectError(
      await push(token, {
        ...tablet.envelope([tablet.tick()]),
        protocolVersion: PROTOCOL_VERSION - 1,
      }),
      400,
      'unsupported_protocol_version',
    );
    expect(old.message).toBe('This app needs updating: please reload the page.');
    const newer = await expectError(
      await push(token, {
        ...tablet.envelope([tablet.tick()]),
        protocolVersion: PROTOCOL_VERSION + 1,
      }),
      400,
      'unsupported_protocol_version',
    );
    expect(newer.message).toMatch(/newer than the school's server.*update it/);
    expect(await pullAll(token, before)).toHaveLength(0);
  });

  it('tells a device how far its pushes got (for spotting evicted local data)', async () => {
    const { token } = await teacherA();
    const tablet = device();
    const ask = async () => {
      const res = await app.request(`/api/v1/sync/device?deviceId=${tablet.deviceId}`, {
        headers: { Authorization: `Bearer ${await onDevice(token, tablet.deviceId)}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { lastSeq: number }).lastSeq;
    };
    expect(await ask()).toBe(0);
    await pushOk(token, tablet.envelope([tablet.tick(), tablet.tick(), tablet.tick()]));
    expect(await ask()).toBe(3);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const { token } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    const body = JSON.stringify(tablet.envelope([tablet.tick({ note: 'x'.repeat(1_100_000) })]));
    await expectError(await push(token, body), 413, 'payload_too_large');
    expect(await pullAll(token, before)).toHaveLength(0);
  });

  it('records who ticked from the token, not the body', async () => {
    const { token, staff } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    await pushOk(token, tablet.envelope([tablet.tick({ recordedBy: randomUUID() })]));
    const [change] = await pullAll(token, before);
    expect(change?.data?.recordedBy).toBe(staff.id);
  });

  it('rolls back the whole batch and answers 500 when the database fails mid-batch', async () => {
    const { token, staff } = await teacherA();
    const before = await currentCursor(token);
    const tablet = device();
    // The database refuses this tablet's idempotency records, which a push
    // writes after its changes and records: the failure comes mid-batch.
    const failing = sql.lit(tablet.deviceId);
    if (engine.name === 'SQLite') {
      await sql`create trigger fail_push before insert on applied_mutations
        when new.device_id = ${failing}
        begin select raise(abort, 'simulated disk failure'); end`.execute(db);
    } else {
      await sql`create function fail_push() returns trigger language plpgsql
        as $$ begin raise exception 'simulated disk failure'; end $$`.execute(db);
      await sql`create trigger fail_push before insert on applied_mutations for each row
        when (new.device_id = ${failing}) execute function fail_push()`.execute(db);
    }
    const logged: unknown[] = [];
    const logging = createApp({
      db,
      now: () => clock.nowMs,
      logError: (_message, error) => logged.push(error),
    });
    const batch = tablet.envelope(Array.from({ length: 5 }, () => tablet.tick()));
    try {
      const res = await logging.request(
        '/api/v1/sync/push',
        json(batch, await onDevice(token, tablet.deviceId)),
      );
      const error = await expectError(res, 500, 'internal_error');
      expect(error.message).not.toMatch(/simulated/);
      expect(logged).toHaveLength(1);
      expect(String(logged[0])).toMatch(/simulated disk failure/);
    } finally {
      if (engine.name === 'SQLite') {
        await sql`drop trigger fail_push`.execute(db);
      } else {
        await sql`drop trigger fail_push on applied_mutations`.execute(db);
        await sql`drop function fail_push()`.execute(db);
      }
    }

    expect(await pullAll(token, before)).toHaveLength(0);
    for (const mutation of batch.mutations as Mutation[]) {
      expect(await findRecord(db, staff.schoolId, 'tick', mutation.entityId)).toBeUndefined();
    }
    // Nothing half-written: the retry applies every mutation.
    const retry = await pushOk(token, batch);
    expect(retry.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
  });

  it('keeps every field when devices patch the same record at the same time', async () => {
    const { token, staff } = await teacherA();
    const targetId = randomUUID();
    const setup = device();
    await pushOk(
      token,
      setup.envelope([
        setup.mutation('patch', 'target', targetId, {
          childId: randomUUID(),
          text: 'Spell ten words',
          startDate: '2026-11-23',
        }),
      ]),
    );
    const edits: Record<string, unknown>[] = [
      { successCriteria: '8 out of 10' },
      { strategies: 'Look, say, cover' },
      { areaOfNeed: 'cognition_learning' },
      { level: 'annual' },
      { text: 'Spell twelve words' },
    ];
    const pushes = edits.map((data) => {
      const tablet = device();
      // Made after the set-up, so each edit wins its field.
      const edit = tablet.mutation('patch', 'target', targetId, data, clock.nowMs + 1_000);
      return pushOk(token, tablet.envelope([edit]));
    });
    const responses = await Promise.all(pushes);
    expect(responses.flatMap((r) => r.results.map((x) => x.status))).toEqual(
      Array(5).fill('applied'),
    );
    const stored = await findRecord(db, staff.schoolId, 'target', targetId);
    expect(stored?.data).toMatchObject(Object.assign({}, ...edits));
  });

  it("answers a mutation id another school has already used as a fresh one, without revealing that school's answer", async () => {
    const a = await teacherA();
    const b = await teacherB();
    const tabletA = device();
    const rejected = tabletA.tick({ outcome: 'brilliant' });
    await pushOk(a.token, tabletA.envelope([rejected]));
    const tabletB = device();
    const copy = { ...tabletB.tick(), id: rejected.id };
    // The same tick under a fresh id: whatever it gets, the copy must get too.
    const fresh = { ...copy, id: randomUUID(), entityId: randomUUID() };
    const { results } = await pushOk(b.token, tabletB.envelope([copy]));
    const control = await pushOk(b.token, tabletB.envelope([fresh]));
    expect(results).toEqual([{ ...control.results[0], id: rejected.id }]);
    expect(results[0]?.message ?? '').not.toMatch(/school/i);
  });

  it('seeds the demo school: three sign-ins and 20+ active targets for the teacher', async () => {
    for (const account of DEMO_SIGN_INS) {
      const { staff } = await signIn(account.email, DEMO_PASSWORD);
      expect(staff).toMatchObject({ name: account.name, role: account.role });
    }
    const { token, staff } = await signIn('teacher@demo.school', DEMO_PASSWORD);
    const changes = await pullAll(token);
    const latest = new Map<string, Record<string, unknown>>();
    for (const change of changes) {
      if (change.kind !== 'patch') continue;
      const key = `${change.entity}:${change.entityId}`;
      latest.set(key, {
        ...latest.get(key),
        ...change.data,
        entity: change.entity,
        id: change.entityId,
      });
    }
    const records = [...latest.values()];
    const focus = records.filter((r) => r.entity === 'focusChild' && r.staffId === staff.id);
    expect(focus).toHaveLength(6);
    const focusChildIds = new Set(focus.map((f) => f.childId));
    const targets = records.filter(
      (r) => r.entity === 'target' && focusChildIds.has(r.childId) && r.isArchived !== true,
    );
    expect(targets.length).toBeGreaterThanOrEqual(20);
    const plans = records.filter(
      (r) => r.entity === 'learningPlan' && focusChildIds.has(r.childId),
    );
    expect(plans).toHaveLength(6);
    // The teacher's device holds her class (Year 3 Hazel, 20 children) and
    // the interventions that include its children: nothing of other classes.
    expect(records.filter((r) => r.entity === 'child')).toHaveLength(20);
    expect(records.filter((r) => r.entity === 'intervention')).toHaveLength(2);
  });
});
