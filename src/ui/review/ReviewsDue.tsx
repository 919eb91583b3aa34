/** Learning plans whose review falls in the next two weeks (or is overdue), flagged on the home screen. */
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
  return (
    <section class="panel reviews-due" aria-labelledby="reviews-due-heading">
      <h2 id="reviews-due-heading">
        <span class="due-flag">Reviews due in the next two weeks</span>
      </h2>
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
    </section>
  );
}
