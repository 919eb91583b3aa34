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
import type { Executor } from '../db/connection';
import { findRecordRows } from './sync-store';

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

/** A patch answered "duplicate": sent again by the device that made it. */
export type Repeat = { mutationId: string; entity: string; entityId: string };

/**
 * The lost fields of patches sent again, as `describeLosses` gives them:
 * what the record's history kept as lost for that mutation, against the
 * value that stands now. Why: a device whose first answer never arrived
 * (the connection dropped after the commit) gets "duplicate" on its retry,
 * and must still learn that its change lost. Only this device's own
 * mutations of this record are described: a mutation id sent by anyone
 * else, or with another record's id, says nothing.
 */
export const describeRepeatedLosses = async (
  db: Executor,
  schoolId: string,
  deviceId: string,
  repeats: readonly Repeat[],
): Promise<Map<string, LostField[]>> => {
  if (repeats.length === 0) return new Map();
  const entities = [...new Set(repeats.map((repeat) => repeat.entity))];
  const wanted = new Set(repeats.map((r) => keyOf(r.entity, r.entityId, r.mutationId)));
  const lost: { mutationId: string; entity: string; entityId: string; field: string }[] = [];
  for (const chunk of inStatementChunks(repeats, 2, entities.length + 3)) {
    const rows = await db
      .selectFrom('record_history')
      .innerJoin('applied_mutations', 'applied_mutations.mutation_id', 'record_history.mutation_id')
      .select([
        'record_history.entity',
        'record_history.entity_id',
        'record_history.field',
        'record_history.mutation_id',
      ])
      .where('record_history.school_id', '=', schoolId)
      .where('record_history.entity', 'in', entities)
      .where('record_history.entity_id', 'in', [...new Set(chunk.map((r) => r.entityId))])
      .where(
        'record_history.mutation_id',
        'in',
        chunk.map((r) => r.mutationId),
      )
      .where('record_history.reason', '=', 'lost')
      .where('applied_mutations.school_id', '=', schoolId)
      .where('applied_mutations.device_id', '=', deviceId)
      .execute();
    for (const row of rows) {
      if (!wanted.has(keyOf(row.entity, row.entity_id, row.mutation_id))) continue;
      lost.push({
        mutationId: row.mutation_id,
        entity: row.entity,
        entityId: row.entity_id,
        field: row.field,
      });
    }
  }
  if (lost.length === 0) return new Map();
  const records = await findRecordRows(db, schoolId, [
    ...new Map(lost.map((l) => [`${l.entity}/${l.entityId}`, l])).values(),
  ]);
  const hlcs = new Map(
    records.map((row) => [
      `${row.entity}/${row.entity_id}`,
      JSON.parse(row.field_hlcs) as Record<string, string>,
    ]),
  );
  return describeLosses(
    db,
    schoolId,
    lost.map((l) => ({
      ...l,
      winnerHlc: hlcs.get(`${l.entity}/${l.entityId}`)?.[l.field] ?? '',
    })),
  );
};
