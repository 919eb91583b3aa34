import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { useFixture, type Fixture } from '../testing/fixtures';
import { LessonView } from './LessonView';

let fixture: Fixture;
useFixture((created) => (fixture = created));

const renderLesson = () =>
  render(
    <LocationProvider>
      <LessonView store={fixture.store} lessonId={fixture.lessonId} staffId={fixture.teacherId} />
    </LocationProvider>,
  );

const targetGroup = async (text: string) => screen.findByRole('group', { name: text });
const ticks = () => fixture.store.db.records('tick').toArray();
const outboxCount = () => fixture.store.db.outbox.count();

describe('the lesson', () => {
  it('names a child by their preferred ("known as") name', async () => {
    await fixture.pull('child', fixture.childId, { preferredFirstName: 'Avie' });
    renderLesson();
    expect(await screen.findByRole('article', { name: 'Avie Khan' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Ava Khan' })).toBeNull();
  });

  it('shows each focus child with their termly targets only, not the long-range ones', async () => {
    renderLesson();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Maths · Year 3 Hazel' }),
    ).toBeTruthy();
    const child = await screen.findByRole('article', { name: 'Ava Khan' });
    expect(within(child).getAllByTestId('lesson-target')).toHaveLength(3);
    expect(within(child).queryByText('Cope with changes in the school day')).toBeNull();
    expect(screen.queryByRole('article', { name: 'Ben Ward' })).toBeNull();
  });

  it('records an outcome in one tap, support in a second, and shows it at once', async () => {
    renderLesson();
    const group = await targetGroup('Greet an adult each morning');
    const achieved = within(group).getByRole('button', { name: 'Achieved' });
    fireEvent.click(achieved);
    // The button shows the outcome before the device write has finished.
    await waitFor(() => expect(achieved.getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/waiting to sync/),
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Prompted' }));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/Achieved · prompted at/),
    );
    const rows = await ticks();
    expect(rows).toHaveLength(2);
    const [first, second] = rows.sort(
      (a, b) =>
        String(a.recordedAt).localeCompare(String(b.recordedAt)) || (a.supersedesId ? 1 : -1),
    );
    expect(first).toMatchObject({
      outcome: 'achieved',
      lessonId: fixture.lessonId,
      childId: fixture.childId,
    });
    expect(second).toMatchObject({
      outcome: 'achieved',
      support: 'prompted',
      supersedesId: first!.id,
    });
  });

  it('changes and undoes a tick with new ticks that supersede it, keeping the history', async () => {
    renderLesson();
    const group = await targetGroup('Move on when the timer sounds');
    fireEvent.click(within(group).getByRole('button', { name: 'Partly' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Not yet' }));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/^Not yet at/),
    );
    expect(within(group).getByRole('button', { name: 'Partly' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toBe('Not ticked yet'),
    );
    const rows = await ticks();
    expect(rows).toHaveLength(3);
    const partly = rows.find((row) => row.outcome === 'partly')!;
    const notYet = rows.find((row) => row.outcome === 'not_yet' && !row.isWithdrawn)!;
    const undo = rows.find((row) => row.isWithdrawn)!;
    expect(notYet.supersedesId).toBe(partly.id);
    expect(undo.supersedesId).toBe(notYet.id);
  });

  it('refuses a 100 000-character note beside the field and writes nothing', async () => {
    renderLesson();
    const group = await targetGroup('Work with a partner for 10 minutes');
    fireEvent.click(within(group).getByRole('button', { name: 'Absent' }));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/waiting to sync/),
    );
    // No support for a child who was absent.
    expect(within(group).queryByRole('button', { name: 'Prompted' })).toBeNull();
    const before = await outboxCount();
    fireEvent.click(within(group).getByRole('button', { name: 'Add note' }));
    const note = within(group).getByLabelText('Note (optional)');
    fireEvent.input(note, { target: { value: 'x'.repeat(100_000) } });
    fireEvent.click(within(group).getByRole('button', { name: 'Save note' }));
    const message = await within(group).findByText('Keep a note under 1,000 characters');
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(note.getAttribute('aria-describedby')).toBe(message.id);
    expect(await outboxCount()).toBe(before);
    expect(await ticks()).toHaveLength(1);
  });

  it('hides a target for this lesson and shows it again', async () => {
    renderLesson();
    const group = await targetGroup('Greet an adult each morning');
    fireEvent.click(
      within(group).getByRole('button', {
        name: 'Hide for this lesson: Greet an adult each morning',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'Greet an adult each morning' })).toBeNull(),
    );
    // Undo, at once, beside where it was.
    fireEvent.click(
      await screen.findByRole('button', { name: 'Undo: show Greet an adult each morning' }),
    );
    expect(await targetGroup('Greet an adult each morning')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Undo: show/ })).toBeNull();
    // Hidden again, it can also come back from the hidden targets' list.
    fireEvent.click(
      within(await targetGroup('Greet an adult each morning')).getByRole('button', {
        name: 'Hide for this lesson: Greet an adult each morning',
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Show Greet an adult each morning' }),
    );
    expect(await targetGroup('Greet an adult each morning')).toBeTruthy();
  });

  it('adds a one-off target for another child, and refuses one with no text', async () => {
    renderLesson();
    fireEvent.click(
      await screen.findByRole('button', { name: 'One-off target for another child' }),
    );
    fireEvent.change(screen.getByLabelText('Child'), { target: { value: fixture.otherChildId } });
    const before = await outboxCount();
    fireEvent.click(screen.getByRole('button', { name: 'Add target' }));
    const message = await screen.findByText('Write the target');
    expect(screen.getByLabelText('Target for this lesson').getAttribute('aria-describedby')).toBe(
      message.id,
    );
    expect(await outboxCount()).toBe(before);
    fireEvent.input(screen.getByLabelText('Target for this lesson'), {
      target: { value: 'Use a ruler to underline the date' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add target' }));
    const ben = await screen.findByRole('article', { name: 'Ben Ward' });
    expect(
      within(ben).getByRole('group', { name: /Use a ruler to underline the date/ }),
    ).toBeTruthy();
  });

  it('shows a TA’s tick from another tablet beside the teacher’s once it has synced', async () => {
    renderLesson();
    const group = await targetGroup('Greet an adult each morning');
    fireEvent.click(within(group).getByRole('button', { name: 'Achieved' }));
    await waitFor(() =>
      expect(within(group).getByTestId('tick-state').textContent).toMatch(/waiting to sync/),
    );
    await fixture.pullTick({
      outcome: 'partly',
      support: 'supported',
      recordedAt: '2026-11-23T09:16:00.000Z',
      recordedBy: fixture.taId,
    });
    const other = await within(group).findByTestId('other-tick');
    expect(other.textContent).toMatch(/Alex Morgan: Partly · supported/);
    expect(
      within(group).getByRole('button', { name: 'Achieved' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
