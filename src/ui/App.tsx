/**
 * The app: sign-in when nobody is signed in (or the plain screen of a device
 * the school revoked), otherwise the routed screens.
 */
import { useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy } from 'preact-iso';
import { loadSignedIn } from './app-model';
import { darkened, signedIn } from './app-state';
import { DarkScreen } from './dark/DarkScreen';
import { SignInView } from './sign-in/SignInView';
import { UpdatePrompt } from './update/UpdatePrompt';

// Why lazy: the signed-in screens bring the device store (Dexie), the schemas
// (zod) and the sync engine, none of which the sign-in screen needs; the page's
// first script stays small. By the time someone is signed in, app-model has
// loaded this chunk already.
const SignedInApp = lazy(() => loadSignedIn().then((module) => module.SignedInApp));

export function App() {
  const current = signedIn.value;
  const dark = darkened.value;
  // Only for this page: after a reload the plain screen shows again until
  // someone has actually signed in (signed-in-model clears the mark).
  const [wantsSignIn, setWantsSignIn] = useState(false);
  return (
    <LocationProvider>
      <UpdatePrompt />
      {current === undefined ? (
        <main id="main" class="loading">
          <p>Opening…</p>
        </main>
      ) : current === null && dark && !wantsSignIn ? (
        <DarkScreen mark={dark} onSignIn={() => setWantsSignIn(true)} />
      ) : current === null ? (
        <SignInView />
      ) : (
        // Catches the first render's wait for the (already loaded) chunk.
        <ErrorBoundary>
          <SignedInApp current={current} />
        </ErrorBoundary>
      )}
    </LocationProvider>
  );
}
