/** A quiet "Install the app" button, shown only while the browser offers to install it. */
import { installApp, installOffer } from './install-offer';

export function InstallButton({ class: className = 'quiet' }: { class?: string }) {
  if (!installOffer.value) return null;
  return (
    <button type="button" class={className} onClick={() => void installApp()}>
      Install the app
    </button>
  );
}
