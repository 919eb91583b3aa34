/**
 * Device-level keys, kept in idb-keyval so the service worker can read them
 * too: this device's id, the signed-in session, and the mark that the school
 * revoked this device and it went dark. Nothing here is personal data beyond
 * the staff member's own name and role.
 */
import { get, set, del, update } from 'idb-keyval';
// From the modules, not '../domain': this module is in the page's first script
// (app-model), which must not carry the schemas.
import { newId } from '../domain/ids';
import type { SignedInStaff } from '../domain/protocol';
import type { RevocationMode } from '../domain/device-revocation';

const DEVICE_ID_KEY = 'deviceId';
const SESSION_KEY = 'session';
const DARK_KEY = 'darkened';

export type DeviceSession = { token: string; staff: SignedInStaff; signedInAt: string };

/**
 * The persistent id of this device (browser profile). Made once, atomically,
 * so two tabs opening at the same moment agree on it.
 */
export const getDeviceId = async (): Promise<string> => {
  // Made once and never changed: after the first time, a read is enough.
  const existing = await get<string>(DEVICE_ID_KEY);
  if (existing) return existing;
  await update<string>(DEVICE_ID_KEY, (existing) => existing ?? newId());
  const id = await get<string>(DEVICE_ID_KEY);
  if (!id) throw new Error('Could not create a device id');
  return id;
};

/**
 * Takes the device id the server gave this device's new session. Why the
 * server may give another: it binds an id to the first person who signs in
 * with it, so a browser that someone else used before gets a fresh id for
 * its new person (and no colleague can speak for someone else's device).
 * Only called once the device holds nothing unsent under the old id.
 */
export const adoptDeviceId = async (deviceId: string): Promise<void> => {
  await set(DEVICE_ID_KEY, deviceId);
};

/**
 * A hint, readable at once, that a session was saved on this device: the
 * page then starts loading the signed-in code while it reads the session
 * itself, instead of after. Why only a hint: it lives in localStorage, which
 * the service worker cannot reach and a person can clear; the session in
 * IndexedDB alone decides who is signed in. A wrong hint costs one chunk
 * loaded early or late, nothing more.
 */
// Internal key, named before the product was renamed Waymark: kept, so a
// device updated mid-session keeps its hint.
const SESSION_HINT_KEY = 'target-tracker:signed-in';

export const sessionHinted = (): boolean => {
  try {
    return localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return false;
  }
};

const setSessionHint = (isSignedIn: boolean): void => {
  try {
    if (isSignedIn) localStorage.setItem(SESSION_HINT_KEY, '1');
    else localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // No localStorage (the service worker, or storage blocked): no hint, no harm.
  }
};

export const getSession = async (): Promise<DeviceSession | undefined> => {
  const session = await get<DeviceSession>(SESSION_KEY);
  setSessionHint(!!session);
  return session;
};
export const saveSession = async (session: DeviceSession): Promise<void> => {
  await set(SESSION_KEY, session);
  setSessionHint(true);
};
export const clearSession = async (): Promise<void> => {
  await del(SESSION_KEY);
  setSessionHint(false);
};

/**
 * The school revoked this device and it removed every child's record
 * (owner.ts, `darkenDevice`). Kept until someone signs in, so a reload shows
 * the plain screen and never opens the app over an empty or half-wiped
 * database. `report`, while set, is the word to the server that the wipe
 * happened and how many unsent changes went with it, not yet delivered.
 */
export type DarkMark = {
  mode: RevocationMode;
  at: string;
  report?: { token: string; droppedChanges: number };
};

export const getDarkMark = (): Promise<DarkMark | undefined> => get<DarkMark>(DARK_KEY);
export const saveDarkMark = async (mark: DarkMark): Promise<void> => {
  await set(DARK_KEY, mark);
};
export const clearDarkMark = async (): Promise<void> => {
  await del(DARK_KEY);
};
