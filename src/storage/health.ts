/**
 * The health of the device's storage: what the browser may do to it behind
 * the app's back (evict it, run out of room, drop the connection) and how
 * the app notices and says so.
 *
 * Why this matters here: everything a teacher records lives on the tablet
 * until it syncs. Safari deletes a site's storage after 7 days without use
 * unless it is installed to the home screen; a full disk refuses writes;
 * iOS drops IndexedDB connections when the app is backgrounded.
 */
import { META_KEYS, getMeta, setMeta } from './db';
import type { LocalStore } from './local-store';

/** Shown once when the server knows more of this device's history than the device does. */
export type EvictionNotice = { detectedAt: string; serverSeq: number; localSeq: number };

export const EVICTION_KEY = 'evictionNotice';

/**
 * The server's highest `seq` from this device. If the device's own counter
 * is behind it, the device's data was cleared (the browser evicted it, or
 * it was restored from an old backup): say so, and move the counter past
 * the server's so new changes never reuse a number.
 */
export const noteServerDeviceSeq = async (store: LocalStore, serverSeq: number): Promise<void> => {
  const { db } = store;
  await db.transaction('rw', db.meta, async () => {
    const localSeq = (await getMeta<number>(db, META_KEYS.lastSeq)) ?? 0;
    if (localSeq >= serverSeq) return;
    await setMeta(db, META_KEYS.lastSeq, serverSeq);
    const notice: EvictionNotice = {
      detectedAt: new Date(store.now()).toISOString(),
      serverSeq,
      localSeq,
    };
    await setMeta(db, EVICTION_KEY, notice);
  });
};

export const dismissEvictionNotice = (store: LocalStore): Promise<void> =>
  store.db.meta.delete(EVICTION_KEY);

/** A sentence a teacher can act on, for an error from a command; undefined if not a storage fault. */
export const storageErrorMessage = (error: unknown): string | undefined => {
  const names = new Set<string>();
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const name = (current as { name?: string }).name;
    if (name) names.add(name);
    current = (current as { inner?: unknown }).inner;
  }
  if (names.has('QuotaExceededError')) {
    return 'This device is out of storage space, so this was not saved. Free some space (delete unused apps, videos or photos), then try again. Everything saved before is safe.';
  }
  if (
    names.has('DatabaseClosedError') ||
    names.has('UnknownError') ||
    names.has('InvalidStateError')
  ) {
    return 'The device lost its connection to its own storage. Try again; if it keeps happening, reload the page.';
  }
  return undefined;
};

/** The oldest change still waiting to sync, or undefined when none waits. */
export const oldestWaitingAt = async (store: LocalStore): Promise<string | undefined> => {
  // Outbox keys are seqs, so the first pending one in key order is the oldest.
  const pending = await store.db.outbox
    .orderBy('seq')
    .filter((entry) => entry.state === 'pending')
    .first();
  return pending?.createdAt;
};

export type StorageHealth = {
  eviction?: EvictionNotice;
  /** When the oldest change still waiting to sync was made. */
  oldestWaitingAt?: string;
};

/** Read model for the storage-health banner (live with `watch`). */
export const storageHealth = async (store: LocalStore): Promise<StorageHealth> => {
  const [eviction, oldest] = await Promise.all([
    getMeta<EvictionNotice>(store.db, EVICTION_KEY),
    oldestWaitingAt(store),
  ]);
  return {
    ...(eviction ? { eviction } : {}),
    ...(oldest ? { oldestWaitingAt: oldest } : {}),
  };
};
