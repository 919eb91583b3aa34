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
import {
  createStaffAccountsRequestSchema,
  staffSchema,
  type StaffAccountResult,
} from '../../src/domain';
import type { AppEnv, ResolvedDeps } from '../env';
import { MESSAGES } from '../errors';
import { requireAuth } from '../auth/middleware';
import { requireSenco } from '../auth/require-role';
import { hashPassword } from '../auth/passwords';
import { findStaffByEmail, insertStaffAccount } from '../store/accounts';
import { findRecord } from '../store/sync-store';
import { validate } from './validation';

/** Without look-alike letters (no 0/O, 1/l/I), in groups of four: easy to read out. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const temporaryPassword = (): string => {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
};

export const staffAccountsRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>()
    .use(requireAuth(deps))
    .use(requireSenco())
    .get('/', async (c) => {
      const { staff } = c.get('signedIn');
      const rows = await deps.db
        .selectFrom('staff')
        .select(['id', 'email', 'role', 'is_active'])
        .where('school_id', '=', staff.schoolId)
        .orderBy('email')
        .execute();
      return c.json(
        {
          accounts: rows.map((row) => ({
            staffId: row.id,
            email: row.email,
            role: row.role,
            isActive: row.is_active === 1,
          })),
        },
        200,
      );
    })
    .post(
      '/',
      validate('json', createStaffAccountsRequestSchema, MESSAGES.badRequest),
      async (c) => {
        const { staff: signedIn } = c.get('signedIn');
        const { staffIds } = c.req.valid('json');
        const results: StaffAccountResult[] = [];
        // Hash outside the transaction: scrypt is slow on purpose.
        const prepared: { staffId: string; password: string; hash: string }[] = [];
        for (const staffId of [...new Set(staffIds)]) {
          const password = temporaryPassword();
          prepared.push({ staffId, password, hash: await hashPassword(password) });
        }
        await deps.db.transaction().execute(async (trx) => {
          for (const { staffId, password, hash } of prepared) {
            const record = await findRecord(trx, signedIn.schoolId, 'staff', staffId);
            const parsed =
              record && !record.isDeleted ? staffSchema.safeParse(record.data) : undefined;
            if (!parsed?.success) {
              results.push({ staffId, status: 'not_found' });
              continue;
            }
            const { name, role, isActive } = parsed.data;
            const email = parsed.data.email.trim().toLowerCase();
            const existing = await trx
              .selectFrom('staff')
              .select(['id'])
              .where('id', '=', staffId)
              .executeTakeFirst();
            if (existing) {
              results.push({ staffId, status: 'exists', name, email });
              continue;
            }
            if (await findStaffByEmail(trx, email)) {
              results.push({ staffId, status: 'email_taken', name, email });
              continue;
            }
            await insertStaffAccount(trx, {
              id: staffId,
              schoolId: signedIn.schoolId,
              email,
              name,
              role,
              passwordHash: hash,
              isActive,
            });
            results.push({
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
        return c.json({ results }, 200);
      },
    );
