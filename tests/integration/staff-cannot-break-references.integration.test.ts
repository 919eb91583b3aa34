/**
 * What a signed-in member of staff cannot store, on every database engine:
 * text PostgreSQL cannot hold (a NUL, half of an emoji) in a field name, a
 * value or a map key, and records that do not hang together (a tick against
 * another child's target, a child on a register of a group they were not
 * in, a score off its group's scale, a time in year 9999 or 0000, a nil id).
 * Each bad change is refused on its own, with a reason; the rest of its
 * batch is stored, and the device goes on pushing and pulling.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, PROTOCOL_VERSION } from '../../src/domain';
import type { Mutation, MutationResult, PullResponse, PushResponse } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { findRecord } from '../../server/store/sync-store';
import { appRequests } from '../helpers/app-requests';
import { testEngines } from './support';

const PASSWORD = 'references-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;
const NIL = '00000000-0000-0000-0000-000000000000';

// Jo Hughes teaches Year 3; her focus children (1, 4, ...) each have targets.
const AMELIA = demoId('child:y3:1');
const BEN = demoId('child:y3:4');
const targetOf = (childId: string, index = 0) => demoId(`target:${childId}:${index}`);
// Alex Morgan runs Precision Teaching for the Year 3 focus children; child 0
// is in Alex's class but not in the group.
const GROUP = demoId('intervention:pt-y3');
const NOT_IN_GROUP = demoId('child:y3:0');

type Draft = Partial<Mutation> & Pick<Mutation, 'kind' | 'entity'>;

describe.each(testEngines())('a member of staff and the records they push on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: NOW };
  const school = demoId('school');

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - DAY });
    app = createApp({ db, now: () => clock.nowMs, logError: () => {} });
  });
  afterAll(async () => {
    await close?.();
  });

  const { post } = appRequests(() => app);

  type Device = { token: string; deviceId: string; seq: number; counter: number };
  const signIn = async (email: string): Promise<Device> => {
    const deviceId = randomUUID();
    const res = await post('/api/v1/auth/sign-in', { email, password: PASSWORD, deviceId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string };
    return { token: body.token, deviceId, seq: 0, counter: 0 };
  };

  /** Pushes drafts from the device's own session, one seq after another. */
  const pushRaw = async (device: Device, drafts: Draft[]) => {
    const mutations = drafts.map((draft): Mutation => {
      device.seq += 1;
      device.counter += 1;
      return {
        id: randomUUID(),
        deviceId: device.deviceId,
        seq: device.seq,
        hlc: formatHlc({ wallMs: clock.nowMs, counter: device.counter, deviceId: device.deviceId }),
        entityId: randomUUID(),
        ...draft,
      };
    });
    const body = { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations };
    const res = await post('/api/v1/sync/push', body, device.token);
    return { res, mutations, body };
  };
  const push = async (device: Device, drafts: Draft[]) => {
    const { res, mutations, body } = await pushRaw(device, drafts);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as PushResponse;
    return { results, mutations, body };
  };
  const statuses = (results: MutationResult[]) => results.map((r) => r.code ?? r.status);
  const pullOk = async (device: Device) => {
    const res = await app.request('/api/v1/sync/pull?after=0&limit=1000', {
      headers: { Authorization: `Bearer ${device.token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PullResponse;
  };

  const now = () => new Date(clock.nowMs).toISOString();
  const tick = (childId: string, targetId: string, extra: Record<string, unknown> = {}): Draft => ({
    kind: 'event',
    entity: 'tick',
    data: { childId, targetId, outcome: 'achieved', recordedAt: now(), ...extra },
  });
  const session = (
    childIds: string[],
    date: string,
    extra: Record<string, unknown> = {},
  ): Draft => ({
    kind: 'event',
    entity: 'interventionSession',
    data: {
      interventionId: GROUP,
      date,
      minutes: 10,
      attendance: childIds.map((childId) => ({ childId, isPresent: true })),
      recordedAt: now(),
      ...extra,
    },
  });
  const score = (value: number, extra: Record<string, unknown> = {}): Draft => ({
    kind: 'event',
    entity: 'assessmentScore',
    data: {
      childId: AMELIA,
      interventionId: GROUP,
      phase: 'entry',
      value,
      date: now().slice(0, 10),
      recordedAt: now(),
      ...extra,
    },
  });
  const stored = (entity: string, entityId: string) => findRecord(db, school, entity, entityId);
  const hasNoUnstorableText = (text: string | undefined) =>
    // eslint-disable-next-line no-control-regex
    expect(text ?? '').not.toMatch(/\u0000|[\ud800-\udfff]/u);

  describe('text PostgreSQL cannot hold', () => {
    it('refuses a patch whose field name is NUL on its own, and stores the rest of the batch, on every retry', async () => {
      const jo = await signIn('teacher@demo.school');
      const drafts: Draft[] = [
        tick(AMELIA, targetOf(AMELIA)),
        { kind: 'patch', entity: 'target', entityId: targetOf(AMELIA), data: { '\u0000': 'x' } },
        tick(BEN, targetOf(BEN)),
      ];
      const first = await push(jo, drafts);
      expect(statuses(first.results)).toEqual(['applied', 'invalid_data', 'applied']);
      hasNoUnstorableText(first.results[1]?.message);
      expect(first.results[1]?.message).toContain('This is not something that can be saved here');
      expect(await stored('tick', first.mutations[0]!.entityId)).toBeDefined();
      expect(await stored('tick', first.mutations[2]!.entityId)).toBeDefined();

      // The device retries the same batch (it lost the answer): the same answers.
      const again = await post('/api/v1/sync/push', first.body, jo.token);
      expect(again.status).toBe(200);
      const retried = ((await again.json()) as PushResponse).results;
      expect(statuses(retried)).toEqual(['duplicate', 'invalid_data', 'duplicate']);
      // And it goes on pushing and pulling.
      const next = await push(jo, [tick(AMELIA, targetOf(AMELIA, 1))]);
      expect(statuses(next.results)).toEqual(['applied']);
      const pulled = await pullOk(jo);
      expect(pulled.changes.some((c) => c.entityId === next.mutations[0]!.entityId)).toBe(true);
    });

    it('refuses NUL and half an emoji in values and map keys, keeps a whole emoji, and bounds the message', async () => {
      const jo = await signIn('teacher@demo.school');
      const senco = await signIn('senco@demo.school');
      const whole = 'Counts to 20 🙂 with a number line';
      const target = (text: string): Draft => ({
        kind: 'patch',
        entity: 'target',
        entityId: targetOf(BEN, 1),
        data: { text },
      });
      const teacher = await push(jo, [
        target('Reads\u0000 ten words'),
        target('Reads \ud83d ten words'),
        target('Reads \ude42 ten words'),
        tick(BEN, targetOf(BEN), { note: 'tried\u0000hard' }),
        {
          kind: 'patch',
          entity: 'target',
          entityId: targetOf(BEN, 1),
          data: { ['x'.repeat(100_000)]: 1 },
        },
        target(whole),
      ]);
      expect(statuses(teacher.results)).toEqual([
        'invalid_data',
        'invalid_data',
        'invalid_data',
        'invalid_data',
        'invalid_data',
        'applied',
      ]);
      for (const result of teacher.results) hasNoUnstorableText(result.message);
      expect(teacher.results[0]?.message).toContain('cannot be saved');
      expect(teacher.results[4]!.message!.length).toBeLessThan(200);
      expect((await stored('target', targetOf(BEN, 1)))?.data.text).toBe(whole);

      const staffId = randomUUID();
      const sencoPush = await push(senco, [
        {
          kind: 'patch',
          entity: 'school',
          entityId: school,
          data: { reportSettings: { impactExpected: { '\u0000': 2 } } },
        },
        {
          kind: 'patch',
          entity: 'staff',
          entityId: staffId,
          data: { name: 'Nul\u0000 Name', email: 'nul@demo.school', role: 'ta', isActive: true },
        },
        {
          kind: 'patch',
          entity: 'staff',
          entityId: staffId,
          data: { name: 'Nula Name', email: 'nul@demo.school', role: 'ta', isActive: true },
        },
      ]);
      expect(statuses(sencoPush.results)).toEqual(['invalid_data', 'invalid_data', 'applied']);
      for (const result of sencoPush.results) hasNoUnstorableText(result.message);
      expect((await stored('staff', staffId))?.data.name).toBe('Nula Name');
      await pullOk(senco);
    });
  });

  describe('records that hang together', () => {
    it("refuses a tick against another child's target, and a correction of another child's tick", async () => {
      const jo = await signIn('teacher@demo.school');
      const own = await push(jo, [tick(AMELIA, targetOf(AMELIA))]);
      const { results, mutations } = await push(jo, [
        tick(AMELIA, targetOf(BEN)),
        tick(AMELIA, randomUUID()),
        tick(BEN, targetOf(BEN), { supersedesId: own.mutations[0]!.entityId, isWithdrawn: true }),
        tick(AMELIA, targetOf(AMELIA, 2)),
      ]);
      expect(statuses(results)).toEqual([
        'bad_reference',
        'bad_reference',
        'bad_reference',
        'applied',
      ]);
      expect(results[0]?.message).toContain("another child's target");
      expect(await stored('tick', mutations[0]!.entityId)).toBeUndefined();
      expect(await stored('tick', mutations[3]!.entityId)).toBeDefined();
    });

    it('refuses a school calendar whose terms overlap or end before they start, and keeps a right one', async () => {
      const senco = await signIn('senco@demo.school');
      const calendar = (data: Record<string, unknown>): Draft => ({
        kind: 'patch',
        entity: 'school',
        entityId: school,
        data,
      });
      const autumn = { name: 'Autumn 2027', start: '2027-09-02', end: '2027-12-17' };
      const { results } = await push(senco, [
        calendar({ terms: [{ ...autumn, end: '2027-08-01' }] }),
        calendar({ terms: [autumn, { name: 'Overlap', start: '2027-12-01', end: '2028-04-01' }] }),
        calendar({
          terms: [autumn],
          closures: [{ date: '2028-01-05', reason: 'INSET day' }],
        }),
        calendar({
          terms: [{ ...autumn, halfTermStart: '2027-10-25', halfTermEnd: '2027-10-29' }],
          closures: [{ date: '2027-09-02', reason: 'INSET day' }],
        }),
      ]);
      expect(statuses(results)).toEqual([
        'invalid_data',
        'invalid_data',
        'invalid_data',
        'applied',
      ]);
      expect(results[0]?.message).toContain('The last day of term must be after the first.');
      const stored = (await findRecord(db, school, 'school', school))?.data as {
        terms: { name: string }[];
        closures: unknown[];
      };
      expect(stored.terms.map((term) => term.name)).toEqual(['Autumn 2027']);
      expect(stored.closures).toHaveLength(1);
    });

    it('refuses a review whose change of SEN status does not follow from its decisions', async () => {
      const jo = await signIn('teacher@demo.school');
      const review = (extra: Record<string, unknown>): Draft => ({
        kind: 'event',
        entity: 'review',
        data: {
          childId: AMELIA,
          date: now().slice(0, 10),
          targetOutcomes: [],
          decisions: [],
          recordedAt: now(),
          ...extra,
        },
      });
      const { results, mutations } = await push(jo, [
        review({ decisions: ['continue'], senStatusFrom: 'monitoring', senStatusTo: 'ehcp' }),
        review({ decisions: ['step_up'], senStatusFrom: 'monitoring', senStatusTo: 'ehcp' }),
        review({ decisions: ['step_up'], senStatusTo: 'sen_support' }),
        review({ decisions: ['step_up'], senStatusFrom: 'sen_support', senStatusTo: 'ehcp' }),
        review({ decisions: ['step_up'], senStatusFrom: 'monitoring', senStatusTo: 'sen_support' }),
        review({
          decisions: ['step_down'],
          senStatusFrom: 'sen_support',
          senStatusTo: 'monitoring',
        }),
        review({ decisions: ['continue'] }),
      ]);
      expect(statuses(results)).toEqual([
        'bad_reference',
        'bad_reference',
        'bad_reference',
        'bad_reference',
        'applied',
        'applied',
        'applied',
      ]);
      expect(results[0]?.message).toContain('does not follow from its decisions');
      expect(await stored('review', mutations[0]!.entityId)).toBeUndefined();
      expect(await stored('review', mutations[4]!.entityId)).toBeDefined();
    });

    it('keeps the SEN register history to the SENCo, the child in the school, and dates in range', async () => {
      const senco = await signIn('senco@demo.school');
      const jo = await signIn('teacher@demo.school');
      const entry = (extra: Record<string, unknown>): Draft => ({
        kind: 'event',
        entity: 'senRegisterEntry',
        data: {
          childId: AMELIA,
          status: 'sen_support',
          from: 'monitoring',
          date: now().slice(0, 10),
          source: 'edit',
          recordedAt: now(),
          ...extra,
        },
      });
      const bensReview: Draft = {
        kind: 'event',
        entity: 'review',
        data: {
          childId: BEN,
          date: now().slice(0, 10),
          targetOutcomes: [],
          decisions: ['continue'],
          recordedAt: now(),
        },
      };
      const first = await push(senco, [entry({}), bensReview]);
      expect(statuses(first.results)).toEqual(['applied', 'applied']);
      const firstId = first.mutations[0]!.entityId;
      const { results, mutations } = await push(senco, [
        // A correction of the date, kept beside the entry it corrects.
        entry({ supersedesId: firstId, date: '2026-11-02' }),
        // A correction that moves the entry to another child.
        entry({ supersedesId: firstId, childId: BEN }),
        // A child of no school on this server.
        entry({ childId: randomUUID() }),
        // Another child's review.
        entry({ reviewId: first.mutations[1]!.entityId }),
        // Dated next year, or before the child was born.
        entry({ date: '2027-09-01' }),
        entry({ date: '2001-01-01' }),
        entry({ status: 'SEN_SUPPORT' }),
      ]);
      expect(statuses(results)).toEqual([
        'applied',
        'bad_reference',
        'bad_reference',
        'bad_reference',
        'out_of_range',
        'out_of_range',
        'invalid_data',
      ]);
      expect(results[5]?.message).toContain('before the child');
      expect(await stored('senRegisterEntry', mutations[0]!.entityId)).toBeDefined();
      // Only the SENCo writes or corrects the register, not a teacher (nor an
      // admin: the authorisation matrix).
      const byTeacher = await push(jo, [entry({ supersedesId: firstId, date: '2026-11-04' })]);
      expect(statuses(byTeacher.results)).toEqual(['forbidden']);
      // The teacher who teaches the child reads the history.
      const pulled = await pullOk(jo);
      const seen = pulled.changes
        .filter((c) => c.entity === 'senRegisterEntry')
        .map((c) => c.entityId);
      expect(seen).toEqual(expect.arrayContaining([firstId, mutations[0]!.entityId]));
    });

    it("refuses a child who was not in the group on that group's register, and keeps one who left after the day", async () => {
      const alex = await signIn('ta@demo.school');
      const senco = await signIn('senco@demo.school');
      const today = now().slice(0, 10);
      const first = await push(alex, [
        session([AMELIA, NOT_IN_GROUP], today),
        session([AMELIA, AMELIA], today),
        session([AMELIA, BEN], today),
      ]);
      expect(statuses(first.results)).toEqual(['bad_reference', 'bad_reference', 'applied']);
      expect(first.results[0]?.message).toContain('was not in the group on that date');
      expect(await stored('interventionSession', first.mutations[0]!.entityId)).toBeUndefined();

      // The SENCo takes Ben out of the group today. A week later, Alex's
      // register for today (logged offline) still holds him; one for the
      // week after does not.
      const group = await stored('intervention', GROUP);
      const childIds = (group!.data.childIds as string[]).filter((id) => id !== BEN);
      const removed = await push(senco, [
        { kind: 'patch', entity: 'intervention', entityId: GROUP, data: { childIds } },
      ]);
      expect(statuses(removed.results)).toEqual(['applied']);
      clock.nowMs = NOW + 7 * DAY;
      try {
        const later = now().slice(0, 10);
        const late = await push(alex, [
          session([AMELIA, BEN], today),
          session([AMELIA, BEN], later),
        ]);
        expect(statuses(late.results)).toEqual(['applied', 'bad_reference']);
        // Restored for the other tests: Ben back in the group.
        await push(senco, [
          {
            kind: 'patch',
            entity: 'intervention',
            entityId: GROUP,
            data: { childIds: [...childIds, BEN] },
          },
        ]);
      } finally {
        clock.nowMs = NOW;
      }
    });

    it("refuses a score of 1e21, or off its group's measure", async () => {
      const alex = await signIn('ta@demo.school');
      // Precision Teaching's measure: 0 to 120 words read in a minute.
      const { results, mutations } = await push(alex, [
        score(1e21),
        score(121),
        score(-1),
        score(60, { childId: NOT_IN_GROUP }),
        score(60),
      ]);
      expect(statuses(results)).toEqual([
        'invalid_data',
        'out_of_range',
        'out_of_range',
        'bad_reference',
        'applied',
      ]);
      expect(results[1]?.message).toContain('0 to 120 words');
      expect((await stored('assessmentScore', mutations[4]!.entityId))?.data.value).toBe(60);
    });

    it('refuses a recordedAt in 9999 or weeks ahead, a date before 2000, and an HLC in year 0000', async () => {
      const jo = await signIn('teacher@demo.school');
      const zeroHlc = formatHlc({
        wallMs: Date.parse('0000-01-01T00:00:00.000Z'),
        counter: 0,
        deviceId: jo.deviceId,
      });
      expect(zeroHlc.startsWith('0000-01-01')).toBe(true);
      const { results, mutations } = await push(jo, [
        tick(AMELIA, targetOf(AMELIA), { recordedAt: '9999-12-31T23:59:59.999Z' }),
        tick(AMELIA, targetOf(AMELIA), { recordedAt: new Date(NOW + 40 * DAY).toISOString() }),
        tick(AMELIA, targetOf(AMELIA), { recordedAt: '1999-12-31T23:59:59.000Z' }),
        { ...tick(AMELIA, targetOf(AMELIA)), hlc: zeroHlc },
        {
          kind: 'patch',
          entity: 'target',
          entityId: targetOf(AMELIA, 2),
          data: { startDate: '9999-01-01' },
        },
        // A tablet a week fast: its tick is still a true tick, and is kept.
        tick(AMELIA, targetOf(AMELIA), { recordedAt: new Date(NOW + 7 * DAY).toISOString() }),
      ]);
      expect(statuses(results)).toEqual([
        'invalid_data',
        'out_of_range',
        'invalid_data',
        'out_of_range',
        'invalid_data',
        'applied',
      ]);
      expect(results[3]?.message).toContain('before 2000');
      for (const m of mutations.slice(0, 4))
        expect(await stored('tick', m.entityId)).toBeUndefined();
      expect(await stored('tick', mutations[5]!.entityId)).toBeDefined();
      // Nothing refused reached the log every device pulls.
      const pulled = await pullOk(jo);
      expect(pulled.changes.some((c) => c.hlc.startsWith('0000'))).toBe(false);
    });

    it('refuses the nil UUID as a reference, and a push naming it as a record or mutation id whole', async () => {
      const senco = await signIn('senco@demo.school');
      const { results } = await push(senco, [
        tick(NIL, targetOf(AMELIA)),
        {
          kind: 'patch',
          entity: 'target',
          entityId: randomUUID(),
          data: { childId: NIL, text: 'Nil child', startDate: '2026-11-23' },
        },
        tick(AMELIA, targetOf(AMELIA)),
      ]);
      expect(statuses(results)).toEqual(['invalid_data', 'invalid_data', 'applied']);
      // As the id of a record or of a mutation, the nil UUID makes the push
      // malformed: it is refused whole (400), and nothing of it is recorded.
      for (const draft of [
        { ...tick(AMELIA, targetOf(AMELIA)), entityId: NIL },
        { ...tick(AMELIA, targetOf(AMELIA)), id: NIL },
      ]) {
        const { res, mutations } = await pushRaw(senco, [draft, tick(AMELIA, targetOf(AMELIA))]);
        expect(res.status).toBe(400);
        for (const m of mutations) {
          const answered = await db
            .selectFrom('applied_mutations')
            .select('mutation_id')
            .where('mutation_id', '=', m.id)
            .execute();
          expect(answered).toEqual([]);
        }
      }
      expect(await stored('tick', NIL)).toBeUndefined();
    });
  });
});
