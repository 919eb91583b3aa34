import { render, screen, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { useFixture, type Fixture } from '../testing/fixtures';
import { ChildRecordView } from './ChildRecordView';

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
