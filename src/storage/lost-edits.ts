/**
 * Changes of this person that lost to a newer one: the server applied the
 * rest of their patch but kept someone else's newer value of these fields
 * (last-writer-wins per field by HLC). Each is kept on the device, with
 * what the person had set, who won and when, until they dismiss it, so the
 * record they see can say so in plain words.
 *
 * Why on the device and not only in the server's history: the person who
 * lost is the one who needs to know, and they may be offline when they look.
 * Why until dismissed: the notice is about a past push; nothing the sync
 * does later makes it untrue.
 */
import type { LostField, Mutation } from '../domain';
import type { LostEditEntry } from './db';
import type { LocalStore } from './local-store';

export type LostEdit = LostEditEntry;

/**
 * The notices one push answer gives for one of this device's patches.
 * Only fields the patch actually set: a server naming any other field
 * is ignored, so nothing odd can be put on a record's page.
 */
export const lostEditEntries = (
  mutation: Mutation,
  lost: readonly LostField[],
  noticedAt: string,
  ownerStaffId: string | undefined,
): LostEditEntry[] => {
  if (mutation.kind !== 'patch' || !mutation.data) return [];
  const data = mutation.data;
  return lost
    .filter(({ field }) => Object.prototype.hasOwnProperty.call(data, field))
    .map(({ field, by, at }) => ({
      id: `${mutation.id}/${field}`,
      entity: mutation.entity,
      entityId: mutation.entityId,
      field,
      value: data[field],
      ...(by ? { by } : {}),
      ...(by && by.staffId === ownerStaffId ? { isOwn: true } : {}),
      ...(at ? { at } : {}),
      noticedAt,
    }));
};

/** The notices on one record, oldest first: for its page. */
export const lostEditsFor = async (
  store: LocalStore,
  entity: string,
  entityId: string,
): Promise<LostEdit[]> => {
  const entries = await store.db.lostEdits.where('entityId').equals(entityId).toArray();
  return entries
    .filter((entry) => entry.entity === entity)
    .sort((a, b) => a.noticedAt.localeCompare(b.noticedAt) || a.field.localeCompare(b.field));
};

/** The person has read the notice: it leaves the device. */
export const dismissLostEdit = async (store: LocalStore, id: string): Promise<void> => {
  await store.db.lostEdits.delete(id);
};
