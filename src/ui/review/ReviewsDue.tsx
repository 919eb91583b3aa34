/**
 * Learning plans whose review falls in the next two weeks (or is overdue),
 * flagged on the home screen in one line that opens to the list.
 */
import { daysUntil, localDate, type SignedInStaff } from '../../domain';
import { reviewsDue, type LocalStore } from '../../storage';
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
  const due = useWatch(() => reviewsDue(store, staff, today), [store, staff.id, today]);
  if (!due || due.length === 0) return null;
  const overdue = due.filter(({ plan }) => daysUntil(plan.reviewDate, today) < 0).length;
  const names = [...new Set(due.map(({ childName }) => childName))];
  const shown = names.slice(0, 2).join(', ');
  const more = names.length > 2 ? ` and ${names.length - 2} more` : '';
  // Why one line, closed: the teacher opens this screen mid-lesson to tick,
  // so the tick buttons must be above the fold; the reviews are a reminder.
  return (
    <details class="reviews-due" data-testid="reviews-due">
      <summary>
        <span class="due-flag">
          {due.length === 1 ? '1 review' : `${due.length} reviews`} due
          {overdue > 0 ? ` (${overdue} overdue)` : ' in the next two weeks'}
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
      </ul>
    </details>
  );
}
