/**
 * The app's state outside any one screen: who is signed in, the device
 * store, and the sync engine with its triggers. Screens read these signals
 * and call these actions; they never reach into storage tables.
 *
 * This module is in the first script the page loads, so it imports only
 * idb-keyval (to find a saved session). Everything that needs the device
 * store or the sync engine is in the signed-in chunk (./signed-in), loaded
 * once someone is, or is becoming, signed in.
 */
import { signal } from '@preact/signals';
// Why the module and not '../storage': the storage index brings Dexie and
// the schemas, which the sign-in screen does not need.
import {
  getDarkMark,
  getDeviceId,
  getSession,
  sessionHinted,
  type DarkMark,
  type DeviceSession,
} from '../storage/device';
import type { LocalStore } from '../storage';
import type { PrivacyApi, SyncEngine, ViewLog } from '../sync';
import type { LockModel } from './lock/lock-model';
import { listenForInstallOffer } from './install/install-offer';

export type Signed = {
  session: DeviceSession;
  store: LocalStore;
  engine: SyncEngine;
  /** Server calls for the privacy screens and view reports. */
  privacy: PrivacyApi;
  /** Views of a child's record, for the audit log (sent when online). */
  views: ViewLog;
  /** The optional PIN lock of a shared tablet. */
  lock: LockModel;
};

/** `undefined` while the app is finding out; `null` when nobody is signed in. */
export const signedIn = signal<Signed | null | undefined>(undefined);

/**
 * Set when the school revoked this device and it went dark: the plain
 * screen shows, and nothing about children is read, until someone signs in.
 */
export const darkened = signal<DarkMark | undefined>(undefined);

/** Set when a newer version of the app upgraded the device database in another tab. */
export const upgradedElsewhere = signal(false);

/** Whether the browser agreed to keep this site's storage (undefined: not asked or no API). */
export const storagePersisted = signal<boolean | undefined>(undefined);

/**
 * The signed-in chunk: the device store, the sync engine and the screens.
 * Why it is safe to load on demand offline: the service worker precaches
 * every built chunk, so a cold start with no network finds it in the cache.
 */
export const loadSignedIn = () => import('./signed-in');

export const startApp = async (): Promise<void> => {
  // Before anything is awaited: the browser may offer to install at once.
  listenForInstallOffer();
  // Why in parallel: on a tablet opened mid-lesson, reading the session,
  // reading the device id and loading the signed-in code are three waits;
  // one after another they keep the teacher from their screen for longer.
  const chunk = sessionHinted() ? loadSignedIn() : undefined;
  chunk?.catch(() => undefined);
  try {
    const [session, deviceId, dark] = await Promise.all([
      getSession(),
      getDeviceId(),
      getDarkMark(),
    ]);
    if (dark) {
      // Why before the session: a wipe cut short (the tab closed mid-way)
      // may have left a session and records; the plain screen shows at
      // once and the wipe is finished behind it, never the app.
      darkened.value = dark;
      signedIn.value = null;
      void (chunk ?? loadSignedIn())
        .then((module) => module.settleDark(deviceId))
        .catch(() => undefined);
      return;
    }
    if (!session) {
      signedIn.value = null;
      return;
    }
    (await (chunk ?? loadSignedIn())).resume(session, deviceId);
  } catch (error) {
    console.error('could not open the device database', error);
    signedIn.value = null;
  }
};

export const signIn = async (email: string, password: string): Promise<string | undefined> => {
  let chunk: Awaited<ReturnType<typeof loadSignedIn>>;
  try {
    chunk = await loadSignedIn();
  } catch {
    // Only before the service worker has cached the app: say what to do, not
    // the browser's "Failed to fetch dynamically imported module".
    return 'You need a connection to sign in the first time. Check the Wi-Fi and try again.';
  }
  return chunk.signIn(email, password);
};

/** Set a first password with the code the SENCo handed over, and sign in. */
export const activate = async (code: string, password: string): Promise<string | undefined> => {
  let chunk: Awaited<ReturnType<typeof loadSignedIn>>;
  try {
    chunk = await loadSignedIn();
  } catch {
    return 'You need a connection to activate your account. Check the Wi-Fi and try again.';
  }
  return chunk.activate(code, password);
};

/** Sign in again after the server said the session ended (see signed-in-model). */
export const signInAgain = async (
  current: Signed,
  email: string,
  password: string,
): Promise<string | undefined> => (await loadSignedIn()).signInAgain(current, email, password);

export const waitingCount = async (current: Signed): Promise<number> =>
  (await loadSignedIn()).waitingCount(current);

/** Sign out and remove this school's records from the device. */
export const signOut = async (current: Signed): Promise<void> =>
  (await loadSignedIn()).signOut(current);
