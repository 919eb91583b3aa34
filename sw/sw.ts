/**
 * The service worker. It owns two things:
 * - the app shell: every built file is precached, and every navigation is
 *   answered with the cached index.html, so the app opens with no network;
 * - sync when no page is open: on the Background Sync `sync` event
 *   (Chromium) it runs the same sync engine as the page, under the same lock.
 * It never caches an API response: records live in IndexedDB, and a stale
 * cached answer to /api would hide what the server really holds.
 */
/// <reference lib="webworker" />
// First: makes zod safe under the Content Security Policy (see the module).
import '../src/domain/zod-config';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createSyncEngine } from '../src/sync/engine';
import { createLocalStore, getDeviceId, getSession } from '../src/storage';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The same tag as src/sync/triggers.ts (named before the rename to Waymark; kept).
const BACKGROUND_SYNC_TAG = 'target-tracker-sync';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }),
);

// The page asks before a new version takes over (see ui/update-prompt), so
// an open lesson is never swapped out under a teacher's finger.
// Why claim: the first page a person opens (where they sign in) should be
// served and kept offline-ready by this worker at once, and after an update
// the page must see the new worker take control to reload into it.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

type SyncEvent = ExtendableEvent & { tag: string };

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== BACKGROUND_SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const session = await getSession();
      if (!session) return;
      const store = createLocalStore({ deviceId: await getDeviceId() });
      try {
        const engine = createSyncEngine({
          store,
          getToken: async () => (await getSession())?.token,
          locks: self.navigator.locks,
        });
        // A revoked device goes dark here too: the engine removes every
        // child's record on the school's word, with no page open.
        const result = await engine.sync();
        // Rejecting asks the browser to try again later (with its own backoff).
        const isFinal = ['needs_sign_in', 'update_needed', 'device_dark'].includes(
          result.ok ? '' : result.reason,
        );
        if (!result.ok && !isFinal) throw new Error(result.message);
      } finally {
        store.db.close();
      }
    })(),
  );
}) as EventListener);
