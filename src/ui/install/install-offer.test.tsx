import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InstallButton } from './InstallButton';
import { installApp, installOffer, listenForInstallOffer } from './install-offer';

beforeAll(() => listenForInstallOffer(window));
afterEach(() => {
  cleanup();
  installOffer.value = undefined;
});

/** What Chromium fires when the app may be installed. */
const offer = (outcome: 'accepted' | 'dismissed') => {
  const prompts: number[] = [];
  const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
    prompt: async () => {
      prompts.push(1);
    },
    userChoice: Promise.resolve({ outcome, platform: 'web' }),
  });
  window.dispatchEvent(event);
  return { event, prompts };
};

describe('installing the app', () => {
  it('shows no button until the browser offers to install', () => {
    render(<InstallButton />);
    expect(screen.queryByRole('button', { name: 'Install the app' })).toBeNull();
  });

  it('keeps the offer instead of the browser’s banner, and prompts on a click', async () => {
    render(<InstallButton />);
    const { event, prompts } = offer('accepted');
    expect(event.defaultPrevented).toBe(true);
    const button = await screen.findByRole('button', { name: 'Install the app' });
    fireEvent.click(button);
    expect(prompts).toEqual([1]);
    // An offer can be used once: the button goes until the browser makes another.
    await waitFor(() => expect(screen.queryByRole('button')).toBeNull());
  });

  it('says what the person chose', async () => {
    offer('dismissed');
    expect(await installApp()).toBe('dismissed');
    expect(await installApp()).toBe('unavailable');
  });

  it('withdraws the button once the app is installed some other way', async () => {
    render(<InstallButton />);
    offer('accepted');
    await screen.findByRole('button', { name: 'Install the app' });
    window.dispatchEvent(new Event('appinstalled'));
    await waitFor(() => expect(screen.queryByRole('button')).toBeNull());
  });
});
