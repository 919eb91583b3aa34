/**
 * A password hashed at an older, cheaper scrypt cost still signs in, and
 * that sign-in stores a new hash at today's cost; a wrong password changes
 * nothing. Through the real Hono app, on every database engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { hashPassword, setPasswordCostForTests } from '../../server/auth/passwords';
import type { Db } from '../../server/db/connection';
import { seedDemoSchool } from '../../server/demo/seed';
import { TEST_PASSWORD_COST } from '../setup-server';
import { testEngines } from './support';

const PASSWORD = 'rehash-password';
const EMAIL = 'teacher@demo.school';
const OLD_COST = { N: 1_024, r: 8, p: 1 };

describe.each(testEngines())('re-hashing a cheaper password hash at sign-in on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD });
    app = createApp({ db, logError: () => {}, clientAddress: () => '10.0.0.9' });
    // The teacher's hash as a server of an older, cheaper cost wrote it.
    setPasswordCostForTests(OLD_COST);
    const old = await hashPassword(PASSWORD);
    setPasswordCostForTests(TEST_PASSWORD_COST);
    await db.updateTable('staff').set({ password_hash: old }).where('email', '=', EMAIL).execute();
  });
  afterEach(() => setPasswordCostForTests(TEST_PASSWORD_COST));
  afterAll(async () => {
    await close?.();
  });

  const storedHash = async () =>
    (await db.selectFrom('staff').select('password_hash').where('email', '=', EMAIL).execute())
      .map((row) => row.password_hash)
      .join();
  const signIn = (password: string) =>
    app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password, deviceId: randomUUID() }),
    });

  it('keeps the old hash on a wrong password, and replaces it on the right one', async () => {
    expect(await storedHash()).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect((await signIn('not-the-password')).status).toBe(401);
    expect(await storedHash()).toMatch(/^scrypt\$1024\$8\$1\$/);

    expect((await signIn(PASSWORD)).status).toBe(200);
    const upgraded = await storedHash();
    expect(upgraded).toMatch(/^scrypt\$16384\$8\$1\$/);

    // Signed in again with the new hash; at today's cost it is not hashed again.
    expect((await signIn(PASSWORD)).status).toBe(200);
    expect(await storedHash()).toBe(upgraded);
  });

  it('re-hashes at the real default cost, N=2^17, when that is the cost', async () => {
    setPasswordCostForTests();
    expect((await signIn(PASSWORD)).status).toBe(200);
    expect(await storedHash()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await signIn(PASSWORD)).status).toBe(200);
  });
});
