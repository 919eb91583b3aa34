/**
 * A school from nothing: `createSchool` (what `create-school` runs) and the
 * activation of its first SENCo through the real app, on every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponseSchema, schoolSchema } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { issueActivationCode } from '../../server/store/activation';
import { createSchool, NewSchoolError } from '../../server/store/new-school';
import { setStaffActive } from '../../server/store/staff';
import { appRequests } from '../helpers/app-requests';
import { testEngines } from './support';

const START = Date.parse('2026-12-02T09:00:00.000Z');
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';

describe.each(testEngines())('a new school on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const clock = { nowMs: START };

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    app = createApp({ db, now: () => clock.nowMs, logError: () => {}, clientAddress: () => 'x' });
  });
  afterAll(async () => {
    await close?.();
  });

  const { post } = appRequests(() => app);
  const make = (email: string, name = 'Riverside Primary School') =>
    db
      .transaction()
      .execute((trx) =>
        createSchool(
          trx,
          { name, sencoEmail: email, sencoName: 'Priya Shah', urn: '123456' },
          clock.nowMs,
        ),
      );
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; message: string } }).error;

  it('tells the sign-in screen whether the server holds a school yet', async () => {
    const empty = await app.request('/api/v1/setup');
    expect(await empty.json()).toEqual({ hasSchool: false });
  });

  it('makes a school with this year and next on its calendar, and a SENCo who must activate first', async () => {
    const made = await make('Priya.Shah@Riverside.sch.uk');
    expect(made.activationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await (await app.request('/api/v1/setup')).json()).toEqual({ hasSchool: true });

    // No password works before activation, not even an empty guess of the code.
    const before = await post('/api/v1/auth/sign-in', {
      email: 'priya.shah@riverside.sch.uk',
      password: made.activationCode,
    });
    expect(before.status).toBe(401);

    const activated = await post('/api/v1/auth/activate', {
      code: made.activationCode.toLowerCase().replaceAll('-', ' '),
      password: PASSWORD,
    });
    expect(activated.status).toBe(200);
    const session = (await activated.json()) as {
      token: string;
      staff: { id: string; role: string; schoolId: string; name: string };
    };
    expect(session.staff).toEqual({
      id: made.sencoId,
      name: 'Priya Shah',
      role: 'senco',
      schoolId: made.schoolId,
    });

    // The session works like any other: the school and its calendar sync down.
    const pulled = await app.request('/api/v1/sync/pull?after=0', {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(pulled.status).toBe(200);
    const page = pullResponseSchema.parse(await pulled.json());
    const school = page.changes.find((change) => change.entity === 'school');
    const parsed = schoolSchema.parse(school?.data);
    expect(parsed.name).toBe('Riverside Primary School');
    expect(parsed.urn).toBe('123456');
    expect(parsed.terms.map((term) => term.name)).toEqual([
      'Autumn 2026',
      'Spring 2027',
      'Summer 2027',
      'Autumn 2027',
      'Spring 2028',
      'Summer 2028',
    ]);
    expect(page.changes.some((c) => c.entity === 'staff' && c.entityId === made.sencoId)).toBe(
      true,
    );

    // The password chosen now signs in; the code never works twice.
    const signIn = await post('/api/v1/auth/sign-in', {
      email: 'priya.shah@riverside.sch.uk',
      password: PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const again = await post('/api/v1/auth/activate', {
      code: made.activationCode,
      password: 'another long password',
    });
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toMatchObject({
      code: 'activation_invalid',
      message: expect.stringMatching(/used already/),
    });
    // ... and the password it would have set was not set.
    const old = await post('/api/v1/auth/sign-in', {
      email: 'priya.shah@riverside.sch.uk',
      password: PASSWORD,
    });
    expect(old.status).toBe(200);
  });

  it('refuses an unknown, expired or replaced code with a message saying what to do', async () => {
    const made = await make('senco@expiry.sch.uk', 'Expiry School');
    const unknown = await post('/api/v1/auth/activate', {
      code: 'ABCD-EFGH-JKMN-PQRS',
      password: PASSWORD,
    });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toMatch(/not right/);
    const nonsense = await post('/api/v1/auth/activate', { code: '<script>', password: PASSWORD });
    expect(nonsense.status).toBe(400);

    const reissued = await db
      .transaction()
      .execute((trx) =>
        issueActivationCode(trx, { schoolId: made.schoolId, staffId: made.sencoId }, clock.nowMs),
      );
    const replaced = await post('/api/v1/auth/activate', {
      code: made.activationCode,
      password: PASSWORD,
    });
    expect(replaced.status).toBe(400);
    expect((await errorOf(replaced)).message).toMatch(/replaced by a newer one/);

    clock.nowMs += 15 * DAY;
    try {
      const expired = await post('/api/v1/auth/activate', {
        code: reissued.code,
        password: PASSWORD,
      });
      expect(expired.status).toBe(400);
      expect((await errorOf(expired)).message).toMatch(/expired/);
    } finally {
      clock.nowMs = START;
    }
  });

  it('asks for a password of at least 10 characters, and keeps the code usable meanwhile', async () => {
    const made = await make('senco@short.sch.uk', 'Short Password School');
    const short = await post('/api/v1/auth/activate', {
      code: made.activationCode,
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toMatch(/at least 10 characters/);
    const ok = await post('/api/v1/auth/activate', {
      code: made.activationCode,
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
  });

  it('lets exactly one of two racing activations of one code through', async () => {
    const made = await make('senco@race.sch.uk', 'Race School');
    const answers = await Promise.all([
      post('/api/v1/auth/activate', { code: made.activationCode, password: 'first long password' }),
      post('/api/v1/auth/activate', {
        code: made.activationCode,
        password: 'second long password',
      }),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 400]);
  });

  it('does not bring back a deactivated person with their code', async () => {
    const made = await make('senco@left.sch.uk', 'Leavers School');
    await setStaffActive(db, made.schoolId, made.sencoId, false, new Date(START).toISOString());
    const res = await post('/api/v1/auth/activate', {
      code: made.activationCode,
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
  });

  it('refuses a request that cannot make a school, writing nothing', async () => {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('schools')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await expect(make('priya.shah@riverside.sch.uk', 'Second Riverside')).rejects.toThrow(
      /already has an account/,
    );
    await expect(
      db
        .transaction()
        .execute((trx) =>
          createSchool(
            trx,
            { name: 'Bad URN', sencoEmail: 'a@b.sch.uk', sencoName: 'A', urn: '12AB' },
            START,
          ),
        ),
    ).rejects.toBeInstanceOf(NewSchoolError);
    await expect(make('not-an-email', 'No Email School')).rejects.toThrow(/not an email/);
    expect(await count()).toBe(before);
  });
});
