/**
 * Sign-in accounts for staff records (SENCo and admin only); the shapes and
 * rules are documented in src/domain/staff-accounts.ts.
 *
 * Why accounts are made from synced staff records and not from the CSV on
 * the server: the roster import runs on the SENCo's device (it works
 * offline and shows a preview); the staff records reach the server by the
 * ordinary sync, and this route then only turns records into accounts.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { staffSchema, type StaffAccountResult } from '../../src/domain';
import { routes } from '../../src/domain/api';
import type { AppEnv, ResolvedDeps } from '../env';
import { MESSAGES } from '../errors';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import { hashPassword } from '../auth/passwords';
import { findStaffById, findStaffByEmailInSchool, insertStaffAccount } from '../store/staff';
import type { Executor } from '../db/connection';
import type { StaffAccount } from '../store/staff';
import { listSignInAccounts } from '../store/staff-accounts';
import { findRecord } from '../store/sync-store';
import { answer, validate } from './validation';

/** Without look-alike letters (no 0/O, 1/l/I), in groups of four: easy to read out. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const temporaryPassword = (): string => {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
};

type NewAccount = {
  staffId: string;
  name: string;
  email: string;
  role: StaffAccount['role'];
  isActive: boolean;
};

/**
 * Which of these staff records may get an account now. Every other id gets
 * its answer in `results`: `not_found` (no such staff record in this
 * school), `exists` or `email_taken`.
 */
const newAccountsFor = async (
  db: Executor,
  schoolId: string,
  staffIds: readonly string[],
  results: Map<string, StaffAccountResult>,
): Promise<NewAccount[]> => {
  const accounts: NewAccount[] = [];
  for (const staffId of staffIds) {
    const record = await findRecord(db, schoolId, 'staff', staffId);
    const parsed = record && !record.isDeleted ? staffSchema.safeParse(record.data) : undefined;
    if (!parsed?.success) {
      results.set(staffId, { staffId, status: 'not_found' });
      continue;
    }
    const { name, role, isActive } = parsed.data;
    const email = parsed.data.email.trim().toLowerCase();
    // Why only this school: staff ids and emails are unique within a school,
    // so an account in another school must answer exactly as no account.
    if (await findStaffById(db, schoolId, staffId)) {
      results.set(staffId, { staffId, status: 'exists', name, email });
      continue;
    }
    if (await findStaffByEmailInSchool(db, schoolId, email)) {
      results.set(staffId, { staffId, status: 'email_taken', name, email });
      continue;
    }
    accounts.push({ staffId, name, email, role, isActive });
  }
  return accounts;
};

export const staffAccountsRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    .use(requireAuth(deps))
    .use(requireSenco())
    .get('/', async (c) => {
      const { staff } = c.get('signedIn');
      const accounts = await listSignInAccounts(deps.db, staff.schoolId);
      return answer(c, routes.staffAccounts, { accounts });
    })
    .post(
      '/',
      validate('json', routes.createStaffAccounts.body, MESSAGES.badRequest),
      async (c) => {
        const { staff: signedIn } = c.get('signedIn');
        const staffIds = [...new Set(c.req.valid('json').staffIds)];
        const results = new Map<string, StaffAccountResult>();
        // Why check before hashing: scrypt is slow on purpose (about 35 ms
        // of CPU), so it runs only for the staff records that will get an
        // account. Ids that are unknown, already have an account or have a
        // taken email cost a database lookup, never a hash; and the request
        // schema bounds one request to STAFF_ACCOUNTS_PER_REQUEST accounts.
        const toCreate = await newAccountsFor(deps.db, signedIn.schoolId, staffIds, results);
        // Hash outside the transaction, which would otherwise hold the
        // school's writes up while scrypt runs.
        const prepared: (NewAccount & { password: string; hash: string })[] = [];
        for (const account of toCreate) {
          const password = temporaryPassword();
          prepared.push({ ...account, password, hash: await hashPassword(password) });
        }
        await deps.db.transaction().execute(async (trx) => {
          for (const { staffId, name, email, role, isActive, password, hash } of prepared) {
            // Checked again, one by one, inside the transaction: another
            // request may have made the account while this one was hashing,
            // or an earlier id in this request may have taken the email.
            const [stillNew] = await newAccountsFor(trx, signedIn.schoolId, [staffId], results);
            if (!stillNew) continue;
            await insertStaffAccount(trx, {
              id: staffId,
              schoolId: signedIn.schoolId,
              email,
              name,
              role,
              passwordHash: hash,
              isActive,
            });
            results.set(staffId, {
              staffId,
              status: 'created',
              name,
              email,
              temporaryPassword: password,
            });
          }
        });
        // Why no-store: the temporary passwords must not sit in any cache.
        c.header('Cache-Control', 'no-store');
        return answer(c, routes.createStaffAccounts, {
          results: staffIds.map((id) => results.get(id)!),
        });
      },
    );
