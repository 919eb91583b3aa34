import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { newId } from '../../domain';
import { useFixture, type Fixture } from '../testing/fixtures';
import { FocusChildrenView } from './FocusChildrenView';

let fixture: Fixture;
// The list shows today's ticks, so the device clock is the real one.
useFixture(
  (created) => (fixture = created),
  () => Date.now(),
);

const renderFocusChildren = () =>
  render(
    <LocationProvider>
      <FocusChildrenView
        store={fixture.store}
        staff={{ id: fixture.teacherId, name: 'Jo Hughes', role: 'teacher', schoolId: newId() }}
      />
    </LocationProvider>,
  );

const targetGroup = (text: string) => screen.findByRole('group', { name: text });
const ticks = () => fixture.store.db.records('tick').toArray();

describe('the focus children', () => {
  it('shows a tap in the same render, before the device has saved it', async () => {
    renderFocusChildren();
    const group = await targetGroup('Greet an adult each morning');
    const achieved = within(group).getByRole('button', { name: 'Achieved' });
    fireEvent.click(achieved);
    // No waiting: the click's own render shows it.
    expect(achieved.getAttribute('aria-pressed')).toBe('true');
    expect(within(group).getByTestId('tick-state').textContent).toBe(
      'Achieved · saving on this device',
    );
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(
        /^Achieved at .* · waiting to sync$/,
      ),
    );
    expect(await ticks()).toMatchObject([
      { outcome: 'achieved', targetId: fixture.termlyIds[0], childId: fixture.childId },
    ]);
  });

  it('lets two quick taps stand as one tick that corrects the first', async () => {
    renderFocusChildren();
    const group = await targetGroup('Move on when the timer sounds');
    fireEvent.click(within(group).getByRole('button', { name: 'Partly' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Not yet' }));
    expect(
      within(group).getByRole('button', { name: 'Not yet' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/^Not yet at/),
    );
    const rows = await ticks();
    expect(rows).toHaveLength(2);
    const partly = rows.find((row) => row.outcome === 'partly')!;
    expect(rows.find((row) => row.outcome === 'not_yet')).toMatchObject({
      supersedesId: partly.id,
    });
  });

  it("adds a tick beside another adult's instead of correcting it", async () => {
    const theirs = newId();
    await fixture.pullTick(
      {
        targetId: fixture.termlyIds[2],
        outcome: 'partly',
        recordedAt: new Date().toISOString(),
        recordedBy: fixture.taId,
      },
      theirs,
    );
    renderFocusChildren();
    const group = await targetGroup('Work with a partner for 10 minutes');
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(
        /^Partly at .* · synced$/,
      ),
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Achieved' }));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/^Achieved at/),
    );
    const mine = (await ticks()).find((row) => row.id !== theirs)!;
    expect(mine).toMatchObject({ outcome: 'achieved' });
    expect(mine.supersedesId).toBeUndefined();
  });

  it("shows only today's ticks: yesterday's stand in the record, not on today's buttons", async () => {
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    await fixture.pullTick({ outcome: 'achieved', recordedAt: yesterday });
    renderFocusChildren();
    const group = await targetGroup('Greet an adult each morning');
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toBe('Not ticked today'),
    );
    expect(
      within(group).getByRole('button', { name: 'Achieved' }).getAttribute('aria-pressed'),
    ).toBe('false');
  });

  it('offers only termly next steps as ticks, never the EHCP outcome or annual target', async () => {
    renderFocusChildren();
    await targetGroup('Greet an adult each morning');
    expect(
      screen.queryByRole('group', { name: 'Take part in learning alongside peers' }),
    ).toBeNull();
    expect(screen.queryByRole('group', { name: 'Cope with changes in the school day' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Achieved' })).toHaveLength(3);
  });
});
