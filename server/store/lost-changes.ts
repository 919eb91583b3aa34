/**
 * Who won a field: for the fields of a pushed patch that lost
 * last-writer-wins, the change that holds the winning value, its author's
 * name and when it was made. The push result carries this so the person
 * whose change lost is told on their device, by whom and when, instead of
 * only "applied" with the losing value kept in history.
 */
import { parseHlc } from '../../src/domain';
import type { LostField } from '../../src/domain';
import { inStatementChunks } from '../db/bulk';
import type { Executor } from './accounts';

/** A field of one mutation that lost, and the HLC of the value that beat it. */
export type Loss = {
  mutationId: string;
  entity: string;
  entityId: string;
  field: string;
  winnerHlc: string;
};

const keyOf = (entity: string, entityId: string, hlc: string): string =>
  `${entity}/${entityId}/${hlc}`;

/**
 * The lost fields of each mutation, by mutation id, with the winner's
 * author and time. Reads the change log once per chunk; run it after the
 * batch's own changes are written, so a winner written earlier in the same
 * batch is found too. A winner the log does not hold (it cannot happen
 * through sync, but records may come from elsewhere) is reported without
 * an author rather than left out: the person still learns their change lost.
 */
export const describeLosses = async (
  db: Executor,
  schoolId: string,
  losses: readonly Loss[],
): Promise<Map<string, LostField[]>> => {
  const described = new Map<string, LostField[]>();
  if (losses.length === 0) return described;
  const authors = new Map<string, { staffId: string; name: string | null }>();
  const entities = [...new Set(losses.map((loss) => loss.entity))];
  // Two values a loss (its record id and the winner's HLC) and the entities.
  for (const chunk of inStatementChunks(losses, 2, entities.length + 1)) {
    const rows = await db
      .selectFrom('changes')
      .leftJoin('staff', (join) =>
        join
          .onRef('staff.id', '=', 'changes.staff_id')
          .onRef('staff.school_id', '=', 'changes.school_id'),
      )
      .select([
        'changes.entity',
        'changes.entity_id',
        'changes.hlc',
        'changes.staff_id',
        'staff.name',
      ])
      .where('changes.school_id', '=', schoolId)
      .where('changes.entity', 'in', entities)
      .where('changes.entity_id', 'in', [...new Set(chunk.map((loss) => loss.entityId))])
      .where('changes.hlc', 'in', [...new Set(chunk.map((loss) => loss.winnerHlc))])
      .execute();
    for (const row of rows) {
      authors.set(keyOf(row.entity, row.entity_id, row.hlc), {
        staffId: row.staff_id,
        name: row.name,
      });
    }
  }
  for (const loss of losses) {
    const author = authors.get(keyOf(loss.entity, loss.entityId, loss.winnerHlc));
    const wallMs = parseHlc(loss.winnerHlc)?.wallMs;
    const field: LostField = {
      field: loss.field,
      ...(author?.name ? { by: { staffId: author.staffId, name: author.name } } : {}),
      ...(wallMs === undefined ? {} : { at: new Date(wallMs).toISOString() }),
    };
    described.set(loss.mutationId, [...(described.get(loss.mutationId) ?? []), field]);
  }
  return described;
};
