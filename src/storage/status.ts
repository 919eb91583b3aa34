/**
 * The shared sync status, kept in the device database so every tab and the
 * service worker see one truth: what state sync is in and when it last
 * succeeded.
 */
import { META_KEYS, getMeta, setMeta } from './db';
import type { LocalStore } from './local-store';
import type { SyncStatus } from './queries';

export const setSyncStatus = async (
  store: LocalStore,
  update: Partial<SyncStatus>,
): Promise<void> => {
  const { db } = store;
  await db.transaction('rw', db.meta, async () => {
    const current = (await getMeta<SyncStatus>(db, META_KEYS.syncStatus)) ?? { state: 'idle' };
    const next: SyncStatus = { ...current, ...update };
    if (update.message === undefined && 'message' in update) delete next.message;
    await setMeta(db, META_KEYS.syncStatus, next);
  });
};
