/**
 * The tablet's PIN lock settings, in the device database's meta table. Why
 * there: signing out wipes that table, so the next person on a shared
 * tablet never inherits someone else's PIN. Also whether the synced school
 * record asks for a PIN on every tablet.
 */
import { getMeta, setMeta } from './db';
import type { LocalStore } from './local-store';
import { isLive } from './rows';

export type LockSettings = {
  salt: string;
  hash: string;
  idleMinutes: number;
  /** Wrong PINs in a row; at the limit only the password unlocks. */
  failedAttempts: number;
};

const KEY = 'deviceLock';

export const getLockSettings = (store: LocalStore): Promise<LockSettings | undefined> =>
  getMeta<LockSettings>(store.db, KEY);

export const saveLockSettings = async (
  store: LocalStore,
  settings: LockSettings,
): Promise<void> => {
  await setMeta(store.db, KEY, settings);
};

export const clearLockSettings = async (store: LocalStore): Promise<void> => {
  await store.db.meta.delete(KEY);
};

/**
 * Whether the school, as this device last synced it, requires a PIN on every
 * tablet. Why from the synced record and not a server call: the lock must
 * hold offline, and the setting reaches the device with its next pull.
 */
export const schoolRequiresTabletPin = async (store: LocalStore): Promise<boolean> => {
  const schools = await store.db.records('school').toArray();
  return schools.some((row) => isLive(row) && row.requireTabletPin === true);
};
