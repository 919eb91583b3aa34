/**
 * Password hashing with scrypt from node:crypto: memory-hard, no native
 * add-on. Stored as `scrypt$N$r$p$<salt b64url>$<hash b64url>` so the cost can
 * be raised later and old hashes still verify; `needsRehash` tells sign-in
 * when a stored hash is cheaper than today's cost, to hash it again.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export type PasswordCost = { N: number; r: number; p: number };

/**
 * OWASP's scrypt minimum: N=2^17, r=8, p=1, about 128 MiB and 150-300 ms a
 * hash. Why the memory is not a worry: node:crypto runs scrypt on libuv's
 * thread pool (4 threads), so at most four hashes hold memory at once.
 */
export const PASSWORD_COST: PasswordCost = { N: 2 ** 17, r: 8, p: 1 };

let currentCost: PasswordCost = PASSWORD_COST;

/**
 * Tests only: hash at a cheaper cost so suites that create many accounts stay
 * fast (tests/setup-server.ts); no argument restores PASSWORD_COST. Nothing
 * outside tests calls it, and no setting reaches it.
 */
export const setPasswordCostForTests = (cost?: PasswordCost): void => {
  currentCost = cost ?? PASSWORD_COST;
  dummyHash = undefined;
};

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Above this a stored hash is refused rather than run: 512 MiB (N=2^18 at r=8). */
const MAX_SCRYPT_BYTES = 512 * 1024 * 1024;

/** scrypt needs 128*N*r*p bytes; node's default maxmem (32 MiB) is below OWASP's cost. */
const maxmemFor = ({ N, r, p }: PasswordCost): number => 128 * N * r * p + 16 * 1024 * 1024;

const scrypt = (password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { ...cost, maxmem: maxmemFor(cost) };
    scryptCallback(password, salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export const hashPassword = async (password: string): Promise<string> => {
  const cost = currentCost;
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost);
  return [
    'scrypt',
    cost.N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
};

type Parsed = { cost: PasswordCost; salt: Buffer; expected: Buffer };

const parse = (stored: string): Parsed | undefined => {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return undefined;
  // N must be a power of two above 1 (scrypt's own rule).
  if (N < 2 || (N & (N - 1)) !== 0 || 128 * N * r * p > MAX_SCRYPT_BYTES) return undefined;
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return undefined;
  return { cost: { N, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), expected };
};

/** True when `password` matches `stored`; a malformed hash never matches. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.expected);
};

/**
 * True when `stored` was hashed at a lower cost than today's in any of N, r
 * or p, so a sign-in that just proved the password should store a new hash.
 */
export const needsRehash = (stored: string): boolean => {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { cost } = parsed;
  return cost.N < currentCost.N || cost.r < currentCost.r || cost.p < currentCost.p;
};

let dummyHash: Promise<string> | undefined;
/**
 * A real hash of a random password. Why: verifying against it when the email
 * is unknown makes a wrong email take as long as a wrong password, so sign-in
 * does not reveal which accounts exist.
 */
export const getDummyHash = (): Promise<string> =>
  (dummyHash ??= hashPassword(randomBytes(16).toString('base64url')));
