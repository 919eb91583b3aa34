/**
 * The school's change counter (`schools.change_seq`), which numbers every
 * change a pull hands out, and the school's write lock, which is a lock on
 * that same row. Both live here because the one guarantees the other: the
 * numbers are in commit order only because writers hold the lock.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/connection';
import { toNumber } from '../db/schema';

/**
 * Hands out the school's next change number.
 *
 * Why a counter row per school and not a global sequence: on PostgreSQL the
 * row lock this UPDATE takes is held until the transaction commits, so within
 * one school change numbers are handed out in commit order, and a pull reader
 * can never skip a row that commits later with a lower number (a plain
 * sequence would allow exactly that). SQLite serialises writers anyway.
 */
export const nextChangeSeq = async (db: Executor, schoolId: string): Promise<number> => {
  const row = await db
    .updateTable('schools')
    .set({ change_seq: sql<number>`change_seq + 1` })
    .where('id', '=', schoolId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  return toNumber(row.change_seq);
};

/**
 * Takes the school's write lock for the rest of the transaction (a no-op
 * UPDATE of its row) and returns the school's change counter as it stands.
 * Why: every read a push makes (is this id a duplicate, what does the record
 * hold now) must see the writes of a push that committed just before it, or
 * two devices patching the same record at once could overwrite each other's
 * fields on PostgreSQL. Pushes to one school therefore run one after
 * another; different schools never wait for each other. On SQLite this
 * starts the write transaction straight away.
 */
export const lockSchoolForWrite = async (db: Executor, schoolId: string): Promise<number> => {
  const row = await db
    .updateTable('schools')
    .set({ change_seq: sql<number>`change_seq` })
    .where('id', '=', schoolId)
    .returning('change_seq')
    .executeTakeFirst();
  if (!row) throw new Error(`No school ${schoolId}`);
  return toNumber(row.change_seq);
};

/**
 * Moves the school's change counter to `seq`, the last change number a batch
 * handed out. Only under the lock `lockSchoolForWrite` took in the same
 * transaction, so the numbers stay in commit order (see `nextChangeSeq`).
 */
export const setChangeSeq = async (db: Executor, schoolId: string, seq: number): Promise<void> => {
  await db.updateTable('schools').set({ change_seq: seq }).where('id', '=', schoolId).execute();
};

export const getChangeSeq = async (db: Executor, schoolId: string): Promise<number> => {
  const row = await db
    .selectFrom('schools')
    .select('change_seq')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return toNumber(row.change_seq);
};
