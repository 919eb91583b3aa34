/**
 * The app's start and its signed-out actions: find a saved session and
 * resume it, sign in, activate an account. The signals these set are in
 * ./app-state; the signed-in actions (sign in again, sign out) reach screens
 * through ./signed-in-actions, from inside the signed-in chunk.
 *
 * This module is in the first script the page loads, so it imports only
 * idb-keyval (to find a saved session). Everything that needs the device
 * store or the sync engine is in the signed-in chunk (./signed-in), loaded
 * once someone is, or is becoming, signed in.
 */
// Why the module and not '../storage': the storage index brings Dexie and
// the schemas, which the sign-in screen does not need.
import { getDarkMark, getDeviceId, getSession, sessionHinted } from '../storage/device';
import { darkened, signedIn } from './app-state';
import { listenForInstallOffer } from './install/install-offer';

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
