import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setSyncStatus } from '../../storage';
import { useFixture, type Fixture } from '../testing/fixtures';
import { SyncStatus } from './SyncStatus';

let fixture: Fixture;
useFixture((created) => (fixture = created));

const renderStatus = () => render(<SyncStatus store={fixture.store} onSyncNow={() => undefined} />);

describe('the sync status', () => {
  it('shows how far a first sync has got, outside the live region', async () => {
    await setSyncStatus(fixture.store, { state: 'syncing', received: 12_500 });
    renderStatus();
    await waitFor(() =>
      expect(screen.getByTestId('sync-detail').textContent).toBe(
        'Getting your school’s records onto this device: 12,500 so far…',
      ),
    );
    // The count changes every page: a screen reader is not told each time.
    expect(screen.getByRole('status').textContent).toBe('All changes synced.');
  });

  it('counts records received in a later sync that runs to many pages', async () => {
    await setSyncStatus(fixture.store, {
      state: 'syncing',
      lastSuccessAt: '2026-11-18T09:00:00.000Z',
      received: 1_000,
    });
    renderStatus();
    await waitFor(() =>
      expect(screen.getByTestId('sync-detail').textContent).toBe(
        'Syncing… 1,000 records received so far.',
      ),
    );
  });

  it('announces what matters (waiting, offline, a problem), not each timed sync', async () => {
    await setSyncStatus(fixture.store, { state: 'idle', lastSuccessAt: '2026-11-18T09:00:00Z' });
    renderStatus();
    const live = await screen.findByRole('status');
    await waitFor(() => expect(live.textContent).toBe('All changes synced.'));
    await setSyncStatus(fixture.store, { state: 'syncing', received: 0 });
    await waitFor(() => expect(screen.getByTestId('sync-detail').textContent).toBe('Syncing…'));
    expect(live.textContent).toBe('All changes synced.');
    await setSyncStatus(fixture.store, { state: 'offline' });
    await waitFor(() =>
      expect(live.textContent).toBe('All changes synced. Offline: saved on this device.'),
    );
  });
});
