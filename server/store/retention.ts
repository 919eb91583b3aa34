/**
 * How long a school keeps a child who left (`schools.left_retention_months`;
 * null keeps them until erased by hand). Erasing the leavers past it is
 * child-record.ts's job.
 */
import type { Executor } from '../db/connection';

export const getLeftRetentionMonths = async (
  db: Executor,
  schoolId: string,
): Promise<number | null> => {
  const row = await db
    .selectFrom('schools')
    .select('left_retention_months')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return row.left_retention_months;
};

export const setLeftRetentionMonths = async (
  db: Executor,
  schoolId: string,
  months: number | null,
): Promise<void> => {
  await db
    .updateTable('schools')
    .set({ left_retention_months: months })
    .where('id', '=', schoolId)
    .execute();
};
