/**
 * Applying what the server sends on pull. A page of changes is applied in ONE
 * Dexie transaction together with its cursor, so an interrupted first sync
 * of a large school resumes at the last whole page and never applies a page
 * twice or half.
 */
import {
  isEntityName,
  maxHlc,
  type Change,
  type EntityName,
  type Hlc,
  type RevokedRecord,
} from '../domain';
import { META_KEYS, getMeta, setMeta, type AnyRow, type UnreadableChange } from './db';
import type { LocalStore } from './local-store';
import { groupOverlays, rebuildEntityRow } from './overlay';

export const getCursor = async (store: LocalStore): Promise<number> =>
  (await getMeta<number>(store.db, META_KEYS.cursor)) ?? 0;

/** What a pull page may add beyond its changes (see protocol.ts, pullResponseSchema). */
export type PageScope = { revoked?: RevokedRecord[]; restart?: boolean };

/** Record types this app did not know when it pulled them: type -> first skipped change. */
export const UNKNOWN_ENTITIES_KEY = 'unknownEntities';

/**
 * After an app update: if a record type skipped earlier is now known, move
 * the cursor back to just before its first skipped change. Pulling again
 * is safe: changes are applied in order, so the end state is the same.
 */
export const rewindForNewlyKnownEntities = async (store: LocalStore): Promise<void> => {
  const { db } = store;
  await db.transaction('rw', db.meta, async () => {
    const unknown = await getMeta<Record<string, number>>(db, UNKNOWN_ENTITIES_KEY);
    if (!unknown) return;
    const nowKnown = Object.entries(unknown).filter(([entity]) => isEntityName(entity));
    if (nowKnown.length === 0) return;
    const from = Math.min(...nowKnown.map(([, seq]) => seq));
    const cursor = (await getMeta<number>(db, META_KEYS.cursor)) ?? 0;
    if (from - 1 < cursor) await setMeta(db, META_KEYS.cursor, from - 1);
    const left = Object.fromEntries(Object.entries(unknown).filter(([e]) => !isEntityName(e)));
    await setMeta(db, UNKNOWN_ENTITIES_KEY, left);
  });
};

