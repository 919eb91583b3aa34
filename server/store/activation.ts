/**
 * Activation codes: how a member of staff gets their first password. The
 * SENCo (or `create-school`, for the first SENCo) is handed a code to pass
 * on; the person types it with a password of their own choosing, once,
 * within 14 days. Only a code's SHA-256 is kept, so a copy of the database
 * cannot activate anyone.
 *
 * Why codes and not temporary passwords: a temporary password works until
 * somebody changes it, and is often never changed; a code works once, ends
 * on its own, and the password it sets is known only to its owner.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Executor } from '../db/connection';

export const ACTIVATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** Crockford's base32: no I, L, O or U, so a code read aloud or off paper is typed right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

/** A new code, `XXXX-XXXX-XXXX-XXXX`: 80 random bits, beyond guessing under any rate limit. */
export const newActivationCode = (): string => {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
};

/**
 * A code as typed, made canonical: case, spaces and dashes do not matter,
 * and the letters people mistake for digits (O, I, L) are read as them.
 * Anything else that is not in the alphabet makes no code at all.
 */
export const normaliseActivationCode = (typed: string): string | undefined => {
  const canonical = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (canonical.length !== CODE_LENGTH) return undefined;
  return [...canonical].every((char) => ALPHABET.includes(char)) ? canonical : undefined;
};

const hashCode = (canonical: string): string =>
  createHash('sha256').update(`activation:${canonical}`, 'utf8').digest('hex');

/**
 * Gives a member of staff a new code and ends any code they were given
 * before and have not used (a re-issued slip replaces the lost one).
 */
export const issueActivationCode = async (
  db: Executor,
  staff: { schoolId: string; staffId: string },
  nowMs: number,
): Promise<{ code: string; expiresAt: string }> => {
  const code = newActivationCode();
  const at = new Date(nowMs).toISOString();
  const expiresAt = new Date(nowMs + ACTIVATION_LIFETIME_MS).toISOString();
  await db
    .updateTable('activation_codes')
    .set({ ended_at: at, ended_because: 'replaced' })
    .where('school_id', '=', staff.schoolId)
    .where('staff_id', '=', staff.staffId)
    .where('ended_at', 'is', null)
    .execute();
  await db
    .insertInto('activation_codes')
    .values({
      code_hash: hashCode(normaliseActivationCode(code)!),
      school_id: staff.schoolId,
      staff_id: staff.staffId,
      created_at: at,
      expires_at: expiresAt,
      ended_at: null,
      ended_because: null,
    })
    .execute();
  return { code, expiresAt };
};

export type Redemption =
  | { ok: true; schoolId: string; staffId: string }
  | { ok: false; reason: 'unknown' | 'used' | 'replaced' | 'expired' };

/**
 * Uses a code, in the caller's transaction: it ends here whatever the
 * caller then does, so it can never work twice (two people racing with one
 * code: the UPDATE's `ended_at is null` lets exactly one through).
 */
export const redeemActivationCode = async (
  db: Executor,
  typed: string,
  nowMs: number,
): Promise<Redemption> => {
  const canonical = normaliseActivationCode(typed);
  if (!canonical) return { ok: false, reason: 'unknown' };
  const codeHash = hashCode(canonical);
  const row = await db
    .selectFrom('activation_codes')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.ended_at !== null) {
    return { ok: false, reason: row.ended_because === 'replaced' ? 'replaced' : 'used' };
  }
  const at = new Date(nowMs).toISOString();
  if (row.expires_at <= at) return { ok: false, reason: 'expired' };
  const ended = await db
    .updateTable('activation_codes')
    .set({ ended_at: at, ended_because: 'used' })
    .where('code_hash', '=', codeHash)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (Number(ended.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
  return { ok: true, schoolId: row.school_id, staffId: row.staff_id };
};
