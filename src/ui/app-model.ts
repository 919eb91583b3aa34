/**
 * The app's state outside any one screen: who is signed in, the device
 * store, and the sync engine with its triggers. Screens read these signals
 * and call these actions; they never reach into storage tables.
 */
import { signal } from '@preact/signals';
import {
  claimDevice,
  clearSession,
  countWaiting,
  createLocalStore,
  getDeviceId,
  getSession,
  saveSession,
  wipeDevice,
  type DeviceSession,
  type LocalStore,
} from '../storage';
import {
  createPrivacyApi,
  createSyncEngine,
  createViewLog,
  type ViewLog,
  type PrivacyApi,
  requestSignIn,
  requestSignOut,
  startSyncTriggers,
  type SyncEngine,
} from '../sync';
import { createLockModel, type LockModel } from './lock/lock-model';
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

/** Set when a newer version of the app upgraded the device database in another tab. */
export const upgradedElsewhere = signal(false);

/** Whether the browser agreed to keep this site's storage (undefined: not asked or no API). */
export const storagePersisted = signal<boolean | undefined>(undefined);

/**
 * Ask the browser to keep this site's storage under pressure. Why: records
 * live only on the device until they sync; "persistent" storage is not
 * evicted to make room (Chromium grants it to installed apps, Safari to
 * home-screen apps).
 */
const askForPersistentStorage = async (): Promise<void> => {
  try {
    const storage = navigator.storage;
    if (!storage?.persist) return;
    storagePersisted.value = (await storage.persisted()) || (await storage.persist());
  } catch {
    storagePersisted.value = false;
  }
};

let stopTriggers: (() => void) | undefined;
let stopLockWatch: (() => void) | undefined;

const begin = (session: DeviceSession, store: LocalStore) => {
  const engine = createSyncEngine({
    store,
    getToken: async () => (await getSession())?.token,
    locks: navigator.locks,
  });
  const privacy = createPrivacyApi({ getToken: async () => (await getSession())?.token });
  const views = createViewLog({
    store,
    send: (view) => privacy.reportView(view),
    locks: navigator.locks,
  });
  stopTriggers?.();
  stopTriggers = startSyncTriggers(engine, store, {
    afterSync: () => void views.flush().catch(() => undefined),
  });
  store.db.onUpgradedElsewhere(() => {
    // The old code must stop writing: stop syncing and ask for a reload.
    stopTriggers?.();
    stopTriggers = undefined;
    upgradedElsewhere.value = true;
  });
  void askForPersistentStorage();
  const lock = createLockModel(store);
  stopLockWatch?.();
  void lock.start().then((stop) => (stopLockWatch = stop));
  signedIn.value = { session, store, engine, privacy, views, lock };
};

export const startApp = async (): Promise<void> => {
  // Before anything is awaited: the browser may offer to install at once.
  listenForInstallOffer();
  try {
    const [deviceId, session] = await Promise.all([getDeviceId(), getSession()]);
    if (!session) {
      signedIn.value = null;
      return;
    }
    begin(session, createLocalStore({ deviceId }));
  } catch (error) {
    console.error('could not open the device database', error);
    signedIn.value = null;
  }
};

export const signIn = async (email: string, password: string): Promise<string | undefined> => {
  const deviceId = await getDeviceId();
  const response = await requestSignIn({ email, password, deviceId });
  const store = createLocalStore({ deviceId });
  const claim = await claimDevice(store, response.staff);
  if (!claim.ok) {
    store.db.close();
    return `${claim.ownerName} has ${claim.waiting} change${claim.waiting === 1 ? '' : 's'} on this device that ${claim.waiting === 1 ? 'has' : 'have'} not synced yet. Ask them to sign in and sync before you use this device.`;
  }
  const session: DeviceSession = { ...response, signedInAt: new Date().toISOString() };
  await saveSession(session);
  begin(session, store);
  return undefined;
};

/**
 * Sign in again after the server said the session ended (401), keeping
 * everything on the device. Why not the normal sign-in: that may wipe the
 * device for a new person; here the outbox must survive untouched and
 * sync must simply carry on with the new token.
 */
export const signInAgain = async (
  current: Signed,
  email: string,
  password: string,
): Promise<string | undefined> => {
  const response = await requestSignIn({ email, password, deviceId: current.store.deviceId });
  if (response.staff.id !== current.session.staff.id) {
    void requestSignOut(response.token);
    const name = current.session.staff.name;
    return `This device holds ${name}'s work. Sign in as ${name} to sync it, or ask ${name} to sync and sign out first.`;
  }
  const session: DeviceSession = { ...response, signedInAt: new Date().toISOString() };
  await saveSession(session);
  signedIn.value = { ...current, session };
  void current.engine.sync();
  return undefined;
};

export const waitingCount = (current: Signed): Promise<number> => countWaiting(current.store);

/** Sign out and remove this school's records from the device. */
export const signOut = async (current: Signed): Promise<void> => {
  stopTriggers?.();
  stopTriggers = undefined;
  stopLockWatch?.();
  stopLockWatch = undefined;
  // Views wait in the table the wipe empties: send them while the token lives.
  await current.views.flush().catch(() => undefined);
  await requestSignOut(current.session.token);
  await wipeDevice(current.store);
  await clearSession();
  current.store.db.close();
  signedIn.value = null;
};
