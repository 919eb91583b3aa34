/**
 * When the page syncs: soon after start (once the first screen is up), soon
 * after every write (debounced), when the browser says it is back online,
 * when the page becomes visible, and on a timer while open; after a failure,
 * with backoff and jitter (honouring Retry-After). Where the browser has
 * Background Sync (Chromium), a write also registers a one-off sync so the
 * service worker can finish the job after the tab is closed. Safari and
 * Firefox have no Background Sync: the other triggers are enough on their own.
 */
import type { LocalStore } from '../storage';
import { backoffDelay, type SyncEngine, type SyncResult } from './engine';

// Named before the product was renamed Waymark; kept so a sync the browser
// registered under the old service worker still reaches the new one.
export const BACKGROUND_SYNC_TAG = 'target-tracker-sync';

type SyncRegistration = ServiceWorkerRegistration & {
  sync?: { register(tag: string): Promise<void> };
};

export type TriggerOptions = {
  intervalMs?: number;
  debounceMs?: number;
  /** Called after every successful sync (the view log sends what waits then). */
  afterSync?: () => void;
};

export const startSyncTriggers = (
  engine: SyncEngine,
  store: LocalStore,
  options: TriggerOptions = {},
): (() => void) => {
  const intervalMs = options.intervalMs ?? 20_000;
  const debounceMs = options.debounceMs ?? 400;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const run = async (): Promise<void> => {
    if (stopped) return;
    clearTimeout(retryTimer);
    const result: SyncResult = await engine.sync();
    if (result.ok) {
      failures = 0;
      options.afterSync?.();
      return;
    }
    // Waiting for the user (sign in, reload) or the network ('online' will
    // fire); a dark device has nothing left to sync.
    const isWaiting = ['needs_sign_in', 'update_needed', 'device_dark'].includes(result.reason);
    if (isWaiting) return;
    if (result.reason === 'offline' && !navigator.onLine) return;
    failures++;
    retryTimer = setTimeout(() => void run(), result.retryAfterMs ?? backoffDelay(failures));
  };

  const soon = () => {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => void run(), debounceMs);
  };

  const registerBackgroundSync = () => {
    navigator.serviceWorker?.ready
      .then((registration) =>
        (registration as SyncRegistration).sync?.register(BACKGROUND_SYNC_TAG),
      )
      .catch(() => undefined);
  };

  const onWrite = () => {
    registerBackgroundSync();
    soon();
  };
  const onOnline = () => {
    failures = 0;
    void run();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') void run();
  };

  const unsubscribe = store.onWrite(onWrite);
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible' && failures === 0) void run();
  }, intervalMs);
  // Why not at once: at start the person's screen comes first. The first
  // sync reads the outbox and waits on the network, and on a slow tablet it
  // would share the CPU with the first screen; everything it sends is safe on
  // the device meanwhile. It starts when the page is idle, within a second.
  // (Safari has no requestIdleCallback: there it waits one task.)
  const hasIdle = 'requestIdleCallback' in window;
  const startHandle = hasIdle
    ? window.requestIdleCallback(() => void run(), { timeout: 1_000 })
    : setTimeout(() => void run(), 0);

  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
    clearTimeout(retryTimer);
    clearTimeout(debounceTimer);
    if (hasIdle) window.cancelIdleCallback(startHandle as number);
    else clearTimeout(startHandle);
  };
};
