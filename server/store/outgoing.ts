/**
 * What a pull may hand out: only changes the protocol's own schema accepts.
 *
 * Why check what goes out, not only what comes in: a device parses every
 * page it pulls, and one change it cannot parse used to fail the whole page,
 * so that device (and every device that could see the record) stopped
 * receiving anything, for good. A stored change can fail the schema without
 * any fault of the reader: it was stored before a rule was tightened, or by
 * a bug. Such a change is held back: the page goes on without it and the
 * cursor moves past it, so no one's sync stops. It is listed in
 * `held_back_changes` once, and the SENCo sees an entry in the audit log
 * naming who made it, so it can be put right.
 */
import { changeSchema } from '../../src/domain';
import type { Change } from '../../src/domain';
import type { Executor } from '../db/connection';
import { insertAuditEvents } from './audit';

export const readableChanges = async (
  db: Executor,
  schoolId: string,
  changes: readonly Change[],
  at: string,
): Promise<Change[]> => {
  const readable: Change[] = [];
  const heldBack: { seq: number; entity: string; reason: string }[] = [];
  for (const change of changes) {
    const parsed = changeSchema.safeParse(change);
    if (parsed.success) readable.push(change);
    else {
      const issue = parsed.error.issues[0];
      const reason = `${issue?.path.join('.') || 'change'}: ${issue?.message ?? 'unreadable'}`;
      heldBack.push({ seq: change.seq, entity: String(change.entity).slice(0, 40), reason });
    }
  }
  if (heldBack.length > 0) await noteHeldBack(db, schoolId, heldBack, at);
  return readable;
};

const noteHeldBack = async (
  db: Executor,
  schoolId: string,
  heldBack: readonly { seq: number; entity: string; reason: string }[],
  at: string,
): Promise<void> => {
  const known = new Set(
    (
      await db
        .selectFrom('held_back_changes')
        .select('change_seq')
        .where('school_id', '=', schoolId)
        .where(
          'change_seq',
          'in',
          heldBack.map((h) => h.seq),
        )
        .execute()
    ).map((row) => Number(row.change_seq)),
  );
  const fresh = heldBack.filter((h) => !known.has(h.seq));
  if (fresh.length === 0) return;
  await db
    .insertInto('held_back_changes')
    .values(
      fresh.map((h) => ({
        school_id: schoolId,
        change_seq: h.seq,
        entity: h.entity,
        reason: h.reason,
        found_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['school_id', 'change_seq']).doNothing())
    .execute();
  const authors = await db
    .selectFrom('changes as c')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.id', '=', 'c.staff_id').onRef('s.school_id', '=', 'c.school_id'),
    )
    .select(['c.seq', 'c.staff_id', 's.name', 'c.device_id', 'c.entity', 'c.entity_id'])
    .where('c.school_id', '=', schoolId)
    .where(
      'c.seq',
      'in',
      fresh.map((h) => h.seq),
    )
    .execute();
  const bySeq = new Map(authors.map((row) => [Number(row.seq), row]));
  await insertAuditEvents(
    db,
    fresh.flatMap((h) => {
      const author = bySeq.get(h.seq);
      if (!author) return [];
      return [
        {
          schoolId,
          at,
          staffId: author.staff_id,
          staffName: author.name,
          deviceId: author.device_id,
          action: 'change_held_back' as const,
          entity: h.entity,
          entityId: null,
          childId: null,
          detail: `Change ${h.seq} was not sent to devices because they could not read it (${h.reason}).`,
        },
      ];
    }),
  );
};
