/**
 * Learning plans whose review falls in the next two weeks (or is overdue),
 * and EHC plans whose annual review is within eight weeks (with what to do
 * now), flagged on the home screen in one line that opens to the list.
 */
import { ANNUAL_REVIEW_STAGE_WORDS, daysUntil, localDate, type SignedInStaff } from '../../domain';
import { annualReviewsDue, reviewsDue, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatDate } from '../format';
import '../teaching.css';

export function ReviewsDue({
  store,
  staff,
  today = localDate(),
}: {
  store: LocalStore;
  staff: SignedInStaff;
  /** Today's date; given by tests. */
  today?: string;
}) {
  const plans = useWatch(() => reviewsDue(store, staff, today), [store, staff.id, today]);
  const annual = useWatch(() => annualReviewsDue(store, staff, today), [store, staff.id, today]);
  const due = plans ?? [];
  const annualDue = annual ?? [];
  const count = due.length + annualDue.length;
  if (count === 0) return null;
  const overdue =
    due.filter(({ plan }) => daysUntil(plan.reviewDate, today) < 0).length +
    annualDue.filter((entry) => entry.due.stage === 'overdue').length;
  const names = [...new Set([...due, ...annualDue].map(({ childName }) => childName))];
  const shown = names.slice(0, 2).join(', ');
  const more = names.length > 2 ? ` and ${names.length - 2} more` : '';
  // Why one line, closed: the teacher opens this screen mid-lesson to tick,
  // so the tick buttons must be above the fold; the reviews are a reminder.
  return (
    <details class="reviews-due" data-testid="reviews-due">
      <summary>
        <span class="due-flag">
          {count === 1 ? '1 review' : `${count} reviews`} due
          {overdue > 0
            ? ` (${overdue} overdue)`
            : annualDue.length > 0
              ? ' soon'
              : ' in the next two weeks'}
        </span>{' '}
        <span class="due-names">
          {shown}
          {more}
        </span>
      </summary>
      <ul class="history">
        {due.map(({ plan, childName }) => {
          const days = daysUntil(plan.reviewDate, today);
          return (
            <li key={plan.id} data-testid="review-due">
              <a href={`/review/${plan.id}`}>
                {childName}: {plan.title}
              </a>{' '}
              · {formatDate(`${plan.reviewDate}T12:00:00`)}
              {days < 0 ? ' (overdue)' : days === 0 ? ' (today)' : ` (in ${days} days)`}
            </li>
          );
        })}
        {annualDue.map(({ childId, childName, due: annualReview }) => (
          <li key={`annual-${childId}`} data-testid="annual-review-due">
            <a href={`/child/${childId}/annual-review`}>{childName}: EHCP annual review</a> ·{' '}
            {formatDate(`${annualReview.due}T12:00:00`)}
            {annualReview.daysLeft < 0
              ? ` (overdue by ${-annualReview.daysLeft} day${annualReview.daysLeft === -1 ? '' : 's'})`
              : annualReview.daysLeft === 0
                ? ' (today)'
                : ` (in ${annualReview.daysLeft} day${annualReview.daysLeft === 1 ? '' : 's'})`}
            . {ANNUAL_REVIEW_STAGE_WORDS[annualReview.stage]}
          </li>
        ))}
      </ul>
    </details>
  );
}
