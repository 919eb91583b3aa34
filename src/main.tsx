/** Entry point: open the device store, then render. */
import { render } from 'preact';
import { App } from './ui/App';
import { startApp } from './ui/app-model';
import { signedIn } from './ui/app-state';
import type { LaunchQueue } from './ui/launch/launch-queue';
import './ui/styles.css';

// Why reload when a screen's chunk will not load: the screens load on demand,
// and after someone updates the app in another tab the new service worker has
// replaced the cached chunks this older page asks for (and the server has only
// the new ones). Reloading opens the new version, from the cache when offline;
// every record is in IndexedDB, so nothing is lost. Only when signed in (the
// sign-in form shows its own message), and at most once a minute, so a chunk
// that truly cannot load does not reload the page forever.
const RELOADED_AT_KEY = 'chunk-reloaded-at';
window.addEventListener('vite:preloadError', (event) => {
  if (!signedIn.value) return;
  const last = Number(sessionStorage.getItem(RELOADED_AT_KEY) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
  event.preventDefault();
  window.location.reload();
});

// A CSV opened with the installed app (the manifest's file_handlers). Why its
// own chunk, fetched after the first screen: the browser holds a launch until
// the page takes it, and only Chromium has a launch queue at all.
const launchQueue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
if (launchQueue) {
  void import('./ui/launch/launch-queue').then(({ listenForLaunchedFiles }) =>
    listenForLaunchedFiles(launchQueue),
  );
}
void startApp();
render(<App />, document.getElementById('app')!);
