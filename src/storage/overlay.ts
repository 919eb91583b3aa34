/**
 * How a visible entity row is made: the server's copy (`_sync.base`, as last
 * pulled) with this device's own unconfirmed patches laid on top, field by
 * field, where they are newer.
 *
 * Why: a pulled value must never overwrite a field that still has a newer
 * change waiting on this device, and once the server has answered, the row
 * must end exactly at the server's state (which may be someone else's newer
 * value) so every device converges.
 */
import type { AnyRow, OutboxEntry } from './db';

const BOOKKEEPING = new Set(['id', '_sync', '_deleted', '_rejected']);

/** Rebuild the visible row from its base and the overlays still on the device. */
export const rebuildEntityRow = (
  id: string,
  row: AnyRow | undefined,
  overlays: OutboxEntry[],
): AnyRow | undefined => {
  const sync = row?._sync;
  const visible: AnyRow = { id };
  if (sync) {
    Object.assign(visible, sync.base);
    visible._sync = sync;
    if (sync.isDeleted) visible._deleted = true;
  }
  const fieldHlcs: Record<string, string> = { ...(sync?.baseHlcs ?? {}) };
  let hasOverlay = false;
  for (const entry of [...overlays].sort((a, b) => a.seq - b.seq)) {
    const { mutation } = entry;
    if (mutation.kind === 'delete') {
      visible._deleted = true;
      hasOverlay = true;
      continue;
    }
    if (mutation.kind !== 'patch' || !mutation.data) continue;
    for (const [field, value] of Object.entries(mutation.data)) {
      if (BOOKKEEPING.has(field)) continue;
      const known = fieldHlcs[field];
      if (known === undefined || mutation.hlc > known) {
        visible[field] = value;
        fieldHlcs[field] = mutation.hlc;
        hasOverlay = true;
      }
    }
  }
  // Never on the server and nothing of ours left: the row no longer exists.
  if (!sync && !hasOverlay) return undefined;
  return visible;
};

export const groupOverlays = (entries: OutboxEntry[]): Map<string, OutboxEntry[]> => {
  const byEntity = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    if (entry.mutation.kind === 'event') continue;
    const list = byEntity.get(entry.mutation.entityId);
    if (list) list.push(entry);
    else byEntity.set(entry.mutation.entityId, [entry]);
  }
  return byEntity;
};
