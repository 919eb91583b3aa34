/**
 * Device-level keys, kept in idb-keyval so the service worker can read them
 * too: this device's id and the signed-in session. Nothing here is personal
 * data beyond the staff member's own name and role.
 */
import { get, set, del, update } from 'idb-keyval';
// From the modules, not '../domain': this module is in the page's first script
// (app-model), which must not carry the schemas.
import { newId } from '../domain/ids';
import type { SignedInStaff } from '../domain/protocol';

const DEVICE_ID_KEY = 'deviceId';
const SESSION_KEY = 'session';

export type DeviceSession = { token: string; staff: SignedInStaff; signedInAt: string };

/**
 * The persistent id of this device (browser profile). Made once, atomically,
 * so two tabs opening at the same moment agree on it.
 */
export const getDeviceId = async (): Promise<string> => {
  await update<string>(DEVICE_ID_KEY, (existing) => existing ?? newId());
  const id = await get<string>(DEVICE_ID_KEY);
  if (!id) throw new Error('Could not create a device id');
  return id;
};

export const getSession = (): Promise<DeviceSession | undefined> => get<DeviceSession>(SESSION_KEY);
export const saveSession = (session: DeviceSession): Promise<void> => set(SESSION_KEY, session);
export const clearSession = (): Promise<void> => del(SESSION_KEY);
