/**
 * The outbox side of sync: handing the sync engine its next batch and
 * recording what the server said about each mutation.
 */
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  isEntityName,
  type Mutation,
  type MutationResult,
} from '../domain';
import { META_KEYS, getMeta, type OutboxEntry } from './db';
import type { LocalStore } from './local-store';
import { groupOverlays, rebuildEntityRow } from './overlay';
import { lostEditEntries } from './lost-edits';

/** Room for the envelope around the mutations. */
const ENVELOPE_BYTES = 1024;

/**
 * The oldest mutations not yet acknowledged, in device order, at most
 * `maxCount` of them and within the push size limit.
 */
export const takeOutboxBatch = async (
  store: LocalStore,
  maxCount = MAX_PUSH_MUTATIONS,
  maxBytes = MAX_PUSH_BYTES,
): Promise<Mutation[]> => {
  const entries = await store.db.outbox
    .where('state')
    .equals('pending')
    .limit(Math.min(maxCount, MAX_PUSH_MUTATIONS))
    .toArray();
  entries.sort((a, b) => a.seq - b.seq);
  const batch: Mutation[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const entry of entries) {
    const size = JSON.stringify(entry.mutation).length + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(entry.mutation);
    bytes += size;
  }
  return batch;
};

export const countWaiting = (store: LocalStore): Promise<number> =>
  store.db.outbox.where('state').equals('pending').count();

/**
 * Record the server's answer to one push, in one transaction.
 * - applied / duplicate: the server has it. Events leave the outbox at once;
 *   patches stay as an acknowledged overlay until a pull reaches `cursor`
 *   (see overlay.ts), so the row never flickers back.
 * - rejected: moved to "needs attention" with the server's reason, so it
 *   never blocks the queue and a person can see it; the row falls back to
 *   the server's copy.
 * - applied with fields that lost to a newer change: each is kept as a
 *   notice on that record (lost-edits.ts), so the person learns who
 *   overwrote their change and when.
 * A result for a mutation the device no longer holds (a duplicate answer to
 * a retry) changes nothing.
 */
export const settlePushResults = async (
  store: LocalStore,
  results: MutationResult[],
  cursor: number,
): Promise<{ delivered: number; rejected: number }> => {
  const { db } = store;
  let delivered = 0;
  let rejected = 0;
  const tables = [db.outbox, db.attention, db.lostEdits, db.meta, ...db.recordTables()];
  await db.transaction('rw', tables, async () => {
    const byId = new Map<string, OutboxEntry>();
    const pending = await db.outbox.where('state').equals('pending').toArray();
    for (const entry of pending) byId.set(entry.mutation.id, entry);
    const touched = new Map<string, string>(); // entityId -> entity
    const at = new Date(store.now()).toISOString();
    const owner = await getMeta<{ staffId: string }>(db, META_KEYS.owner);
    for (const result of results) {
      const entry = byId.get(result.id);
      if (!entry) continue;
      const { mutation } = entry;
      if (result.status === 'rejected') {
        rejected++;
        await db.attention.put({
          id: mutation.id,
          mutation,
          code: result.code ?? 'rejected',
          message: result.message ?? 'The server did not accept this change.',
          at,
        });
        await db.outbox.delete(entry.seq);
        if (mutation.kind === 'event' && isEntityName(mutation.entity)) {
          // Keep the record visible (nothing a person recorded disappears),
          // marked so the UI can point to "needs attention".
          await db.records(mutation.entity).update(mutation.entityId, {
            _rejected: { code: result.code ?? 'rejected', message: result.message ?? '' },
          });
        } else {
          touched.set(mutation.entityId, mutation.entity);
        }
        continue;
      }
      delivered++;
      if (result.lost && result.lost.length > 0) {
        await db.lostEdits.bulkPut(lostEditEntries(mutation, result.lost, at, owner?.staffId));
      }
      if (mutation.kind === 'event') await db.outbox.delete(entry.seq);
      else await db.outbox.update(entry.seq, { state: 'acked', ackedCursor: cursor });
    }
    await rebuildRows(store, touched);
  });
  return { delivered, rejected };
};

/** Recompute the visible rows of these entities from base + remaining overlays. */
export const rebuildRows = async (store: LocalStore, touched: Map<string, string>) => {
  if (touched.size === 0) return;
  const { db } = store;
  const ids = [...touched.keys()];
  const remaining = await db.outbox.where('mutation.entityId').anyOf(ids).toArray();
  const overlays = groupOverlays(remaining);
  for (const [entityId, entity] of touched) {
    if (!isEntityName(entity)) continue;
    const table = db.anyRecords(entity);
    const row = await table.get(entityId);
    const rebuilt = rebuildEntityRow(entityId, row, overlays.get(entityId) ?? []);
    if (rebuilt) await table.put(rebuilt);
    else if (row) await table.delete(entityId);
  }
};
