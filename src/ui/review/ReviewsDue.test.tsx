import { render, screen } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { describe, expect, it } from 'vitest';
import { newId } from '../../domain';
import { useFixture, type Fixture } from '../testing/fixtures';
import { ReviewsDue } from './ReviewsDue';

let fixture: Fixture;
useFixture((created) => (fixture = created));

const renderDue = (today: string) =>
  render(
    <LocationProvider>
      <ReviewsDue
        store={fixture.store}
        staff={{ id: fixture.teacherId, name: 'Jo Hughes', role: 'teacher', schoolId: newId() }}
        today={today}
      />
    </LocationProvider>,
  );

const annualReview = (date: string) =>
  fixture.pull(
    'review',
    newId(),
    {
      childId: fixture.childId,
      planId: fixture.planId,
      date,
      targetOutcomes: [],
      decisions: ['continue'],
      isAnnualReview: true,
      recordedAt: `${date}T15:00:00.000Z`,
    },
    'event',
  );

describe('annual reviews in the reviews-due list', () => {
  it('reminds eight weeks before an annual review falls due, 12 months after the last', async () => {
    // Move the termly review out of the way: only the annual review is due.
    await fixture.pull('learningPlan', fixture.planId, { reviewDate: '2027-03-20' });
    await fixture.pull('child', fixture.childId, { dateOfBirth: '2018-04-02' });
    await annualReview('2026-01-20');
    renderDue('2026-11-30');
    const [line] = await screen.findAllByTestId('annual-review-due');
    expect(line!.textContent).toBe(
      'Ava Khan: EHCP annual review · 20/01/2027 (in 51 days). Ask the child, the parents, staff and agencies for their views and advice.',
    );
    expect(
      screen.getByRole('link', { name: 'Ava Khan: EHCP annual review' }).getAttribute('href'),
    ).toBe(`/child/${fixture.childId}/annual-review`);
  });

  it('brings a child under five at the last review forward to six months', async () => {
    await fixture.pull('learningPlan', fixture.planId, { reviewDate: '2027-03-20' });
    await fixture.pull('child', fixture.childId, { dateOfBirth: '2022-02-01' });
    await annualReview('2026-06-01');
    renderDue('2026-11-30');
    const [line] = await screen.findAllByTestId('annual-review-due');
    expect(line!.textContent).toMatch(
      /EHCP annual review · 01\/12\/2026 \(in 1 day\)\. Send the annual review pack/,
    );
    expect(screen.getByTestId('reviews-due').textContent).toMatch(/^1 review due soon/);
  });
});
