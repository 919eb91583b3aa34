/**
 * Views of a child's record that the audit log has not yet been told of.
 * They wait in the device database's meta table. Why there: signing out
 * wipes that table, so a view can never outlive the person who made it on a
 * shared tablet, and the sign-out sends them first (app-model signOut).
 */
import { getMeta, setMeta } from './db';
import type { LocalStore } from './local-store';

export type ViewWhat = 'child_record' | 'child_export';
export type PendingView = { childId: string; what: ViewWhat; viewedAt: string };

const KEY = 'pendingViews';
/** Why a cap: a device offline for weeks must not grow without bound; the oldest go first. */
const MAX_PENDING = 1_000;
/** The same child and kind of view again within this time is the same visit. */
const SAME_VISIT_MS = 10 * 60_000;

export const addPendingView = async (store: LocalStore, view: PendingView): Promise<void> => {
  const { db } = store;
  await db.transaction('rw', db.meta, async () => {
    const pending = (await getMeta<PendingView[]>(db, KEY)) ?? [];
    const sameVisit = pending.some(
      (earlier) =>
        earlier.childId === view.childId &&
        earlier.what === view.what &&
        Math.abs(Date.parse(view.viewedAt) - Date.parse(earlier.viewedAt)) < SAME_VISIT_MS,
    );
    if (sameVisit) return;
    await setMeta(db, KEY, [...pending, view].slice(-MAX_PENDING));
  });
};

export const pendingViews = async (store: LocalStore): Promise<PendingView[]> =>
  (await getMeta<PendingView[]>(store.db, KEY)) ?? [];

/** Drop views the server has logged (or refused for good), matched by value. */
export const removePendingViews = async (
  store: LocalStore,
  done: readonly PendingView[],
): Promise<void> => {
  const { db } = store;
  const key = (view: PendingView) => `${view.childId}|${view.what}|${view.viewedAt}`;
  const gone = new Set(done.map(key));
  await db.transaction('rw', db.meta, async () => {
    const pending = (await getMeta<PendingView[]>(db, KEY)) ?? [];
    await setMeta(
      db,
      KEY,
      pending.filter((view) => !gone.has(key(view))),
    );
  });
};
