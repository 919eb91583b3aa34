/**
 * The school's scope version (`schools.scope_version`): a token that every
 * write able to change what a reader may see replaces, so that a scope
 * cached under the old token (scope-cache.ts) is no longer used.
 *
 * Why a random token and not a counter: a transaction that rolls back
 * takes its counter value with it, and the next write would hand out the
 * same number for a different state, so a scope computed inside the
 * rolled-back transaction could be served for it. A token is never reused.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/connection';

/** A scope version no school has held before. */
export const newScopeVersion = (): string => randomUUID();

/**
 * Gives the school a new scope version, in the transaction of a write that
 * can change what a reader may see (scope.ts, SCOPE_ENTITIES).
 */
export const moveScopeVersion = async (db: Executor, schoolId: string): Promise<void> => {
  await db
    .updateTable('schools')
    .set({ scope_version: newScopeVersion() })
    .where('id', '=', schoolId)
    .execute();
};

/** The school's scope version, as this transaction sees it. */
export const readScopeVersion = async (db: Executor, schoolId: string): Promise<string> => {
  const row = await db
    .selectFrom('schools')
    .select('scope_version')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return row.scope_version;
};
