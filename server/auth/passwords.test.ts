import { scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD_COST } from '../../tests/setup-server';
import {
  getDummyHash,
  hashPassword,
  needsRehash,
  PASSWORD_COST,
  setPasswordCostForTests,
  verifyPassword,
} from './passwords';

/** A hash as an older server wrote it, at a cost of its time. */
const oldHash = (password: string, N: number, r = 8, p = 1): string => {
  const salt = Buffer.from('0123456789abcdef');
  const key = scryptSync(password, salt, 32, { N, r, p, maxmem: 256 * N * r * p });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
};
import { hashToken, newSessionToken } from './tokens';

describe('password hashing', () => {
  afterEach(() => setPasswordCostForTests(TEST_PASSWORD_COST));

  it("hashes at OWASP's scrypt cost, N=2^17, r=8, p=1, by default", async () => {
    expect(PASSWORD_COST).toEqual({ N: 131_072, r: 8, p: 1 });
    setPasswordCostForTests();
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('still verifies hashes made at a lower cost, and says they need a new hash', async () => {
    setPasswordCostForTests();
    for (const stored of [oldHash('old one', 16_384), oldHash('old one', 1_024, 4)]) {
      expect(await verifyPassword('old one', stored)).toBe(true);
      expect(await verifyPassword('old two', stored)).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
    expect(needsRehash(oldHash('x', 2 ** 17, 8, 1))).toBe(false);
    expect(needsRehash('plain-text')).toBe(false);
  });

  it('refuses to run a stored cost that is not scrypt-shaped or would take over 512 MiB', async () => {
    const good = oldHash('x', 1_024);
    const [, , r, p, salt, key] = good.split('$');
    for (const N of [1_000, 1, 2 ** 20]) {
      expect(await verifyPassword('x', ['scrypt', N, r, p, salt, key].join('$'))).toBe(false);
    }
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
  });

  it('salts every hash, so the same password hashes differently', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$abc$short')).toBe(false);
  });

  it('has a dummy hash that no ordinary password matches', async () => {
    expect(await verifyPassword('', await getDummyHash())).toBe(false);
  });
});

describe('session tokens', () => {
  it('are random, url-safe and stored only as a SHA-256 hex digest', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
