/**
 * "A new version is ready": shown when a new service worker is waiting. The
 * new version takes over only when the person chooses, so an open lesson is
 * never reloaded under them. (Unsynced work is safe either way: it lives in
 * IndexedDB, not in the page.) While the page is open it also looks for a new
 * version every hour (see ./update-checks).
 */
import { useRegisterSW } from 'virtual:pwa-register/preact';
import { browserUpdateCheckEnv, startUpdateChecks } from './update-checks';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Once, for the page's life (the prompt is never unmounted). A new worker
    // found by a look shows this prompt through workbox-window's `waiting`.
    onRegisteredSW(_url, registration) {
      if (registration) startUpdateChecks(() => registration.update(), browserUpdateCheckEnv());
    },
    onRegisterError(error) {
      console.error('service worker registration failed', error);
    },
  });
  if (!needRefresh) return null;
  const update = () => {
    // Why our own reload: workbox-window only reloads when it saw the page
    // being controlled before, which is not so for the tab a person signed in
    // on. Whenever the new worker takes control, this page reloads into it.
    let isReloading = false;
    navigator.serviceWorker?.addEventListener('controllerchange', () => {
      if (isReloading) return;
      isReloading = true;
      window.location.reload();
    });
    void updateServiceWorker(true);
  };
  return (
    <div class="update-prompt" role="status" aria-live="polite">
      <p>A new version of Waymark is ready. Anything not yet synced stays safe on this device.</p>
      <button type="button" class="primary" onClick={update}>
        Reload to update
      </button>
      <button type="button" class="quiet" onClick={() => setNeedRefresh(false)}>
        Not now
      </button>
    </div>
  );
}
