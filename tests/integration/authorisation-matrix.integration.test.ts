/**
 * The authorisation matrix: for every record type in RECORD_TYPES, each role
 * of school A (senco, admin, headteacher, teacher, ta) against school A's records (in
 * and out of their scope) and school B's, on pull and on push. Zero leaks:
 * nobody sees or changes what their role and scope do not allow, and no
 * school sees another. A record type added without a row in EXPECTED fails
 * here (and without a rule in server/auth/permissions.ts fails typecheck).
 *
 * Then scope changes: a child moving class and a TA leaving a group change
 * what each device receives and remove from it what it may no longer see.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES, formatHlc, PROTOCOL_VERSION, RECORD_TYPES } from '../../src/domain';
import type { EntityName, Mutation, PullResponse, PushResponse, Role } from '../../src/domain';
import { createApp } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import type { Db } from '../../server/db/connection';
import { DEMO_SCHOOL_ID, demoId, seedDemoSchool } from '../../server/demo/seed';
import { insertStaffAccount } from '../../server/store/staff';
import { createServerWriter, setUpSchool } from '../../server/store/school-setup';
import { testEngines } from './support';

const PASSWORD = 'matrix-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const ROLES: Role[] = ['senco', 'admin', 'headteacher', 'teacher', 'ta'];
/** Roles that see the whole school; of them, the headteacher writes nothing. */
const WHOLE_SCHOOL: Role[] = ['senco', 'admin', 'headteacher'];
const WRITES_WHOLE_SCHOOL: Role[] = ['senco', 'admin'];

/** What each role may do with a record type, in its own school. */
type Expectation = {
  /** Teachers and TAs: 'all' of the school, or only what is in their 'scope'. */
  read: 'all' | 'scope';
  /** Which of teacher / ta may create or edit a record in their scope. */
  write: ('teacher' | 'ta')[];
  /** Of the whole-school roles, only these may write it (all of them when not given). */
  wholeSchool?: ('senco' | 'admin')[];
};

// One row per record type. Why written out and not derived from the rules:
// this is the specification the rules are checked against.
const EXPECTED: Record<string, Expectation> = {
  school: { read: 'all', write: [] },
  staff: { read: 'all', write: [] },
  class: { read: 'all', write: [] },
  provision: { read: 'all', write: [] },
  child: { read: 'scope', write: [] },
  focusChild: { read: 'scope', write: ['teacher'] },
  learningPlan: { read: 'scope', write: ['teacher'] },
  target: { read: 'scope', write: ['teacher'] },
  passport: { read: 'scope', write: ['teacher'] },
  lesson: { read: 'scope', write: ['teacher', 'ta'] },
  intervention: { read: 'scope', write: [] },
  tick: { read: 'scope', write: ['teacher', 'ta'] },
  interventionSession: { read: 'scope', write: ['ta'] },
  assessmentScore: { read: 'scope', write: ['teacher', 'ta'] },
  review: { read: 'scope', write: ['teacher'] },
  transferredRecord: { read: 'scope', write: [], wholeSchool: ['senco'] },
  // A correction of a line is the SENCo's alone: staff-cannot-break-references.
  senRegisterEntry: { read: 'scope', write: [] },
};

/** May this whole-school role write this record type? */
const isWholeWriter = (role: Role, entity: EntityName): boolean =>
  (role === 'senco' || role === 'admin') &&
  (EXPECTED[entity]!.wholeSchool ?? ['senco', 'admin']).includes(role);

/** Ids a fixture record refers to. */
type Context = {
  childId: string;
  classId: string;
  staffId: string;
  interventionId: string;
  provisionId: string;
  /** The child's target a tick names (the fixture target's id: the server checks it). */
  targetId: string;
  /** A child in the group, for its register (the server checks that too). */
  groupChildId: string;
};

