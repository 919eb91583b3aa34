/**
 * What a signed-in member of staff cannot do with device ids, on every
 * database engine: stop everyone's sync with an id in upper case, stop or
 * speak for a colleague's device (whose id every pulled HLC carries), or
 * keep a session the SENCo cannot see. A device's identity belongs to its
 * session: the server binds it at sign-in and refuses a push naming any
 * other. And a stored change no device could read is held back, never
 * handed out.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION, isHlc, pullResponseSchema } from '../../src/domain';
import type { Mutation, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const PASSWORD = 'device-identity-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;

describe.each(testEngines())('device identity on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: NOW };
  // A child in Jo Hughes's class, and one of the child's own targets.
  const childId = demoId('child:y3:1');
  const targetId = demoId(`target:${childId}:1`);

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - DAY });
    app = createApp({ db, now: () => clock.nowMs, logError: () => {} });
    const target = await db
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'target')
      .where('entity_id', '=', targetId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(target.data!).childId).toBe(childId);
  });
  afterAll(async () => {
    await close?.();
  });

  const request = (method: string, path: string, body?: unknown, token?: string) =>
    app.request(path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  type Device = { token: string; deviceId: string; staffId: string; seq: number };
  const signIn = async (email: string, deviceId?: string): Promise<Device> => {
    const res = await request('POST', '/api/v1/auth/sign-in', {
      email,
      password: PASSWORD,
      ...(deviceId === undefined ? {} : { deviceId }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: { id: string }; deviceId?: string };
    // Falls back to the proposed id only so that, run against a server that
    // does not bind devices, each test fails on what it is about.
    const bound = body.deviceId ?? deviceId ?? '';
    return { token: body.token, deviceId: bound, staffId: body.staff.id, seq: 0 };
  };

  const tick = (device: Device, overrides: Partial<Mutation> = {}, wallMs = clock.nowMs) => {
    device.seq += 1;
    return {
      id: randomUUID(),
      deviceId: device.deviceId,
      seq: device.seq,
      hlc: formatHlc({ wallMs, counter: 0, deviceId: device.deviceId }),
      kind: 'event' as const,
      entity: 'tick',
      entityId: randomUUID(),
      data: {
        targetId,
        childId,
        outcome: 'achieved',
        recordedAt: new Date(clock.nowMs).toISOString(),
      },
      ...overrides,
    };
  };
  const push = (token: string, deviceId: string, mutations: unknown[]) =>
    request(
      'POST',
      '/api/v1/sync/push',
      { protocolVersion: PROTOCOL_VERSION, deviceId, mutations },
      token,
    );
  const pushOk = async (device: Device, mutations: unknown[]) => {
    const res = await push(device.token, device.deviceId, mutations);
    expect(res.status).toBe(200);
    return (await res.json()) as PushResponse;
  };
  /** Pulls everything from the start, failing the test if the device could not parse a page. */
  const pullAll = async (device: Device) => {
    let after = 0;
    const changes: { seq: number; hlc: string }[] = [];
    for (;;) {
      const res = await request(
        'GET',
        `/api/v1/sync/pull?after=${after}&limit=1000`,
        undefined,
        device.token,
      );
      expect(res.status).toBe(200);
      const parsed = pullResponseSchema.safeParse(await res.json());
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
      const page = parsed.data!;
      changes.push(...page.changes);
      if (!page.hasMore) return { changes, cursor: page.cursor };
      after = page.cursor;
    }
  };
  const lastSeqOf = async (device: Device) => {
    const res = await request(
      'GET',
      `/api/v1/sync/device?deviceId=${device.deviceId}`,
      undefined,
      device.token,
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { lastSeq: number }).lastSeq;
  };
  it("an id in upper case and a clock days ahead stop no reader's sync", async () => {
    const teacher = await signIn('teacher@demo.school', randomUUID());
    const upper = teacher.deviceId.toUpperCase();
    const ahead = clock.nowMs + 3 * DAY;
    // Two ticks with HLCs days ahead: the server clamps them and restamps
    // the second past the first with the envelope's device id.
    const mutations = [tick(teacher, {}, ahead), tick(teacher, {}, ahead)].map((m) => ({
      ...m,
      deviceId: upper,
    }));
    const res = await push(teacher.token, upper, mutations);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as PushResponse;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // A freshly signed-in SENCo (who sees the whole school) reads every page.
    const senco = await signIn('senco@demo.school', randomUUID());
    const { changes } = await pullAll(senco);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(isHlc(change.hlc), change.hlc).toBe(true);
    const stored = await db.selectFrom('changes').select('hlc').execute();
    for (const { hlc } of stored) expect(isHlc(hlc), hlc).toBe(true);
    // And the teacher's own device goes on pushing and pulling.
    expect((await pushOk(teacher, [tick(teacher)])).results[0]?.status).toBe('applied');
    await pullAll(teacher);
  });

  it("a colleague cannot push under another person's device, nor move its counter", async () => {
    const victim = await signIn('teacher@demo.school', randomUUID());
    expect((await pushOk(victim, [tick(victim)])).results[0]?.status).toBe('applied');
    const before = await lastSeqOf(victim);
    // The colleague learnt the id from an HLC in their own pull.
    const colleague = await signIn('priya.shah@demo.school', randomUUID());
    const forged = {
      ...tick(colleague),
      deviceId: victim.deviceId,
      seq: Number.MAX_SAFE_INTEGER,
      hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId: victim.deviceId }),
    };
    for (const named of [victim.deviceId, victim.deviceId.toUpperCase()]) {
      const res = await push(colleague.token, named, [forged]);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('wrong_device');
    }
    const recorded = await db
      .selectFrom('applied_mutations')
      .select('mutation_id')
      .where('mutation_id', '=', forged.id)
      .execute();
    expect(recorded).toEqual([]);
    expect(await lastSeqOf(victim)).toBe(before);
    // The colleague may not ask how far the victim's device got either.
    const asked = await request(
      'GET',
      `/api/v1/sync/device?deviceId=${victim.deviceId}`,
      undefined,
      colleague.token,
    );
    expect(asked.status).toBe(403);
    // The victim's device carries on as if nothing happened.
    expect((await pushOk(victim, [tick(victim)])).results[0]?.status).toBe('applied');
    expect(await lastSeqOf(victim)).toBe(before + 1);
    await pullAll(victim);
  });

  it("signing in with a colleague's device id gets a device of one's own", async () => {
    const senco = await signIn('senco@demo.school', randomUUID());
    const colleague = await signIn('teacher@demo.school', senco.deviceId.toUpperCase());
    expect(colleague.deviceId).not.toBe(senco.deviceId);
    const res = await push(colleague.token, senco.deviceId, [
      { ...tick(colleague), deviceId: senco.deviceId },
    ]);
    expect(res.status).toBe(403);
    // The same person signing in again on their own device keeps its id.
    const again = await signIn('senco@demo.school', senco.deviceId);
    expect(again.deviceId).toBe(senco.deviceId);

    // The devices list shows the SENCo's device under the SENCo's name, and
    // the audit log never names the forged device for the teacher.
    const listed = await request('GET', '/api/v1/devices', undefined, senco.token);
    const { devices } = (await listed.json()) as {
      devices: { id: string; staffId: string }[];
    };
    expect(devices.find((d) => d.id === senco.deviceId)?.staffId).toBe(senco.staffId);
    expect(devices.find((d) => d.id === colleague.deviceId)?.staffId).toBe(colleague.staffId);
    const forgedAudit = await db
      .selectFrom('audit_events')
      .select('id')
      .where('device_id', '=', senco.deviceId)
      .where('staff_id', '=', colleague.staffId)
      .execute();
    expect(forgedAudit).toEqual([]);
  });

  it('refuses a whole push in which any mutation or HLC names another device', async () => {
    const teacher = await signIn('teacher@demo.school', randomUUID());
    const other = randomUUID();
    const good = tick(teacher);
    const cases = [
      [good, { ...tick(teacher), deviceId: other }],
      [
        good,
        { ...tick(teacher), hlc: formatHlc({ wallMs: clock.nowMs, counter: 1, deviceId: other }) },
      ],
    ];
    for (const mutations of cases) {
      const res = await push(teacher.token, teacher.deviceId, mutations);
      expect(res.status).toBe(403);
    }
    // Nothing of either batch was recorded, not even the good tick.
    const rows = await db
      .selectFrom('applied_mutations')
      .select('mutation_id')
      .where('mutation_id', '=', good.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('a session signed in without a device id is a device the SENCo sees and can revoke', async () => {
    const senco = await signIn('senco@demo.school', randomUUID());
    const hidden = await signIn('ta@demo.school');
    expect(hidden.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await request('GET', '/api/v1/devices', undefined, senco.token);
    const { devices } = (await listed.json()) as { devices: { id: string; staffId: string }[] };
    expect(devices.find((d) => d.id === hidden.deviceId)?.staffId).toBe(hidden.staffId);

    // Revoking every device of that person ends this session too.
    for (const device of devices.filter((d) => d.staffId === hidden.staffId)) {
      const revoked = await request('POST', `/api/v1/devices/${device.id}/revoke`, {}, senco.token);
      expect(revoked.status).toBe(200);
    }
    const after = await request(
      'GET',
      '/api/v1/sync/pull?after=0&limit=1',
      undefined,
      hidden.token,
    );
    expect(after.status).toBe(401);
  });

  it('holds back a stored change no device could read, and tells the SENCo', async () => {
    const teacher = await signIn('teacher@demo.school', randomUUID());
    const sent = tick(teacher);
    expect((await pushOk(teacher, [sent])).results[0]?.status).toBe('applied');
    // As a bug or an older rule might have left it: an HLC the protocol refuses.
    const bad = `${new Date(clock.nowMs).toISOString()}-0000-${teacher.deviceId.toUpperCase()}`;
    await db.updateTable('changes').set({ hlc: bad }).where('mutation_id', '=', sent.id).execute();
    const { seq } = await db
      .selectFrom('changes')
      .select('seq')
      .where('mutation_id', '=', sent.id)
      .executeTakeFirstOrThrow();

    const senco = await signIn('senco@demo.school', randomUUID());
    const { changes, cursor } = await pullAll(senco);
    expect(changes.map((c) => c.seq)).not.toContain(Number(seq));
    expect(cursor).toBeGreaterThanOrEqual(Number(seq));
    // A second reader's pull finds it again: listed once, audited once.
    await pullAll(teacher);
    const held = await db.selectFrom('held_back_changes').selectAll().execute();
    expect(held.map((h) => Number(h.change_seq))).toEqual([Number(seq)]);
    const audit = await db
      .selectFrom('audit_events')
      .select(['staff_id', 'detail'])
      .where('action', '=', 'change_held_back')
      .execute();
    expect(audit).toEqual([{ staff_id: teacher.staffId, detail: expect.stringContaining('hlc') }]);
  });
});
