import { render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { useFixture, type Fixture } from '../testing/fixtures';
import { ChildRecordView } from './ChildRecordView';
import { changeSenStatus } from '../../storage/teaching-commands';

let fixture: Fixture;
useFixture((created) => (fixture = created));

describe('the printed child record', () => {
  it("shows an EHCP outcome's ticks rolled up from its termly steps, not 0 / 0 / 0 / 0", async () => {
    await fixture.pullTick({ outcome: 'achieved', recordedAt: '2026-11-10T09:00:00.000Z' });
    await fixture.pullTick({
      outcome: 'not_yet',
      recordedAt: '2026-11-11T09:00:00.000Z',
      targetId: fixture.termlyIds[1],
    });
    render(
      <LocationProvider>
        <ChildRecordView store={fixture.store} id={fixture.childId} />
      </LocationProvider>,
    );
    const row = (await screen.findByText('Take part in learning alongside peers')).closest('tr')!;
    expect(within(row).getByTestId('record-rolled-up').textContent).toBe('0 of 3 steps achieved');
    expect(row.textContent).toMatch(/1 \/ 0 \/ 1 \/ 0$/);
    const step = screen.getByText('Greet an adult each morning').closest('tr')!;
    expect(step.textContent).toMatch(/1 \/ 0 \/ 0 \/ 0$/);
  });
});

describe('the SEN register history on the child record', () => {
  const renderAs = async (role: 'senco' | 'admin' | 'headteacher') => {
    render(
      <LocationProvider>
        <ChildRecordView store={fixture.store} id={fixture.childId} role={role} />
      </LocationProvider>,
    );
    await screen.findByText('SEN register history');
    // The line itself, so the buttons' absence is not just a screen still loading.
    await waitFor(() =>
      expect(document.querySelector('.sen-history li')?.textContent).toMatch(/2026/),
    );
  };

  it('offers the SENCo both a change and a correction', async () => {
    await changeSenStatus(fixture.store, fixture.childId, 'monitoring', '2026-09-01');
    await renderAs('senco');
    expect(screen.getByRole('form', { name: 'Change SEN status' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Correct / })).toBeTruthy();
  });

  it('offers an admin a change but no correction, which only a SENCo may make', async () => {
    await changeSenStatus(fixture.store, fixture.childId, 'monitoring', '2026-09-01');
    await renderAs('admin');
    expect(screen.getByRole('form', { name: 'Change SEN status' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Correct / })).toBeNull();
  });

  it('offers a headteacher neither, since the server refuses their writes', async () => {
    await changeSenStatus(fixture.store, fixture.childId, 'monitoring', '2026-09-01');
    await renderAs('headteacher');
    expect(screen.queryByRole('form', { name: 'Change SEN status' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Correct / })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change status' })).toBeNull();
  });
});
