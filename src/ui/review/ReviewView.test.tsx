import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../domain';
import { AUTUMN_2026, SPRING_2027 } from '../../domain/testing';
import { useFixture, type Fixture } from '../testing/fixtures';
import { ReviewView } from './ReviewView';
import { ReviewsDue } from './ReviewsDue';

let fixture: Fixture;
useFixture((created) => (fixture = created));
beforeEach(async () => {
  // Four lessons on the first termly target: achieved in all of them.
  for (let day = 10; day < 14; day++) {
    await fixture.pullTick({ outcome: 'achieved', recordedAt: `2026-11-${day}T09:00:00.000Z` });
  }
});

const renderReview = (setsSenStatus = false) =>
  render(
    <LocationProvider>
      <ReviewView store={fixture.store} planId={fixture.planId} setsSenStatus={setsSenStatus} />
    </LocationProvider>,
  );

/** Reviews the fixture plan with these decisions on 23 November. */
const saveReview = async (...decisions: string[]) => {
  await reviewTarget('Greet an adult each morning');
  for (const decision of decisions) fireEvent.click(screen.getByLabelText(decision));
  fireEvent.input(screen.getByLabelText('Date of this review'), {
    target: { value: '2026-11-23' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Save review' }));
};
const outboxEntities = async () =>
  (await fixture.store.db.outbox.toArray()).map((entry) => entry.mutation.entity);

const reviewTarget = async (text: string) =>
  (await screen.findAllByTestId('review-target')).find((el) => el.textContent?.includes(text))!;

describe('the review', () => {
  it('defaults the next review to the end of next term, following the review date until set', async () => {
    const [school] = await fixture.store.db.records('school').toArray();
    await fixture.store.db.records('school').put({ ...school!, terms: [AUTUMN_2026, SPRING_2027] });
    renderReview();
    await reviewTarget('Greet an adult each morning');
    const next = () => (screen.getByLabelText('Next review date') as HTMLInputElement).value;
    const setDate = (value: string) =>
      fireEvent.input(screen.getByLabelText('Date of this review'), { target: { value } });
    setDate('2026-11-23');
    // Not Friday 18 December, the end of this term: the end of spring.
    await waitFor(() => expect(next()).toBe('2027-03-26'));
    setDate('2026-12-30');
    expect(next()).toBe('2027-03-26');
    fireEvent.input(screen.getByLabelText('Next review date'), { target: { value: '2027-02-12' } });
    setDate('2026-11-24');
    expect(next()).toBe('2027-02-12');
  });

  it('summarises each target’s ticks and suggests an outcome the reviewer can change', async () => {
    renderReview();
    const ticked = await reviewTarget('Greet an adult each morning');
    expect(ticked.textContent).toMatch(/4 ticks · 4 achieved, 0 partly, 0 not yet, 0 absent/);
    expect(ticked.textContent).toMatch(/Suggested: Achieved/);
    const select = within(ticked).getByLabelText(
      'Outcome for “Greet an adult each morning”',
    ) as HTMLSelectElement;
    expect(select.value).toBe('achieved');
    const unticked = await reviewTarget('Move on when the timer sounds');
    expect(unticked.textContent).toMatch(/Suggested: Carry over/);

    fireEvent.change(select, { target: { value: 'partly' } });
    fireEvent.click(screen.getByLabelText('Step down support'));
    fireEvent.input(screen.getByLabelText('Date of this review'), {
      target: { value: '2026-11-23' },
    });
    fireEvent.input(screen.getByLabelText('Next review date'), { target: { value: '2027-03-24' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save review' }));
    await waitFor(async () => expect(await fixture.store.db.records('review').count()).toBe(1));
    const [review] = await fixture.store.db.records('review').toArray();
    expect(review).toMatchObject({
      childId: fixture.childId,
      planId: fixture.planId,
      date: '2026-11-23',
      decisions: ['step_down'],
      nextReviewDate: '2027-03-24',
    });
    const outcomes = review!.targetOutcomes as { targetId: string; outcome: string }[];
    expect(outcomes).toHaveLength(5);
    expect(outcomes.find((entry) => entry.targetId === fixture.termlyIds[0])?.outcome).toBe(
      'partly',
    );
    expect(outcomes.find((entry) => entry.targetId === fixture.termlyIds[1])?.outcome).toBe(
      'carry_over',
    );
    // The plan's review date moves on to the next one.
    await waitFor(async () =>
      expect((await fixture.store.db.records('learningPlan').get(fixture.planId))?.reviewDate).toBe(
        '2027-03-24',
      ),
    );
  });

  it('closes an achieved target and carries one over, counted afresh from the review', async () => {
    renderReview();
    const achieved = await reviewTarget('Greet an adult each morning');
    expect(achieved.textContent).toContain('Met: the target closes and is no longer ticked');
    const carried = await reviewTarget('Move on when the timer sounds');
    expect(carried.textContent).toContain('Carried over: stays on the plan');
    const startedBefore = (await fixture.store.db.records('target').get(fixture.termlyIds[1]!))!
      .startDate;
    expect(startedBefore < '2026-11-23').toBe(true);
    await saveReview('Continue');
    await waitFor(async () =>
      expect(
        (await fixture.store.db.records('target').get(fixture.termlyIds[0]!))?.isArchived,
      ).toBe(true),
    );
    const kept = await fixture.store.db.records('target').get(fixture.termlyIds[1]!);
    expect(kept).toMatchObject({ startDate: '2026-11-23' });
    expect(kept?.isArchived).not.toBe(true);
  });

  it('refuses a next review date before the review, beside the field, and writes nothing', async () => {
    renderReview();
    await reviewTarget('Greet an adult each morning');
    fireEvent.click(screen.getByLabelText('Continue'));
    fireEvent.input(screen.getByLabelText('Date of this review'), {
      target: { value: '2026-11-23' },
    });
    fireEvent.input(screen.getByLabelText('Next review date'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save review' }));
    const message = await screen.findByText(
      'The next review date must be after the date of this review.',
    );
    expect(screen.getByLabelText('Next review date').getAttribute('aria-describedby')).toContain(
      message.id,
    );
    expect(await fixture.store.db.outbox.count()).toBe(0);
    expect(await fixture.store.db.records('review').count()).toBe(0);
  });

  it('asks for a decision before saving', async () => {
    renderReview();
    await reviewTarget('Greet an adult each morning');
    fireEvent.click(screen.getByRole('button', { name: 'Save review' }));
    expect(await screen.findByText('Choose at least one decision.')).toBeTruthy();
    expect(await fixture.store.db.outbox.count()).toBe(0);
  });

  it('flags reviews due in the next two weeks, and not those further off', async () => {
    const laterPlan = newId();
    await fixture.pull('learningPlan', laterPlan, {
      childId: fixture.childId,
      title: 'Reading plan',
      startDate: '2026-09-14',
      reviewDate: '2027-02-01',
      isArchived: false,
    });
    // The fixture plan's review is on 1 December 2026: eight days after 23 November.
    render(
      <LocationProvider>
        <ReviewsDue
          store={fixture.store}
          staff={{ id: fixture.teacherId, name: 'Jo Hughes', role: 'teacher', schoolId: newId() }}
          today="2026-11-23"
        />
      </LocationProvider>,
    );
    const due = await screen.findAllByTestId('review-due');
    expect(due).toHaveLength(1);
    expect(due[0]!.textContent).toMatch(
      /Ava Khan: EHCP termly next steps · 01\/12\/2026 \(in 8 days\)/,
    );
    expect(screen.queryByText(/Reading plan/)).toBeNull();
  });
});

describe('a step up or down at a review', () => {
  const atMonitoring = () =>
    fixture.pull('child', fixture.childId, { senStatus: 'monitoring', areasOfNeed: ['semh'] });

  it('from a teacher: says the SENCo confirms it, records the step, and leaves the status', async () => {
    await atMonitoring();
    renderReview(false);
    await reviewTarget('Greet an adult each morning');
    fireEvent.click(screen.getByLabelText('Step up support'));
    expect((await screen.findByTestId('step-effect')).textContent).toBe(
      'SEN status: Monitoring → SEN support. The SENCo is asked to confirm it.',
    );
    fireEvent.click(screen.getByLabelText('Step up support'));
    await saveReview('Step up support');
    await waitFor(async () => expect(await fixture.store.db.records('review').count()).toBe(1));
    const [review] = await fixture.store.db.records('review').toArray();
    expect(review).toMatchObject({ senStatusFrom: 'monitoring', senStatusTo: 'sen_support' });
    expect((await fixture.store.db.records('child').get(fixture.childId))?.senStatus).toBe(
      'monitoring',
    );
    // Nothing the server would refuse from a teacher: no write to the child.
    expect(await outboxEntities()).not.toContain('child');
  });

  it('from the SENCo: moves the status with the review, in the same save', async () => {
    await atMonitoring();
    renderReview(true);
    await reviewTarget('Greet an adult each morning');
    fireEvent.click(screen.getByLabelText('Step up support'));
    expect((await screen.findByTestId('step-effect')).textContent).toBe(
      'SEN status: Monitoring → SEN support, when you save this review.',
    );
    fireEvent.click(screen.getByLabelText('Step up support'));
    await saveReview('Step up support');
    await waitFor(async () =>
      expect(await fixture.store.db.records('child').get(fixture.childId)).toMatchObject({
        senStatus: 'sen_support',
        senStatusConfirmedOn: '2026-11-23',
      }),
    );
    // The targets' outcomes close or carry them over, the SEN register
    // history gains its dated line, and the reviewer's focus on the child runs
    // on to the next review (next term's), in the same save.
    expect([...new Set(await outboxEntities())].sort()).toEqual([
      'child',
      'focusChild',
      'learningPlan',
      'review',
      'senRegisterEntry',
      'target',
    ]);
  });

  it('says why an EHCP stays, and refuses up and down at once', async () => {
    renderReview(true);
    await reviewTarget('Greet an adult each morning');
    fireEvent.click(screen.getByLabelText('Step down support'));
    expect((await screen.findByTestId('step-effect')).textContent).toBe(
      'Stays at EHCP: only the local authority can cease a plan.',
    );
    fireEvent.click(screen.getByLabelText('Step down support'));
    await saveReview('Step down support', 'Step up support');
    expect(await screen.findByText('Choose step up or step down, not both.')).toBeTruthy();
    expect(await fixture.store.db.outbox.count()).toBe(0);
    expect((await fixture.store.db.records('child').get(fixture.childId))?.senStatus).toBe('ehcp');
  });

  it('runs the reviewer’s focus on the child on to the next review, and no one else’s', async () => {
    const someoneElses = newId();
    await fixture.pull('focusChild', someoneElses, {
      childId: fixture.childId,
      classId: fixture.classId,
      staffId: fixture.taId,
      reason: 'Reading group',
      until: '2026-12-18',
      isArchived: false,
    });
    render(
      <LocationProvider>
        <ReviewView store={fixture.store} planId={fixture.planId} reviewerId={fixture.teacherId} />
      </LocationProvider>,
    );
    await reviewTarget('Greet an adult each morning');
    fireEvent.click(screen.getByLabelText('Continue'));
    fireEvent.input(screen.getByLabelText('Date of this review'), {
      target: { value: '2026-11-23' },
    });
    fireEvent.input(screen.getByLabelText('Next review date'), { target: { value: '2027-03-24' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save review' }));
    await waitFor(async () => expect(await fixture.store.db.records('review').count()).toBe(1));
    const focus = await fixture.store.db.records('focusChild').toArray();
    expect(focus.find((f) => f.staffId === fixture.teacherId)?.until).toBe('2027-03-24');
    expect(focus.find((f) => f.id === someoneElses)?.until).toBe('2026-12-18');
  });
});