export const applyPulledPage = async (
  store: LocalStore,
  changes: Change[],
  cursor: number,
  scope: PageScope = {},
): Promise<{ applied: number }> => {
  const { db } = store;
  let applied = 0;
  await db.transaction('rw', [db.meta, db.outbox, ...db.recordTables()], async () => {
    // A restart page begins again at the start of the server's log (holding
    // only records newly in scope), so it is never "already applied".
    const current = scope.restart ? 0 : await getCursor(store);
    // Another tab or the service worker may have applied this page already.
    const fresh = changes.filter((change) => change.seq > current);

    // Why delete here, in the page's transaction: a record that left this
    // person's scope (or was erased) must not stay on the device, and the
    // cursor must never pass the revocation without the delete. The outbox
    // is left alone: unsynced work is never thrown away (the server refuses
    // it, and it shows under "needs attention").
    for (const { entity, entityId } of scope.revoked ?? []) {
      if (isEntityName(entity)) await db.records(entity).delete(entityId);
    }

    // Overlays: this device's patches the server has not yet folded in.
    const outbox = await db.outbox.toArray();
    const settled = outbox.filter(
      (entry) => entry.state === 'acked' && (entry.ackedCursor ?? 0) <= cursor,
    );
    const settledSeqs = new Set(settled.map((entry) => entry.seq));
    const overlays = groupOverlays(outbox.filter((entry) => !settledSeqs.has(entry.seq)));

    const touched = new Map<string, EntityName>();
    let newestHlc: Hlc | undefined;
    // Group by table so each table gets one bulk read.
    const byEntity = new Map<EntityName, Change[]>();
    const unknown = (await getMeta<Record<string, number>>(db, UNKNOWN_ENTITIES_KEY)) ?? {};
    let sawUnknown = false;
    for (const change of fresh) {
      if (!isEntityName(change.entity)) {
        // A record type from a newer server: skip it for now, but remember
        // where, so the updated app pulls it again instead of never seeing it.
        if (unknown[change.entity] === undefined || change.seq < unknown[change.entity]!) {
          unknown[change.entity] = change.seq;
          sawUnknown = true;
        }
        continue;
      }
      newestHlc = maxHlc(newestHlc, change.hlc);
      const list = byEntity.get(change.entity);
      if (list) list.push(change);
      else byEntity.set(change.entity, [change]);
    }

    for (const [entity, list] of byEntity) {
      const table = db.anyRecords(entity);
      const ids = [...new Set(list.map((change) => change.entityId))];
      const rows = new Map<string, AnyRow | undefined>();
      // Events replace whatever is stored, so a page of events alone (the
      // bulk of a first sync: ticks and sessions) needs no read at all.
      if (list.some((change) => change.kind !== 'event')) {
        const existing = await table.bulkGet(ids);
        ids.forEach((id, i) => rows.set(id, existing[i]));
      }

      for (const change of list) {
        applied++;
        const row = rows.get(change.entityId);
        if (change.kind === 'event') {
          // Events never conflict: the server's copy (with its author) is the record.
          rows.set(change.entityId, { ...(change.data ?? {}), id: change.entityId });
          continue;
        }
        const sync = row?._sync ?? { base: {}, baseHlcs: {}, isDeleted: false };
        const next = {
          base: { ...sync.base },
          baseHlcs: { ...sync.baseHlcs },
          isDeleted: sync.isDeleted,
        };
        if (change.kind === 'delete') {
          next.isDeleted = true;
        } else {
          // The server sends only the fields that won, in commit order: apply as given.
          for (const [field, value] of Object.entries(change.data ?? {})) {
            next.base[field] = value;
            next.baseHlcs[field] = change.hlc;
          }
        }
        rows.set(change.entityId, { ...(row ?? { id: change.entityId }), _sync: next });
        touched.set(change.entityId, entity);
      }

      const puts: AnyRow[] = [];
      for (const [id, row] of rows) {
        if (!row) continue;
        if (touched.has(id)) {
          const rebuilt = rebuildEntityRow(id, row, overlays.get(id) ?? []);
          if (rebuilt) puts.push(rebuilt);
        } else {
          puts.push(row);
        }
      }
      await table.bulkPut(puts);
    }

    // Patches the server confirmed and this page has now reached: drop them
    // and rebuild their rows from the server's copy alone.
    if (settled.length > 0) {
      await db.outbox.bulkDelete([...settledSeqs]);
      const toRebuild = new Map<string, EntityName>();
      for (const entry of settled) {
        if (isEntityName(entry.mutation.entity)) {
          toRebuild.set(entry.mutation.entityId, entry.mutation.entity);
        }
      }
      for (const [id, entity] of toRebuild) {
        const table = db.anyRecords(entity);
        const rebuilt = rebuildEntityRow(id, await table.get(id), overlays.get(id) ?? []);
        if (rebuilt) await table.put(rebuilt);
        else await table.delete(id);
      }
    }

    if (sawUnknown) await setMeta(db, UNKNOWN_ENTITIES_KEY, unknown);
    if (cursor > current || scope.restart) await setMeta(db, META_KEYS.cursor, cursor);
    // Our clock moves past everything we have seen, so our next write sorts after it.
    const lastHlc = await getMeta<Hlc>(db, META_KEYS.lastHlc);
    const merged = maxHlc(lastHlc, newestHlc);
    if (merged && merged !== lastHlc) await setMeta(db, META_KEYS.lastHlc, merged);
  });
  return { applied };
};

/** How many unreadable changes the device remembers: enough to report, never unbounded. */
const MAX_UNREADABLE = 100;

/**
 * Remembers pulled changes this device could not read (it skipped them and
 * the cursor moved on). Why not stop instead: every later change, from
 * everyone, would then never arrive. Why remember: the person is told, in
 * the sync status, that something from the server was set aside.
 */
export const noteUnreadableChanges = async (
  store: LocalStore,
  items: readonly Omit<UnreadableChange, 'at'>[],
): Promise<void> => {
  if (items.length === 0) return;
  const { db } = store;
  const at = new Date(store.now()).toISOString();
  await db.transaction('rw', db.meta, async () => {
    const known = (await getMeta<UnreadableChange[]>(db, META_KEYS.unreadable)) ?? [];
    const seen = new Set(known.map((item) => item.seq));
    const fresh = items.filter((item) => item.seq === null || !seen.has(item.seq));
    const next = [...known, ...fresh.map((item) => ({ ...item, at }))].slice(-MAX_UNREADABLE);
    await setMeta(db, META_KEYS.unreadable, next);
  });
};
