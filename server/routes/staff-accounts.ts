/**
 * Sign-in accounts for staff records (SENCo and admin only), each with an
 * activation code to hand over, and fresh codes for a lost slip; the shapes
 * and rules are documented in src/domain/staff-accounts.ts, codes in
 * server/store/activation.ts.
 *
 * Why accounts are made from synced staff records and not from the CSV on
 * the server: the roster import runs on the SENCo's device (it works
 * offline and shows a preview); the staff records reach the server by the
 * ordinary sync, and this route then only turns records into accounts.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { ERROR_CODES, staffSchema, type StaffAccountResult } from '../../src/domain';
import { routes } from '../../src/domain/api';
import type { AppEnv, ResolvedDeps } from '../env';
import { jsonError, MESSAGES, rateLimited } from '../errors';
import { createLimiter } from '../auth/rate-limit';
import { issueActivationCode } from '../store/activation';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import { hashPassword } from '../auth/passwords';
import { findStaffById, findStaffByEmailInSchool, insertStaffAccount } from '../store/staff';
import type { Executor } from '../db/connection';
import type { StaffAccount } from '../store/staff';
import { listSignInAccounts } from '../store/staff-accounts';
import { findRecord } from '../store/sync-store';
import { answer, validate } from './validation';

/**
 * Account and code requests per signed-in SENCo. Why a limit: each new
 * account costs a slow password hash, and a stolen SENCo session should not
 * be able to mint codes without end; a school adds a few dozen staff at a
 * time (in requests of up to STAFF_ACCOUNTS_PER_REQUEST).
 */
export const STAFF_ACCOUNTS_LIMIT = { max: 60, windowMs: 15 * 60_000 } as const;

/**
 * A password nobody is told, for a new account until its owner activates it.
 * Why not an empty hash: sign-in must take the same path and time for every
 * account, activated or not.
 */
const unusablePassword = (): string => randomBytes(24).toString('base64url');

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

const MESSAGES_ACCOUNTS = {
  deactivated:
    'This person is deactivated. Reactivate them first, then issue a new activation code.',
} as const;

export const staffAccountsRoutes = (deps: ResolvedDeps) => {
  const perSenco = createLimiter(STAFF_ACCOUNTS_LIMIT, deps.now);
  return new Hono<AppEnv>()
    .use(requireAuth(deps))
    .use(requireSenco())
    .post('*', async (c, next) => {
      const key = c.get('signedIn').staff.id;
      const wait = perSenco.retryAfterMs(key);
      if (wait > 0) return rateLimited(c, wait);
      perSenco.hit(key);
      await next();
    })
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
        const prepared: (NewAccount & { hash: string })[] = [];
        for (const account of toCreate) {
          prepared.push({ ...account, hash: await hashPassword(unusablePassword()) });
        }
        const nowMs = deps.now();
        await deps.db.transaction().execute(async (trx) => {
          for (const { staffId, name, email, role, isActive, hash } of prepared) {
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
            const code = await issueActivationCode(
              trx,
              { schoolId: signedIn.schoolId, staffId },
              nowMs,
            );
            results.set(staffId, {
              staffId,
              status: 'created',
              name,
              email,
              activationCode: code.code,
              activationExpiresAt: code.expiresAt,
            });
          }
        });
        // Why no-store: the activation codes must not sit in any cache.
        c.header('Cache-Control', 'no-store');
        return answer(c, routes.createStaffAccounts, {
          results: staffIds.map((id) => results.get(id)!),
        });
      },
    )
    .post(
      '/:id/activation-code',
      validate('param', routes.newActivationCode.params, MESSAGES.notFound),
      async (c) => {
        const { staff: signedIn } = c.get('signedIn');
        const { id } = c.req.valid('param');
        const outcome = await deps.db.transaction().execute(async (trx) => {
          // Narrowed by the SENCo's own school: another school's id answers
          // exactly as an id that does not exist.
          const account = await findStaffById(trx, signedIn.schoolId, id);
          if (!account) return 'not_found' as const;
          if (!account.isActive) return 'deactivated' as const;
          // Ends any unused earlier code of theirs (a re-issued slip replaces the lost one).
          return issueActivationCode(trx, { schoolId: signedIn.schoolId, staffId: id }, deps.now());
        });
        if (outcome === 'not_found') {
          return jsonError(c, 404, ERROR_CODES.notFound, MESSAGES.notFound);
        }
        if (outcome === 'deactivated') {
          return jsonError(c, 400, ERROR_CODES.badRequest, MESSAGES_ACCOUNTS.deactivated);
        }
        c.header('Cache-Control', 'no-store');
        return answer(c, routes.newActivationCode, {
          staffId: id,
          activationCode: outcome.code,
          activationExpiresAt: outcome.expiresAt,
        });
      },
    );
};
