import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain';
import { createLocalStore, type LocalStore, type LostEdit } from '../../storage';
import { LostEditNotices } from './LostEditNotices';
import { lostEditSentence } from './lost-edit-model';

// 10:42 in London on 23 Nov is 10:42 UTC (no summer time).
const NOW = Date.parse('2026-11-23T15:00:00.000Z');
const SENCO = { staffId: newId(), name: 'Sam Patel' };

const stores: LocalStore[] = [];
const openStore = () => {
  const store = createLocalStore({
    deviceId: newId(),
    dbName: `lost-ui-${newId()}`,
    now: () => NOW,
  });
  stores.push(store);
  return store;
};
afterEach(async () => {
  cleanup();
  for (const store of stores.splice(0)) await store.db.delete();
});

const notice = (overrides: Partial<LostEdit> = {}): LostEdit => ({
  id: `${newId()}/text`,
  entity: 'target',
  entityId: newId(),
  field: 'text',
  value: 'Reads eleven words',
  by: SENCO,
  at: '2026-11-23T10:42:00.000Z',
  noticedAt: '2026-11-23T14:00:00.000Z',
  ...overrides,
});

describe('the words of a change that lost', () => {
  const now = new Date(NOW);
  it('says what was changed, what the person had set, by whom and when', () => {
    expect(lostEditSentence(notice(), now)).toBe(
      'Your change to the target’s wording (“Reads eleven words”) was overwritten by Sam Patel at 10:42.',
    );
  });
  it('names the day when it was not today, and says so plainly when it does not know who', () => {
    expect(
      lostEditSentence(
        notice({ field: 'strategies', by: undefined, at: '2026-11-20T09:05:00.000Z' }),
        now,
      ),
    ).toBe(
      'Your change to the strategies (“Reads eleven words”) was overwritten by a newer change on Fri 20 Nov at 09:05.',
    );
    expect(
      lostEditSentence(
        notice({ entity: 'intervention', field: 'sessionMinutes', value: 30, at: undefined }),
        now,
      ),
    ).toBe('Your change to the session minutes was overwritten by Sam Patel.');
  });
  it('says when the newer change was the person’s own', () => {
    expect(lostEditSentence(notice({ isOwn: true, value: '' }), now)).toBe(
      'Your change to the target’s wording was overwritten by your own newer change at 10:42.',
    );
  });
  it('cuts a long value short', () => {
    const sentence = lostEditSentence(notice({ value: 'x'.repeat(500) }), now);
    expect(sentence).toContain(`“${'x'.repeat(79)}…”`);
    expect(sentence.length).toBeLessThan(200);
  });
});

describe('LostEditNotices', () => {
  it('shows the notices on their own record, and each one goes when dismissed', async () => {
    const store = openStore();
    const targetId = newId();
    const wording = notice({ entityId: targetId });
    const strategies = notice({
      id: `${newId()}/strategies`,
      entityId: targetId,
      field: 'strategies',
      value: 'Flash cards',
    });
    const elsewhere = notice({ value: 'Another target' });
    await store.db.lostEdits.bulkPut([wording, strategies, elsewhere]);

    render(<LostEditNotices store={store} entity="target" entityId={targetId} />);
    const items = await screen.findAllByTestId('lost-edit');
    expect(items.map((item) => item.textContent)).toEqual([
      'Your change to the strategies (“Flash cards”) was overwritten by Sam Patel at 10:42. Dismiss',
      'Your change to the target’s wording (“Reads eleven words”) was overwritten by Sam Patel at 10:42. Dismiss',
    ]);
    expect(screen.queryByText(/Another target/)).toBeNull();

    const buttons = screen.getAllByRole('button', { name: 'Dismiss' });
    // The button says which notice it dismisses to a screen reader.
    expect(buttons[1]!.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(buttons[1]!.getAttribute('aria-describedby')!)?.textContent,
    ).toMatch(/^Your change to the target’s wording/);
    fireEvent.click(buttons[1]!);
    await waitFor(() => expect(screen.getAllByTestId('lost-edit')).toHaveLength(1));
    expect(await store.db.lostEdits.get(wording.id)).toBeUndefined();
    expect(await store.db.lostEdits.count()).toBe(2);
  });

  it('shows nothing when no change of the person lost', async () => {
    const store = openStore();
    const { container } = render(
      <LostEditNotices store={store} entity="target" entityId={newId()} />,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.innerHTML).toBe('');
  });
});