/** A valid record of each type about the child / class / intervention in `ctx`. */
const makeData = (entity: EntityName, ctx: Context): Record<string, unknown> => {
  const at = new Date(NOW).toISOString();
  const data: Record<EntityName, Record<string, unknown>> = {
    school: { name: 'Fixture school record' },
    staff: { name: 'Fixture Staff', email: `${randomUUID()}@fixture.example`, role: 'teacher' },
    class: { name: 'Fixture class', yearGroup: 3, teacherIds: [], taIds: [] },
    provision: {
      name: 'Fixture provision',
      areaOfNeed: 'semh',
      wave: 2,
      format: 'group',
      sessionsPerWeek: 1,
      sessionMinutes: 30,
      staffHourlyCostPence: 0,
    },
    child: { firstName: 'Fixture', lastName: 'Child', yearGroup: 3, classId: ctx.classId },
    focusChild: {
      childId: ctx.childId,
      classId: ctx.classId,
      staffId: ctx.staffId,
      reason: 'Fixture reason',
      until: '2026-12-09',
    },
    learningPlan: {
      childId: ctx.childId,
      title: 'Fixture plan',
      startDate: '2026-09-14',
      reviewDate: '2026-12-09',
    },
    target: { childId: ctx.childId, text: 'Fixture target', startDate: '2026-09-14' },
    lesson: { classId: ctx.classId, staffId: ctx.staffId, subject: 'Maths', startedAt: at },
    passport: { childId: ctx.childId, strengths: 'Fixture strengths' },
    intervention: {
      provisionId: ctx.provisionId,
      name: 'Fixture group',
      childIds: [ctx.childId],
      staffIds: [],
      schedule: [],
      sessionMinutes: 30,
      startDate: '2026-09-14',
      endDate: '2026-12-18',
    },
    tick: { targetId: ctx.targetId, childId: ctx.childId, outcome: 'achieved', recordedAt: at },
    interventionSession: {
      interventionId: ctx.interventionId,
      date: '2026-11-23',
      minutes: 10,
      attendance: [{ childId: ctx.groupChildId, isPresent: true }],
      recordedAt: at,
    },
    assessmentScore: {
      childId: ctx.childId,
      phase: 'entry',
      value: 3,
      date: '2026-11-23',
      recordedAt: at,
    },
    review: {
      childId: ctx.childId,
      date: '2026-11-23',
      targetOutcomes: [],
      decisions: ['continue'],
      recordedAt: at,
    },
    transferredRecord: {
      childId: ctx.childId,
      fromSchool: { name: 'Fixture previous school' },
      exportedAt: at,
      recordedAt: at,
      document: { learningPlans: [], staff: [] },
    },
    senRegisterEntry: {
      childId: ctx.childId,
      status: 'sen_support',
      from: 'monitoring',
      date: '2026-11-23',
      source: 'edit',
      recordedAt: at,
    },
  };
  return data[entity];
};

type Fixtures = Record<EntityName, string>;

