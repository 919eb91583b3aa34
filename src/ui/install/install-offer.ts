/**
 * Installing the app where the browser offers it (Chromium on Android
 * tablets, Chromebooks and laptops: the `beforeinstallprompt` event). The
 * event is kept, so the app can show its own quiet "Install the app" button
 * and call `prompt()` when the person chooses to. iPad Safari has no such
 * event: StorageHealth explains "Add to Home Screen" there instead.
 * Why install at all: an installed app keeps its storage (Safari deletes a
 * tab's data after 7 days unused) and opens like the other apps on a tablet.
 */
import { signal } from '@preact/signals';

/** The browser's install offer (not yet in TypeScript's DOM types). */
export type InstallOfferEvent = Event & {
  prompt: () => Promise<unknown>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform?: string }>;
};

/** The offer while the browser holds one open; undefined once used or installed. */
export const installOffer = signal<InstallOfferEvent | undefined>(undefined);

let isListening = false;

/** Keep every install offer the browser makes from now on (once per page). */
export const listenForInstallOffer = (target: Window = window): void => {
  if (isListening) return;
  isListening = true;
  target.addEventListener('beforeinstallprompt', (event) => {
    // Why prevent the default: the browser's own banner would cover the
    // lesson; the app's button stays quiet until someone wants it.
    event.preventDefault();
    installOffer.value = event as InstallOfferEvent;
  });
  target.addEventListener('appinstalled', () => {
    installOffer.value = undefined;
  });
};

/**
 * Show the browser's install dialog. An offer can be used once, so it is
 * dropped whatever the answer (the browser makes a new one if it may).
 */
export const installApp = async (): Promise<'accepted' | 'dismissed' | 'unavailable'> => {
  const offer = installOffer.value;
  if (!offer) return 'unavailable';
  installOffer.value = undefined;
  await offer.prompt();
  const choice = await offer.userChoice;
  return choice.outcome;
};
