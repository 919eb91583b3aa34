import { render, screen, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { newId, type Role } from '../../domain';
import type { Signed } from '../app-state';
import { useFixture, type Fixture } from '../testing/fixtures';
import SencoArea from './SencoArea';

let fixture: Fixture;
useFixture((created) => (fixture = created));

/** Just what the reports read of a signed-in person: their role, their store. */
const signedInAs = (role: Role): Signed =>
  ({
    session: {
      token: 'test-token',
      staff: { id: newId(), name: 'Helen Marsh', role, schoolId: newId() },
    },
    store: fixture.store,
  }) as unknown as Signed;

/** A teacher's review that steps Ben up to monitoring: it waits for the SENCo to confirm. */
const pullStepUp = () =>
  fixture.pull(
    'review',
    newId(),
    {
      childId: fixture.otherChildId,
      date: '2026-11-20',
      targetOutcomes: [],
      decisions: ['step_up'],
      senStatusFrom: 'none',
      senStatusTo: 'monitoring',
      recordedAt: '2026-11-20T15:00:00.000Z',
    },
    'event',
  );

const renderArea = (role: Role) =>
  render(
    <LocationProvider>
      <SencoArea current={signedInAs(role)} />
    </LocationProvider>,
  );

describe('the reports for a headteacher', () => {
  it('shows the SENCo’s reports with no button that changes a record, and no Import', async () => {
    await pullStepUp();
    renderArea('headteacher');
    const step = await screen.findByTestId('sen-step');
    expect(step.textContent).toMatch(/Ben Ward.*step up/);
    expect(step.textContent).toMatch(/Waiting for the SENCo to confirm/);
    expect(within(step).queryAllByRole('button')).toEqual([]);
    // Every button left only reads: week navigation, printing, downloads.
    for (const button of screen.queryAllByRole('button')) {
      expect(button.textContent).toMatch(/week|Print|CSV|Download|Export/i);
    }
    const nav = screen.getByRole('navigation', { name: 'Reports' });
    expect(within(nav).queryByRole('link', { name: 'Import' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Provision map' })).toBeTruthy();
  });

  it('gives the SENCo the buttons that settle the same step', async () => {
    await pullStepUp();
    renderArea('senco');
    const step = await screen.findByTestId('sen-step');
    expect(within(step).getByRole('button', { name: 'Move to Monitoring' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Reports' });
    expect(within(nav).getByRole('link', { name: 'Import' })).toBeTruthy();
  });

  it('refuses the reports to a teacher', () => {
    renderArea('teacher');
    expect(screen.getByText(/for the SENCo and the headteacher/)).toBeTruthy();
  });
});