describe.each(testEngines())('authorisation matrix on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  const SCHOOL_B = randomUUID();
  const emails = {
    A: {
      senco: 'senco@demo.school',
      admin: 'admin@demo.school',
      headteacher: 'head@demo.school',
      teacher: 'teacher@demo.school',
      ta: 'ta@demo.school',
    },
    B: {
      senco: 'senco@b.example',
      admin: 'admin@b.example',
      headteacher: 'head@b.example',
      teacher: 'teacher@b.example',
      ta: 'ta@b.example',
    },
  } as const;
  const B_STAFF = Object.fromEntries(ROLES.map((role) => [role, randomUUID()])) as Record<
    Role,
    string
  >;
  const JO = demoId('staff:teacher@demo.school');
  const PRIYA = demoId('staff:priya.shah@demo.school');

  // School A's fixtures in everyone's scope (a Year 3 Hazel child, taught by
  // Jo and supported by Alex), and out of the teacher's and TA's scope
  // (a Year 4 Rowan child in no group of Alex's).
  const ctxIn: Context = {
    childId: demoId('child:y3:0'),
    classId: demoId('class:y3'),
    staffId: JO,
    interventionId: demoId('intervention:pt-y3'),
    provisionId: demoId('provision:elsa'),
    targetId: randomUUID(),
    groupChildId: demoId('child:y3:1'),
  };
  const ctxOut: Context = {
    childId: demoId('child:y4:0'),
    classId: demoId('class:y4'),
    staffId: PRIYA,
    interventionId: randomUUID(), // the fixture intervention below, about the Year 4 child
    provisionId: demoId('provision:elsa'),
    targetId: randomUUID(),
    groupChildId: demoId('child:y4:0'),
  };
  const ctxB: Context = {
    childId: randomUUID(),
    classId: randomUUID(),
    staffId: B_STAFF.teacher,
    interventionId: randomUUID(),
    provisionId: randomUUID(),
    targetId: randomUUID(),
    groupChildId: '',
  };
  ctxB.groupChildId = ctxB.childId;
  const fixturesIn = {} as Fixtures;
  const fixturesOut = {} as Fixtures;
  const fixturesB = {} as Fixtures;

  const writeFixtures = async (
    schoolId: string,
    staffId: string,
    ctx: Context,
    into: Fixtures,
    presetIds: Partial<Fixtures> = {},
  ) => {
    const writer = createServerWriter({
      schoolId,
      staffId,
      deviceId: randomUUID(),
      nowMs: NOW - 3_600_000,
      newId: randomUUID,
    });
    for (const entity of ENTITY_NAMES) {
      const id = presetIds[entity] ?? (entity === 'target' ? ctx.targetId : randomUUID());
      into[entity] = id;
      const data = makeData(entity, ctx);
      if (RECORD_TYPES[entity].kind === 'event') writer.event(entity, id, data);
      else writer.patch(entity, id, data);
    }
    await db.transaction().execute((trx) => writer.flush(trx));
  };

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    await insertStaffAccount(db, {
      id: randomUUID(),
      schoolId: DEMO_SCHOOL_ID,
      email: emails.A.admin,
      name: 'Ada Admin',
      role: 'admin',
      passwordHash: await hashPassword(PASSWORD),
      isActive: true,
    });
    await insertStaffAccount(db, {
      id: randomUUID(),
      schoolId: DEMO_SCHOOL_ID,
      email: emails.A.headteacher,
      name: 'Hana Head',
      role: 'headteacher',
      passwordHash: await hashPassword(PASSWORD),
      isActive: true,
    });
    await db.transaction().execute((trx) =>
      setUpSchool(trx, {
        id: SCHOOL_B,
        name: 'Riverside Primary',
        staff: ROLES.map((role) => ({
          id: B_STAFF[role],
          name: `B ${role}`,
          email: emails.B[role],
          role,
          password: PASSWORD,
        })),
        deviceId: randomUUID(),
        nowMs: NOW - 86_400_000,
        newId: randomUUID,
      }),
    );
    // School B: a class taught by its teacher and supported by its TA, a
    // child in it, and a group its TA runs, then one record of every type.
    const writerB = createServerWriter({
      schoolId: SCHOOL_B,
      staffId: B_STAFF.senco,
      deviceId: randomUUID(),
      nowMs: NOW - 7_200_000,
      newId: randomUUID,
    });
    writerB.patch('class', ctxB.classId, {
      name: 'B class',
      yearGroup: 3,
      teacherIds: [B_STAFF.teacher],
      taIds: [B_STAFF.ta],
    });
    writerB.patch('child', ctxB.childId, {
      firstName: 'Bea',
      lastName: 'Bee',
      yearGroup: 3,
      classId: ctxB.classId,
    });
    writerB.patch('provision', ctxB.provisionId, makeData('provision', ctxB));
    writerB.patch('intervention', ctxB.interventionId, {
      ...makeData('intervention', ctxB),
      staffIds: [B_STAFF.ta],
    });
    await db.transaction().execute((trx) => writerB.flush(trx));

    await writeFixtures(DEMO_SCHOOL_ID, demoId('staff:senco@demo.school'), ctxIn, fixturesIn);
    await writeFixtures(DEMO_SCHOOL_ID, demoId('staff:senco@demo.school'), ctxOut, fixturesOut, {
      intervention: ctxOut.interventionId,
    });
    await writeFixtures(SCHOOL_B, B_STAFF.senco, ctxB, fixturesB);
    app = createApp({ db, now: () => NOW, logError: () => {} });
  });

  afterAll(async () => {
    await close?.();
  });

  const signIn = async (email: string, deviceId: string = randomUUID()) => {
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, deviceId }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; staff: { id: string } };
    return { ...body, deviceId };
  };

  const pullPage = async (token: string, after: number): Promise<PullResponse> => {
    const res = await app.request(`/api/v1/sync/pull?after=${after}&limit=1000`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PullResponse;
  };

  /** Every record id a device holds after pulling to the end, as a device would keep them. */
  const syncDevice = async (
    token: string,
    held = new Map<string, string>(),
    state = { cursor: 0 },
  ) => {
    for (;;) {
      const page = await pullPage(token, state.cursor);
      for (const r of page.revoked ?? []) held.delete(r.entityId);
      for (const change of page.changes) held.set(change.entityId, change.entity);
      const previous = state.cursor;
      state.cursor = page.cursor;
      if (!page.hasMore || (page.cursor <= previous && !page.restart)) break;
    }
    return { held, state };
  };

  // Every push gets later HLCs than the one before, as a real device's would.
  let pushes = 0;
  const pushAs = async (
    token: string,
    deviceId: string,
    items: { kind: Mutation['kind']; entity: string; entityId: string; data?: object }[],
  ): Promise<PushResponse> => {
    pushes++;
    const mutations: Mutation[] = items.map((item, i) => ({
      id: randomUUID(),
      deviceId,
      seq: i + 1,
      hlc: formatHlc({ wallMs: NOW + pushes, counter: i, deviceId }),
      kind: item.kind,
      entity: item.entity,
      entityId: item.entityId,
      ...(item.data ? { data: item.data as Record<string, unknown> } : {}),
    }));
    const res = await app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PushResponse;
  };

  const schoolSnapshot = async (schoolId: string) =>
    JSON.stringify(
      await db
        .selectFrom('records')
        .selectAll()
        .where('school_id', '=', schoolId)
        .orderBy('entity')
        .orderBy('entity_id')
        .execute(),
    );

  it('has an expectation for every record type, and no more', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ENTITY_NAMES].sort());
  });

  describe.each(['A', 'B'] as const)('staff of school %s', (school) => {
    const own = () => (school === 'A' ? [fixturesIn, fixturesOut] : [fixturesB]);
    const other = () => (school === 'A' ? [fixturesB] : [fixturesIn, fixturesOut]);

    it.each(ROLES)('%s pulls exactly what the role may see', async (role) => {
      const { token } = await signIn(emails[school][role]);
      const { held } = await syncDevice(token);
      for (const entity of ENTITY_NAMES) {
        // Another school: never.
        for (const fixtures of other()) {
          expect(
            held.has(fixtures[entity]),
            `${role} sees school ${school}'s other ${entity}`,
          ).toBe(false);
        }
        const isWhole = WHOLE_SCHOOL.includes(role);
        const [inScope, outOfScope] = own();
        expect(held.get(inScope![entity]), `${role} of ${school} misses ${entity}`).toBe(entity);
        if (outOfScope) {
          const shouldSee = isWhole || EXPECTED[entity]!.read === 'all';
          expect(held.has(outOfScope[entity]), `${role} and an out-of-scope ${entity}`).toBe(
            shouldSee,
          );
        }
      }
    });

    it.each(ROLES)('%s may push only what the role may write', async (role) => {
      const { token, deviceId, staff } = await signIn(emails[school][role]);
      const otherSchoolBefore = await schoolSnapshot(school === 'A' ? SCHOOL_B : DEMO_SCHOOL_ID);
      // Whole-school writers; the headteacher sees everything and may write nothing.
      const isWhole = WRITES_WHOLE_SCHOOL.includes(role);
      const ctx = school === 'A' ? ctxIn : ctxB;
      const items: {
        kind: Mutation['kind'];
        entity: EntityName;
        entityId: string;
        data?: object;
        expect: boolean;
      }[] = [];
      for (const entity of ENTITY_NAMES) {
        const isEvent = RECORD_TYPES[entity].kind === 'event';
        const kind = isEvent ? 'event' : 'patch';
        const mayWrite =
          isWholeWriter(role, entity) ||
          (!isWhole &&
            (role === 'teacher' || role === 'ta') &&
            EXPECTED[entity]!.write.includes(role));
        // A new record in scope, signed by the pusher.
        items.push({
          kind,
          entity,
          entityId: randomUUID(),
          data: makeData(entity, { ...ctx, staffId: staff.id }),
          expect: mayWrite,
        });
        if (school === 'A') {
          // A new record about a child out of scope.
          items.push({
            kind,
            entity,
            entityId: randomUUID(),
            data: makeData(entity, { ...ctxOut, staffId: staff.id }),
            expect: isWholeWriter(role, entity),
          });
          if (!isEvent) {
            // Editing the out-of-scope record, and deleting it.
            items.push({
              kind: 'patch',
              entity,
              entityId: fixturesOut[entity],
              data: makeData(entity, ctxOut),
              expect: isWhole,
            });
            items.push({
              kind: 'delete',
              entity,
              entityId: fixturesOut[entity],
              expect: isWhole,
            });
          }
        }
        // Another school's record, by id: it is never touched (at most a
        // new record of the pusher's own school is made, for whole-school roles).
        for (const fixtures of other()) {
          if (!isEvent) {
            items.push({
              kind: 'delete',
              entity,
              entityId: fixtures[entity],
              expect: isWhole,
            });
          }
        }
      }
      const { results } = await pushAs(token, deviceId, items);
      items.forEach((item, i) => {
        const result = results[i]!;
        const label = `${role} of ${school}: ${item.kind} ${item.entity} -> ${result.status} ${result.code ?? ''} ${result.message ?? ''}`;
        // Allowed: never refused as forbidden (an earlier whole-school push
        // may already have deleted the record, which is a different refusal).
        if (item.expect) expect(result.code, label).not.toBe('forbidden');
        else expect(result, label).toMatchObject({ status: 'rejected', code: 'forbidden' });
        // A headteacher is told why: their access is read-only, not "ask your SENCo".
        if (role === 'headteacher') expect(result.message, label).toMatch(/read-only/);
      });
      expect(await schoolSnapshot(school === 'A' ? SCHOOL_B : DEMO_SCHOOL_ID)).toBe(
        otherSchoolBefore,
      );
    });
  });

  it('records a tick as signed by the token, whatever the body claims', async () => {
    const { token, deviceId, staff } = await signIn(emails.A.ta);
    const tickId = randomUUID();
    const { results } = await pushAs(token, deviceId, [
      {
        kind: 'event',
        entity: 'tick',
        entityId: tickId,
        data: { ...makeData('tick', ctxIn), recordedBy: JO },
      },
    ]);
    expect(results[0]?.status).toBe('applied');
    const row = await db
      .selectFrom('records')
      .select('data')
      .where('entity_id', '=', tickId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).recordedBy).toBe(staff.id);
  });

  it("a teacher may not take over another teacher's focus child", async () => {
    const { token, deviceId } = await signIn(emails.A.teacher);
    // Priya's focus child in Year 4, and an attempt to re-sign a Year 3 focus record as Jo's own.
    const { results } = await pushAs(token, deviceId, [
      {
        kind: 'patch',
        entity: 'focusChild',
        entityId: fixturesOut.focusChild,
        data: { staffId: JO },
      },
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it("a TA's register naming a child outside her groups and classes is refused, and nothing of it is kept", async () => {
    const { token, deviceId } = await signIn(emails.A.ta);
    const register = (attendance: { childId: string; isPresent: boolean }[]) => ({
      interventionId: demoId('intervention:elsa-friendship'),
      date: '2026-11-23',
      minutes: 30,
      isUnscheduled: true,
      attendance,
      recordedAt: new Date(NOW).toISOString(),
    });
    const inGroup = { childId: demoId('child:y3:7'), isPresent: true };
    // Year 4 Rowan: not a class Alex supports, nor in a group of hers.
    const outside = { childId: demoId('child:y4:4'), isPresent: true };
    const [refusedId, appliedId] = [randomUUID(), randomUUID()];
    const { results } = await pushAs(token, deviceId, [
      {
        kind: 'event',
        entity: 'interventionSession',
        entityId: refusedId,
        data: register([inGroup, outside]),
      },
      {
        kind: 'event',
        entity: 'interventionSession',
        entityId: appliedId,
        data: register([inGroup]),
      },
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(results[1]?.status).toBe('applied');
    const kept = await db
      .selectFrom('records')
      .select('entity_id')
      .where('entity_id', 'in', [refusedId, appliedId])
      .execute();
    expect(kept.map((row) => row.entity_id)).toEqual([appliedId]);
  });

  it('moving a child to another class removes it (and its records) from the old teacher and sends it to the new one', async () => {
    const jo = await signIn(emails.A.teacher);
    const priya = await signIn('priya.shah@demo.school');
    const joDevice = await syncDevice(jo.token);
    const priyaDevice = await syncDevice(priya.token);
    const mover = demoId('child:y3:3'); // no focus child of Jo's, no group of Alex's
    const moverTarget = randomUUID();
    const senco = await signIn(emails.A.senco);
    await pushAs(senco.token, senco.deviceId, [
      {
        kind: 'patch',
        entity: 'target',
        entityId: moverTarget,
        data: makeData('target', { ...ctxIn, childId: mover }),
      },
    ]);
    await syncDevice(jo.token, joDevice.held, joDevice.state);
    expect(joDevice.held.get(moverTarget)).toBe('target');
    expect(priyaDevice.held.has(mover)).toBe(false);

    const moved = await pushAs(senco.token, senco.deviceId, [
      {
        kind: 'patch',
        entity: 'child',
        entityId: mover,
        data: { classId: demoId('class:y4'), yearGroup: 4 },
      },
    ]);
    expect(moved.results[0]?.status).toBe('applied');

    await syncDevice(jo.token, joDevice.held, joDevice.state);
    expect(joDevice.held.has(mover)).toBe(false);
    expect(joDevice.held.has(moverTarget)).toBe(false);
    // Jo keeps everything else of her class.
    expect(joDevice.held.has(demoId('child:y3:0'))).toBe(true);

    await syncDevice(priya.token, priyaDevice.held, priyaDevice.state);
    expect(priyaDevice.held.get(mover)).toBe('child');
    expect(priyaDevice.held.get(moverTarget)).toBe('target');
  });

  it("putting a child in a TA's group and taking them out again follows on the TA's device", async () => {
    // Alex supports Years 3 and 5: a Year 4 child reaches her device only
    // through one of her groups.
    const alex = await signIn(emails.A.ta);
    const device = await syncDevice(alex.token);
    const y4Child = demoId('child:y4:4');
    expect(device.held.has(y4Child)).toBe(false);
    const senco = await signIn(emails.A.senco);
    const elsa = demoId('intervention:elsa-friendship');
    const row = await db
      .selectFrom('records')
      .select('data')
      .where('school_id', '=', DEMO_SCHOOL_ID)
      .where('entity_id', '=', elsa)
      .executeTakeFirstOrThrow();
    const original = JSON.parse(row.data).childIds as string[];

    const added = await pushAs(senco.token, senco.deviceId, [
      {
        kind: 'patch',
        entity: 'intervention',
        entityId: elsa,
        data: { childIds: [...original, y4Child] },
      },
    ]);
    expect(added.results[0]?.status).toBe('applied');
    await syncDevice(alex.token, device.held, device.state);
    expect(device.held.get(y4Child)).toBe('child');

    const removed = await pushAs(senco.token, senco.deviceId, [
      { kind: 'patch', entity: 'intervention', entityId: elsa, data: { childIds: original } },
    ]);
    expect(removed.results[0]?.status).toBe('applied');
    await syncDevice(alex.token, device.held, device.state);
    expect(device.held.has(y4Child)).toBe(false);
    expect(device.held.has(elsa)).toBe(true);
  });
});
