/**
 * A hostile client, property-tested on every database engine: signed-in
 * staff of each role send random pushes, built from everything a client of
 * their own could put in one (any device id, in any case; any seq; HLCs from
 * year 0000 to 9999 naming any device; known and unknown entities; other
 * people's record ids; data with NUL, lone surrogates, huge numbers, deep
 * nesting and wrong references). After every push:
 *
 * - the server never answered 5xx;
 * - a real colleague's device (Jo Hughes's tablet) still pushes a tick,
 *   which is applied, and pulls pages that the protocol's schema accepts;
 * - a SENCo's device still pulls pages the schema accepts;
 * - every change the push wrote is the pusher's own (their staff id, their
 *   session's device), so what anyone else sees changed only through
 *   records the pusher may write;
 * - the colleague's device counter on the server did not move.
 *
 *   HOSTILE_RUNS=2000 (default)   pushes per engine
 *   HOSTILE_RUNS=50000            the long run (`npm run test:hostile`)
 *   HOSTILE_SEED=<n> [HOSTILE_PATH=<p>]  replay a failure (fast-check prints both)
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatHlc,
  pullResponseSchema,
  pushResponseSchema,
  PROTOCOL_VERSION,
} from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import { testEngines } from './support';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 2000);
const SEED = process.env.HOSTILE_SEED === undefined ? undefined : Number(process.env.HOSTILE_SEED);
const PATH = process.env.HOSTILE_PATH;
const PASSWORD = 'hostile-client-password';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

type Session = { token: string; deviceId: string; staffId: string; seq: number; cursor: number };

describe.each(testEngines())('a hostile client on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: NOW };
  const serverErrors: unknown[] = [];
  let attackers: Session[] = [];
  let jo: Session;
  let senco: Session;
  // Records of every kind that exist, to aim at: Jo's child and target,
  // another class's child, a group and its session.
  const joChild = demoId('child:y3:1');
  const joTarget = demoId(`target:${joChild}:1`);
  const otherChild = demoId('child:y4:1');
  const otherTarget = demoId(`target:${otherChild}:1`);
  let knownIds: string[] = [];

  const request = (method: string, path: string, body?: unknown, token?: string) =>
    app.request(path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  const signIn = async (email: string): Promise<Session> => {
    const res = await request('POST', '/api/v1/auth/sign-in', {
      email,
      password: PASSWORD,
      deviceId: randomUUID(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; deviceId: string; staff: { id: string } };
    return {
      token: body.token,
      deviceId: body.deviceId,
      staffId: body.staff.id,
      seq: 0,
      cursor: 0,
    };
  };

  /** Pulls to the end from the session's cursor; the page must parse as a device would. */
  const pullToEnd = async (session: Session): Promise<void> => {
    for (;;) {
      const res = await request(
        'GET',
        `/api/v1/sync/pull?after=${session.cursor}&limit=1000`,
        undefined,
        session.token,
      );
      expect(res.status, 'pull').toBe(200);
      const parsed = pullResponseSchema.safeParse(await res.json());
      if (!parsed.success) throw new Error(`a pull page did not parse: ${parsed.error.message}`);
      const previous = session.cursor;
      session.cursor = parsed.data.cursor;
      if (!parsed.data.hasMore || (parsed.data.cursor <= previous && !parsed.data.restart)) return;
    }
  };

  /** The device's counter as the server holds it (what `GET /sync/device` answers). */
  const lastSeqOf = async (session: Session): Promise<number> => {
    const row = await db
      .selectFrom('applied_mutations')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('device_id', '=', session.deviceId)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  };

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: NOW - 86_400_000 });
    app = createApp({
      db,
      now: () => clock.nowMs,
      logError: (_message, error) => serverErrors.push(error),
    });
    attackers = await Promise.all(
      ['senco@demo.school', 'priya.shah@demo.school', 'ta@demo.school', 'teacher@demo.school'].map(
        signIn,
      ),
    );
    jo = await signIn('teacher@demo.school');
    senco = await signIn('senco@demo.school');
    await pullToEnd(jo);
    await pullToEnd(senco);
    const some = await db
      .selectFrom('records')
      .select('entity_id')
      .where('entity', 'in', ['intervention', 'interventionSession', 'lesson', 'focusChild'])
      .limit(6)
      .execute();
    // Why not Jo's child or the target she ticks: a SENCo may delete them,
    // and then her tick is rightly refused. Every other record is a mark.
    knownIds = [
      demoId('child:y3:4'),
      demoId(`target:${demoId('child:y3:4')}:0`),
      otherChild,
      otherTarget,
      ...some.map((r) => r.entity_id),
    ];
  });
  afterAll(async () => {
    await close?.();
  });

  // ---------------------------------------------------------------- what a hostile push holds

  const nastyString = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfffy',
      '=HYPERLINK("x")',
      '<script>alert(1)</script>',
      "ROBERT'); DROP TABLE records;--",
      '__proto__',
      'constructor',
      '',
      ' ',
      '9999-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '2026-13-45',
      'x'.repeat(5_000),
    ),
  );
  const nastyNumber = fc.oneof(
    fc.integer(),
    fc.constantFrom(0, -1, 1e21, -1e21, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e308, 0.5, -0),
  );
  const idLike = (own: string) =>
    fc.oneof(
      fc.uuid().map((u) => u.toLowerCase()),
      fc.constantFrom(...knownIds),
      fc.constantFrom(...knownIds).map((id) => id.toUpperCase()),
      fc.constant('00000000-0000-0000-0000-000000000000'),
      fc.constant(own),
      fc.constant(own.toUpperCase()),
      fc.constant(jo.deviceId),
      nastyString,
    );
  const nastyValue = (own: string): fc.Arbitrary<unknown> =>
    fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        nastyString,
        nastyNumber,
        fc.boolean(),
        fc.constant(null),
        idLike(own),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(nastyString, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
  const FIELDS = [
    'childId',
    'targetId',
    'lessonId',
    'outcome',
    'recordedAt',
    'interventionId',
    'attendance',
    'date',
    'value',
    'text',
    'classId',
    'staffId',
    'role',
    'email',
    'name',
    'firstName',
    'lastName',
    'yearGroup',
    'note',
    'supersedesId',
    '\u0000',
    'a\u0000',
    '__proto__',
  ];
  const dataArb = (own: string) =>
    fc.oneof(
      // A plausible tick about someone's child, with one field spoilt.
      fc.record({
        targetId: fc.constantFrom(joTarget, otherTarget),
        childId: fc.constantFrom(joChild, otherChild),
        outcome: fc.constantFrom('achieved', 'partly', 'not_yet', 'ACHIEVED'),
        recordedAt: fc.constantFrom(
          new Date(NOW).toISOString(),
          '9999-12-31T23:59:59.999Z',
          '0000-01-01T00:00:00.000Z',
        ),
      }),
      fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), nastyString), nastyValue(own), {
        maxKeys: 6,
      }),
    );
  const hlcArb = (own: string) =>
    fc.oneof(
      fc
        .tuple(
          fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
          fc.integer({ min: 0, max: 0xffff }),
          fc.constantFrom(own, jo.deviceId, senco.deviceId, randomUUID()),
        )
        .map(([wallMs, counter, deviceId]) => formatHlc({ wallMs, counter, deviceId })),
      fc.constantFrom(
        formatHlc({ wallMs: NOW, counter: 0, deviceId: own }),
        formatHlc({ wallMs: NOW + 3 * 86_400_000, counter: 0, deviceId: own }),
        `${new Date(NOW).toISOString()}-0000-${own.toUpperCase()}`,
        '0000-01-01T00:00:00.000Z-0000-' + own,
      ),
      nastyString,
    );
  // Why weights: a push whose envelope is malformed is refused whole (400)
  // before anything is read, so most pushes must get past it to reach the
  // rules behind it; one part in ten or so is spoilt.
  const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });
  const mutationArb = (own: string) =>
    fc.record({
      id: mostly(fc.uuid(), idLike(own)),
      deviceId: mostly(
        fc.oneof({ weight: 4, arbitrary: fc.constant(own) }, fc.constant(own.toUpperCase())),
        idLike(own),
      ),
      seq: mostly(fc.integer({ min: 1, max: 1_000 }), nastyNumber),
      hlc: mostly(
        fc
          .integer({ min: -5_000_000, max: 5 * 86_400_000 })
          .map((offset) => formatHlc({ wallMs: clock.nowMs + offset, counter: 0, deviceId: own })),
        hlcArb(own),
      ),
      kind: mostly(fc.constantFrom('event', 'patch', 'delete'), fc.constantFrom('EVENT', 'merge')),
      entity: fc.constantFrom(
        'tick',
        'target',
        'child',
        'interventionSession',
        'intervention',
        'assessmentScore',
        'staff',
        'focusChild',
        'TICK',
        'homework',
        '__proto__',
      ),
      entityId: mostly(fc.oneof(fc.uuid(), fc.constantFrom(...knownIds)), idLike(own)),
      data: fc.option(dataArb(own), { nil: undefined }),
    });
  const pushArb = fc.integer({ min: 0, max: 3 }).chain((who) =>
    fc.record({
      who: fc.constant(who),
      envelopeDevice: fc.oneof(
        { weight: 6, arbitrary: fc.constant('own') },
        { weight: 2, arbitrary: fc.constant('upper') },
        { weight: 1, arbitrary: fc.constantFrom('victim', 'random') },
      ),
      mutations: fc.array(mutationArb(attackers[who]!.deviceId), { minLength: 1, maxLength: 4 }),
      raw: fc.oneof(
        { weight: 30, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: nastyString },
      ),
    }),
  );

  // Why these by name as well as in the fuzzing above: the fields a batch
  // reads records by, before any change's schema is checked, once let a NUL
  // through to PostgreSQL (a 500) on one run in many. Every such field, on
  // every change that has it, with every id no schema would take.
  it('refuses, without a server error, a change naming records by ids that are not ids', async () => {
    const attacker = attackers[0]!;
    const readFields: Record<string, string[]> = {
      tick: ['childId', 'targetId', 'supersedesId'],
      interventionSession: ['interventionId', 'supersedesId'],
      assessmentScore: ['childId', 'interventionId', 'supersedesId'],
      review: ['childId', 'planId', 'supersedesId', 'targetOutcomes'],
      target: ['planId', 'parentTargetId'],
    };
    const notIds = ['\u0000', 'a\u0000b', '\ud800', 'x'.repeat(5_000), '', 42, { id: 'x' }];
    for (const [entity, fields] of Object.entries(readFields)) {
      for (const field of fields) {
        for (const bad of notIds) {
          attacker.seq += 1;
          clock.nowMs += 1_000;
          const value = field === 'targetOutcomes' ? [{ targetId: bad, outcome: 'met' }] : bad;
          const res = await request(
            'POST',
            '/api/v1/sync/push',
            {
              protocolVersion: PROTOCOL_VERSION,
              deviceId: attacker.deviceId,
              mutations: [
                {
                  id: randomUUID(),
                  deviceId: attacker.deviceId,
                  seq: attacker.seq,
                  hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId: attacker.deviceId }),
                  kind: 'event',
                  entity,
                  entityId: randomUUID(),
                  data: { childId: joChild, [field]: value },
                },
              ],
            },
            attacker.token,
          );
          const label = `${entity}.${field} = ${JSON.stringify(bad).slice(0, 20)}`;
          expect(res.status, `${label}: ${JSON.stringify(serverErrors.at(-1) ?? '')}`).toBe(200);
          const answer = pushResponseSchema.parse(await res.json());
          expect(answer.results[0]?.status, label).toBe('rejected');
        }
      }
    }
  });

  it(`keeps every colleague's sync working over ${RUNS} hostile pushes`, async () => {
    const started = Date.now();
    let statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(pushArb, async ({ who, envelopeDevice, mutations, raw }) => {
        const attacker = attackers[who]!;
        clock.nowMs += 1_000;
        const joSeqBefore = await lastSeqOf(jo);
        const head = await db
          .selectFrom('schools')
          .select('change_seq')
          .where('id', '=', demoId('school'))
          .executeTakeFirstOrThrow();
        const deviceId =
          envelopeDevice === 'own'
            ? attacker.deviceId
            : envelopeDevice === 'upper'
              ? attacker.deviceId.toUpperCase()
              : envelopeDevice === 'victim'
                ? jo.deviceId
                : randomUUID();
        const body = raw ?? { protocolVersion: PROTOCOL_VERSION, deviceId, mutations };
        const res = await request('POST', '/api/v1/sync/push', body, attacker.token);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, JSON.stringify(serverErrors.at(-1) ?? '')).toBeLessThan(500);
        await res.text();

        // Every change the push wrote is the attacker's own.
        const written = await db
          .selectFrom('changes')
          .select(['staff_id', 'device_id'])
          .where('school_id', '=', demoId('school'))
          .where('seq', '>', Number(head.change_seq))
          .execute();
        for (const row of written) {
          expect(row).toEqual({ staff_id: attacker.staffId, device_id: attacker.deviceId });
        }
        expect(await lastSeqOf(jo)).toBe(joSeqBefore);

        // Jo's tablet pushes a real tick and pulls; so does the SENCo's.
        jo.seq += 1;
        const tick = {
          id: randomUUID(),
          deviceId: jo.deviceId,
          seq: jo.seq,
          hlc: formatHlc({ wallMs: clock.nowMs, counter: 0, deviceId: jo.deviceId }),
          kind: 'event',
          entity: 'tick',
          entityId: randomUUID(),
          data: {
            targetId: joTarget,
            childId: joChild,
            outcome: 'achieved',
            recordedAt: new Date(clock.nowMs).toISOString(),
          },
        };
        const pushed = await request(
          'POST',
          '/api/v1/sync/push',
          { protocolVersion: PROTOCOL_VERSION, deviceId: jo.deviceId, mutations: [tick] },
          jo.token,
        );
        expect(pushed.status).toBe(200);
        const answer = pushResponseSchema.parse(await pushed.json());
        expect(answer.results[0]).toMatchObject({ status: 'applied' });
        await pullToEnd(jo);
        await pullToEnd(senco);
      }),
      {
        numRuns: RUNS,
        ...(SEED === undefined ? {} : { seed: SEED }),
        ...(PATH === undefined ? {} : { path: PATH }),
      },
    );
    console.log(
      `hostile client on ${engine.name}: ${RUNS} pushes in ${Math.round((Date.now() - started) / 1000)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    statuses = new Map();
  }, 1_800_000);
});
