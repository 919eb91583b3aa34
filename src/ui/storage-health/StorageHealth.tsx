/**
 * Warnings about the device's own storage, each with what to do:
 * - the browser cleared this device's data (found by the eviction check);
 * - changes have waited more than a day to sync;
 * - on iPad/iPhone Safari, not installed: Safari may delete a site's data
 *   after 7 days without use, so explain adding it to the home screen;
 * - another tab updated the app: reload.
 */
import { useState } from 'preact/hooks';
import { dismissEvictionNotice, storageHealth, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';
import { upgradedElsewhere } from '../app-state';

const DAY_MS = 24 * 60 * 60 * 1000;
const INSTALL_HINT_KEY = 'installHintDismissed';

/** iPad or iPhone Safari in a tab, not opened from the home screen. */
const isAppleTabNotInstalled = (): boolean => {
  const nav = navigator as Navigator & { standalone?: boolean };
  const isAppleTouch =
    /iPad|iPhone|iPod/.test(nav.userAgent) ||
    (nav.userAgent.includes('Macintosh') && nav.maxTouchPoints > 1);
  const standalone =
    nav.standalone === true || window.matchMedia?.('(display-mode: standalone)').matches;
  return isAppleTouch && !standalone;
};

export function StorageHealth({ store }: { store: LocalStore }) {
  const health = useWatch(() => storageHealth(store), [store]);
  const [installHint, setInstallHint] = useState(
    () => isAppleTabNotInstalled() && localStorage.getItem(INSTALL_HINT_KEY) !== '1',
  );
  const [now] = useState(() => Date.now());

  const stale =
    health?.oldestWaitingAt !== undefined && now - Date.parse(health.oldestWaitingAt) > DAY_MS;

  return (
    <>
      {upgradedElsewhere.value && (
        <section class="banner banner-warn" role="alert">
          <p>
            Waymark was updated in another tab. Reload this page to carry on: everything you saved
            is kept.
          </p>
          <button type="button" class="primary" onClick={() => location.reload()}>
            Reload
          </button>
        </section>
      )}
      {health?.eviction && (
        <section class="banner banner-warn" role="alert">
          <p>
            This browser cleared the app's saved data on this device (noticed{' '}
            {formatWhen(health.eviction.detectedAt)}). Everything that had synced is safe on the
            server and has been downloaded again. Changes made on this device but not synced before
            then could not be recovered. To stop this happening again, install the app (add it to
            the home screen) and sync every day.
          </p>
          <button type="button" class="quiet" onClick={() => void dismissEvictionNotice(store)}>
            I understand
          </button>
        </section>
      )}
      {stale && (
        <section class="banner banner-warn" role="status">
          <p>
            Some changes have waited more than a day to sync (the oldest since{' '}
            {formatWhen(health!.oldestWaitingAt!)}). They are only on this device until they do:
            connect to the school Wi-Fi and press “Sync now”.
          </p>
        </section>
      )}
      {installHint && (
        <section class="banner" role="note">
          <p>
            On iPad, add Waymark to your home screen: tap the Share button, then “Add to Home
            Screen”, and open it from there. Safari may delete what this app saves if it is not used
            for 7 days; once added to the home screen, it keeps it.
          </p>
          <button
            type="button"
            class="quiet"
            onClick={() => {
              localStorage.setItem(INSTALL_HINT_KEY, '1');
              setInstallHint(false);
            }}
          >
            Got it
          </button>
        </section>
      )}
    </>
  );
}
