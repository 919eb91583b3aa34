import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { newId } from '../../domain';
import { useFixture, type Fixture } from '../testing/fixtures';
import { ChildView } from './ChildView';

let fixture: Fixture;
useFixture((created) => (fixture = created));

const renderChild = () =>
  render(
    <LocationProvider>
      <ChildView store={fixture.store} childId={fixture.childId} />
    </LocationProvider>,
  );
const outboxCount = () => fixture.store.db.outbox.count();

const tick = (outcome: string, minute: number, extra: Record<string, unknown> = {}) =>
  fixture.pullTick({ outcome, recordedAt: `2026-11-${10 + minute}T09:00:00.000Z`, ...extra });

describe('the child’s page', () => {
  it('is headed by the name the child is known by, with the legal name beneath', async () => {
    await fixture.pull('child', fixture.childId, { preferredFirstName: 'Avie' });
    renderChild();
    expect(await screen.findByRole('heading', { level: 1, name: 'Avie Khan' })).toBeTruthy();
    expect(screen.getByText('Legal name: Ava Khan')).toBeTruthy();
  });

  it('shows no legal name line when the child has no preferred name', async () => {
    renderChild();
    expect(await screen.findByRole('heading', { level: 1, name: 'Ava Khan' })).toBeTruthy();
    expect(screen.queryByText(/Legal name/)).toBeNull();
  });

  it('shows active targets with their recent ticks as a run, corrections left out', async () => {
    await tick('achieved', 1);
    const wrong = await tick('not_yet', 2);
    await tick('partly', 3, { supersedesId: wrong });
    renderChild();
    const item = (await screen.findAllByTestId('active-target')).find((el) =>
      el.textContent?.includes('Greet an adult each morning'),
    )!;
    const run = within(item).getByRole('img');
    expect(run.getAttribute('aria-label')).toBe('Last 2 ticks, oldest first: Achieved, Partly');
    expect(item.textContent).toMatch(/1 achieved, 1 partly, 0 not yet, 0 absent/);
    // The long-range targets are in the plan tree, not in the active list.
    expect(screen.getAllByTestId('active-target')).toHaveLength(3);
  });

  it('shows the plan as a tree: EHCP outcome, then annual target, then termly next steps', async () => {
    renderChild();
    const tree = await screen.findByRole('list', { name: 'Targets in EHCP termly next steps' });
    const top = within(tree).getAllByTestId('tree-target')[0]!;
    expect(top.textContent).toMatch(/^EHCP outcome/);
    const annual = within(top).getAllByTestId('tree-target')[0]!;
    expect(annual.textContent).toMatch(/^Annual target.*Cope with changes/);
    expect(within(annual).getAllByTestId('tree-target')).toHaveLength(3);
  });

  it("rolls an outcome's progress up from its termly steps' ticks and review outcomes", async () => {
    await tick('achieved', 1);
    await tick('partly', 2, { targetId: fixture.termlyIds[1] });
    await fixture.pull(
      'review',
      newId(),
      {
        childId: fixture.childId,
        planId: fixture.planId,
        date: '2026-11-20',
        targetOutcomes: [{ targetId: fixture.termlyIds[2], outcome: 'achieved' }],
        decisions: ['continue'],
        recordedAt: '2026-11-20T15:00:00.000Z',
      },
      'event',
    );
    await fixture.pull('target', fixture.termlyIds[2]!, { isArchived: true });
    renderChild();
    const [outcome, annual] = await screen.findAllByTestId('rolled-up');
    // The achieved step was archived by the review and still counts.
    expect(outcome!.textContent).toBe(
      '1 of 3 steps achieved · ticks on its steps: 1 achieved, 1 partly, 0 not yet, 0 absent',
    );
    expect(annual!.textContent).toBe(outcome!.textContent);
  });

  it('saves only the passport fields that changed', async () => {
    const passportId = newId();
    await fixture.pull('passport', passportId, {
      childId: fixture.childId,
      strengths: 'Drawing',
      needs: 'Warning before changes',
      whatHelpsMe: '',
      pupilVoice: '',
      parentVoice: '',
    });
    renderChild();
    const field = await screen.findByLabelText('What helps me');
    fireEvent.input(field, { target: { value: 'A now-and-next board' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save passport' }));
    await screen.findByText('Saved on this device.');
    const [entry] = await fixture.store.db.outbox.toArray();
    expect(entry!.mutation.data).toEqual({ whatHelpsMe: 'A now-and-next board' });
    expect((screen.getByLabelText('Strengths') as HTMLTextAreaElement).value).toBe('Drawing');
  });

  it('confirms the first save of a new passport in a live region, and keeps what was typed', async () => {
    renderChild();
    const status = await screen.findByText((_, element) => element?.textContent === '', {
      selector: '.passport-form [role="status"]',
    });
    fireEvent.input(screen.getByLabelText('Strengths'), { target: { value: 'Lego' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save passport' }));
    // The same region, in the page before the save, now says so (a screen reader reads it out).
    await waitFor(() => expect(status.textContent).toBe('Saved on this device.'));
    expect(status.isConnected).toBe(true);
    await waitFor(() =>
      expect((screen.getByLabelText('Strengths') as HTMLTextAreaElement).value).toBe('Lego'),
    );
    expect(await fixture.store.db.records('passport').count()).toBe(1);
  });

  it('refuses a plan whose review date is before its start date, beside the field', async () => {
    renderChild();
    fireEvent.click(await screen.findByRole('button', { name: 'New learning plan' }));
    const form = screen.getByRole('form', { name: 'New learning plan' });
    fireEvent.input(within(form).getByLabelText('Title'), { target: { value: 'Spring plan' } });
    fireEvent.input(within(form).getByLabelText('Start date'), { target: { value: '2027-01-10' } });
    fireEvent.input(within(form).getByLabelText('Review date'), {
      target: { value: '2027-01-05' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create plan' }));
    const message = await within(form).findByText(
      'The review date must be on or after the start date.',
    );
    expect(within(form).getByLabelText('Review date').getAttribute('aria-describedby')).toContain(
      message.id,
    );
    expect(await outboxCount()).toBe(0);
    expect(await fixture.store.db.records('learningPlan').count()).toBe(1);
  });

  it('refuses a target with no text, and adds one that nests under the annual target', async () => {
    renderChild();
    fireEvent.click(await screen.findByRole('button', { name: 'Add a target to this plan' }));
    const form = screen.getByRole('form', { name: 'New target' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add target' }));
    expect(await within(form).findByText('Write the target')).toBeTruthy();
    expect(await outboxCount()).toBe(0);

    fireEvent.input(within(form).getByLabelText('Target'), {
      target: { value: 'Use the calm corner and come back within 10 minutes' },
    });
    fireEvent.change(within(form).getByLabelText('Part of'), {
      target: { value: fixture.annualId },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add target' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New target' })).toBeNull());
    const rows = await fixture.store.db
      .records('target')
      .where('planId')
      .equals(fixture.planId)
      .toArray();
    const added = rows.find((row) => String(row.text).startsWith('Use the calm corner'))!;
    expect(added).toMatchObject({ parentTargetId: fixture.annualId, level: 'termly' });
  });

  it('says on the target that the person’s change to it was overwritten, until dismissed', async () => {
    const targetId = fixture.termlyIds[0]!;
    await fixture.store.db.lostEdits.put({
      id: `${newId()}/text`,
      entity: 'target',
      entityId: targetId,
      field: 'text',
      value: 'Greet two adults each morning',
      by: { staffId: newId(), name: 'Sam Patel' },
      at: '2026-11-23T08:42:00.000Z',
      noticedAt: '2026-11-23T09:00:00.000Z',
    });
    renderChild();
    const notice = await screen.findByTestId('lost-edit');
    expect(notice.textContent).toContain(
      'Your change to the target’s wording (“Greet two adults each morning”) was overwritten by Sam Patel at 08:42.',
    );
    // On that target's own line in the plan, not on another.
    const line = notice.closest('[data-testid="tree-target"]')!;
    expect(line.querySelector('summary')?.textContent).toBe('Greet an adult each morning');
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('lost-edit')).toBeNull());
  });

  it('lists the history with corrections marked and who recorded each tick', async () => {
    const wrong = await tick('not_yet', 2);
    await tick('partly', 3, { supersedesId: wrong });
    renderChild();
    const items = await screen.findAllByTestId('history-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toMatch(/Partly.*Jo Hughes/);
    expect(items[1]!.getAttribute('data-status')).toBe('changed');
    expect(items[1]!.textContent).toMatch(/Not yet.*\(changed later\)/);
  });
});
