/**
 * The app's actions that need the device store and the sync engine: resume
 * a saved session, sign in, sign in again, sign out. They travel in the
 * signed-in chunk (see ./signed-in) with Dexie, zod and the sync engine, so
 * the sign-in screen loads none of them. ./app-model reaches the first four
 * through `loadSignedIn`; SignedInApp gives screens the rest (see
 * ./signed-in-actions). The signals they set are in ./app-state.
 */
import {
  claimDevice,
  clearDarkMark,
  clearSession,
  darkenDevice,
  getDarkMark,
  countWaiting,
  createLocalStore,
  adoptDeviceId,
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
  requestActivation,
  requestSignIn,
  requestSignOut,
  startSyncTriggers,
  type SyncEngine,
} from '../sync';
import { darkened, signedIn, storagePersisted, upgradedElsewhere, type Signed } from './app-state';
import { createLockModel } from './lock/lock-model';

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

/**
 * The school revoked this device and the sync engine (here, in another tab
 * or in the service worker) removed every child's record: stop everything
 * and show the plain screen, which reads nothing from the device store.
 */
const enterDark = async (store: LocalStore): Promise<void> => {
  stopTriggers?.();
  stopTriggers = undefined;
  stopLockWatch?.();
  stopLockWatch = undefined;
  darkened.value = (await getDarkMark()) ?? { mode: 'lost', at: new Date().toISOString() };
  signedIn.value = null;
  store.db.close();
};

/**
 * At start on a dark device: finish a wipe that may have been cut short and
 * send the wipe report if it never reached the server.
 */
export const settleDark = async (deviceId: string): Promise<void> => {
  const mark = await getDarkMark();
  if (!mark) return;
  const store = createLocalStore({ deviceId });
  try {
    await darkenDevice(store, mark.mode);
    // On a dark device the engine only delivers the wipe report.
    await createSyncEngine({
      store,
      getToken: async () => undefined,
      locks: navigator.locks,
    }).sync();
  } finally {
    store.db.close();
  }
};

const begin = (session: DeviceSession, store: LocalStore) => {
  const syncEngine = createSyncEngine({
    store,
    getToken: async () => (await getSession())?.token,
    locks: navigator.locks,
  });
  const engine: SyncEngine = {
    sync: async () => {
      const result = await syncEngine.sync();
      if (!result.ok && result.reason === 'device_dark') await enterDark(store);
      return result;
    },
  };
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

/** Open the device store for a session saved on this device and start syncing. */
export const resume = (session: DeviceSession, deviceId: string): void =>
  begin(session, createLocalStore({ deviceId }));

export const signIn = async (email: string, password: string): Promise<string | undefined> => {
  const deviceId = await getDeviceId();
  return startSignedIn(deviceId, await requestSignIn({ email, password, deviceId }));
};

/** Set a first password with an activation code; then as signing in. */
export const activate = async (code: string, password: string): Promise<string | undefined> => {
  const deviceId = await getDeviceId();
  return startSignedIn(deviceId, await requestActivation({ code, password, deviceId }));
};

/** After the server said yes to a sign-in or an activation: claim the device and begin. */
const startSignedIn = async (
  deviceId: string,
  response: Awaited<ReturnType<typeof requestSignIn>>,
): Promise<string | undefined> => {
  const claimStore = createLocalStore({ deviceId });
  const claim = await claimDevice(claimStore, response.staff);
  if (!claim.ok) {
    claimStore.db.close();
    return `${claim.ownerName} has ${claim.waiting} change${claim.waiting === 1 ? '' : 's'} on this device that ${claim.waiting === 1 ? 'has' : 'have'} not synced yet. Ask them to sign in and sync before you use this device.`;
  }
  // The session speaks for the device id the server bound it to. Why adopt
  // it only now: the claim has made sure nothing unsent waits under the old
  // id (it belonged to whoever used this browser before).
  let store = claimStore;
  if (response.deviceId && response.deviceId !== deviceId) {
    await adoptDeviceId(response.deviceId);
    claimStore.db.close();
    store = createLocalStore({ deviceId: response.deviceId });
  }
  const session: DeviceSession = { ...response, signedInAt: new Date().toISOString() };
  await saveSession(session);
  // Someone signed in on a dark device: it is an ordinary device again.
  await clearDarkMark();
  darkened.value = undefined;
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
  // Why refuse a new device id here: the outbox was made under this
  // device's id, and the server takes a push only from the device its
  // session speaks for. The server keeps a person's own device id, so this
  // means the id is bound to someone else; nothing is lost, it all waits.
  if (response.deviceId && response.deviceId !== current.store.deviceId) {
    void requestSignOut(response.token);
    return 'The server has this device under another account, so its changes cannot be sent yet. They are safe on this device. Ask your SENCo to check the devices list.';
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
