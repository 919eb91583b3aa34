/**
 * The schools table's own rows: how many schools there are (the first-run
 * set-up asks) and a new school's row. The columns other jobs keep on the
 * school's row have their own modules: the change counter and write lock
 * (change-counter.ts) and the scope version (scope-version.ts).
 */
import type { Executor } from '../db/connection';
import { toNumber } from '../db/schema';
import { newScopeVersion } from './scope-version';

export const countSchools = async (db: Executor): Promise<number> => {
  const row = await db
    .selectFrom('schools')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
};

export const insertSchool = async (
  db: Executor,
  school: { id: string; name: string; createdAt: string },
): Promise<void> => {
  await db
    .insertInto('schools')
    .values({
      id: school.id,
      name: school.name,
      created_at: school.createdAt,
      scope_version: newScopeVersion(),
    })
    .execute();
};
