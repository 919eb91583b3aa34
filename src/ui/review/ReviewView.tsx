/**
 * Reviewing a learning plan: per target, a summary of its ticks since it
 * started and a suggested outcome that the teacher or SENCo confirms or
 * changes; then the decisions (continue, new targets, step up, step down,
 * seek outside advice) and the next review date. Saved as one review event.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  REVIEW_DECISIONS,
  REVIEW_DECISION_LABELS,
  REVIEW_TARGET_OUTCOMES,
  REVIEW_TARGET_OUTCOME_LABELS,
  SEN_STATUS_LABELS,
  localDate,
  reviewPointAfter,
  senStatusAfterReview,
  senStatusStaysBecause,
  type ReviewTargetOutcome,
  childName,
} from '../../domain';
import { recordReview, reviewView, type LocalStore, type ReviewView as Model } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatDate } from '../format';
import { OutcomeRun } from '../child/OutcomeRun';
import { fieldErrorsFrom } from '../child/forms';
import { DateField, Field, TextField } from '../components/Field';
import '../teaching.css';
import { Loading, NotOnThisDevice } from '../components/Loading';
import { ChoiceOptions } from '../components/ChoiceOptions';

type Decision = (typeof REVIEW_DECISIONS)[number];
const day = (date: string) => formatDate(`${date}T12:00:00`);

/** What each outcome does to the target when the review is saved (recordReview). */
const OUTCOME_EFFECTS: Record<ReviewTargetOutcome, string> = {
  achieved: 'Met: the target closes and is no longer ticked in lessons.',
  partly: 'Stays on the plan as it is.',
  not_achieved: 'Stays on the plan as it is.',
  carry_over: 'Carried over: stays on the plan, its ticks counted afresh from this review.',
};

/**
 * What a step up or down will do to the child's SEN status, said before it
 * is saved: moved with the review (the SENCo), sent to the SENCo to confirm
 * (a teacher), or left where it is and why.
 */
function StepEffect({
  view,
  decisions,
  setsSenStatus,
}: {
  view: Model;
  decisions: Decision[];
  setsSenStatus: boolean;
}) {
  if (!decisions.includes('step_up') && !decisions.includes('step_down')) return null;
  const current = view.child.senStatus;
  const to = senStatusAfterReview(current, decisions);
  const stays = senStatusStaysBecause(current, decisions);
  const move = to && `SEN status: ${SEN_STATUS_LABELS[current]} → ${SEN_STATUS_LABELS[to]}`;
  return (
    <p class="note" data-testid="step-effect" role="status">
      {move
        ? setsSenStatus
          ? `${move}, when you save this review.`
          : `${move}. The SENCo is asked to confirm it.`
        : stays}
    </p>
  );
}

function ReviewForm({
  store,
  view,
  setsSenStatus,
  reviewerId,
}: {
  store: LocalStore;
  view: Model;
  setsSenStatus: boolean;
  reviewerId?: string;
}) {
  const { route } = useLocation();
  const today = localDate();
  const [outcomes, setOutcomes] = useState<Record<string, ReviewTargetOutcome>>(() =>
    Object.fromEntries(view.targets.map((entry) => [entry.target.id, entry.suggestion])),
  );
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const [date, setDate] = useState(today);
  // The next review defaults to next term's review point after this one's
  // date, and follows that date until the person sets the next one.
  const [chosenNext, setNext] = useState<string>();
  const nextReviewDate =
    chosenNext ?? (/^\d{4}-\d{2}-\d{2}$/.test(date) ? reviewPointAfter(date, view.calendar) : '');
  const [notes, setNotes] = useState('');
  const [isAnnualReview, setAnnualReview] = useState(false);
  const hasEhcp =
    view.child.senStatus === 'ehcp' ||
    view.targets.some((entry) => entry.target.level === 'ehcp_outcome');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: Event) => {
    event.preventDefault();
    if (decisions.length === 0) {
      setErrors({ decisions: 'Choose at least one decision.' });
      return;
    }
    try {
      await recordReview(
        store,
        {
          childId: view.child.id,
          planId: view.plan.id,
          date,
          targetOutcomes: view.targets.map((entry) => ({
            targetId: entry.target.id,
            outcome: outcomes[entry.target.id] ?? entry.suggestion,
          })),
          decisions,
          nextReviewDate,
          ...(notes.trim() ? { notes } : {}),
          ...(hasEhcp && isAnnualReview ? { isAnnualReview: true } : {}),
        },
        { setsSenStatus, ...(reviewerId ? { reviewerId } : {}) },
      );
      route(`/child/${view.child.id}`);
    } catch (caught) {
      setErrors(fieldErrorsFrom(caught));
    }
  };

  return (
    <form class="stack-form review-form" onSubmit={(event) => void submit(event)} noValidate>
      <section class="panel" aria-labelledby="review-targets-heading">
        <h2 id="review-targets-heading">Targets</h2>
        {view.targets.length === 0 && <p class="empty">This plan has no active targets.</p>}
        {view.targets.map(({ target, summary, suggestion }) => (
          <div class="review-target" key={target.id} data-testid="review-target">
            <p class="target-text">{target.text}</p>
            <OutcomeRun outcomes={summary.run.slice(-10)} />
            <p class="counts">
              Since {day(target.startDate)}: {summary.total} tick{summary.total === 1 ? '' : 's'} ·{' '}
              {summary.counts.achieved} achieved, {summary.counts.partly} partly,{' '}
              {summary.counts.not_yet} not yet, {summary.counts.absent} absent
            </p>
            <p>
              Suggested: <strong>{REVIEW_TARGET_OUTCOME_LABELS[suggestion]}</strong>
            </p>
            <Field
              id={`outcome-${target.id}`}
              label={`Outcome for “${target.text}”`}
              hint={OUTCOME_EFFECTS[outcomes[target.id] ?? suggestion]}
            >
              {(aria) => (
                <select
                  {...aria}
                  value={outcomes[target.id] ?? suggestion}
                  onChange={(e) =>
                    setOutcomes({
                      ...outcomes,
                      [target.id]: e.currentTarget.value as ReviewTargetOutcome,
                    })
                  }
                >
                  <ChoiceOptions
                    values={REVIEW_TARGET_OUTCOMES}
                    label={(outcome) => REVIEW_TARGET_OUTCOME_LABELS[outcome]}
                  />
                </select>
              )}
            </Field>
          </div>
        ))}
      </section>
      <section class="panel" aria-labelledby="review-decisions-heading">
        <h2 id="review-decisions-heading">Decisions</h2>
        <fieldset
          class="checks"
          aria-describedby={errors.decisions ? 'decisions-error' : undefined}
        >
          <legend class="visually-hidden">Decisions</legend>
          {REVIEW_DECISIONS.map((decision) => (
            <label key={decision}>
              <input
                type="checkbox"
                checked={decisions.includes(decision)}
                onChange={(e) =>
                  setDecisions(
                    e.currentTarget.checked
                      ? [...decisions, decision]
                      : decisions.filter((value) => value !== decision),
                  )
                }
              />
              {REVIEW_DECISION_LABELS[decision]}
            </label>
          ))}
        </fieldset>
        <StepEffect view={view} decisions={decisions} setsSenStatus={setsSenStatus} />
        {errors.decisions && (
          <p id="decisions-error" class="error field-error">
            {errors.decisions}
          </p>
        )}
        <TextField
          id="review-date"
          label="Date of this review"
          error={errors.date}
          hint={day(date)}
          type="date"
          value={date}
          onValue={setDate}
        />
        <DateField
          id="next-review-date"
          label="Next review date"
          error={errors.nextReviewDate}
          value={nextReviewDate}
          onValue={setNext}
        />
        {hasEhcp && (
          <label class="check-line">
            <input
              type="checkbox"
              checked={isAnnualReview}
              onChange={(e) => setAnnualReview(e.currentTarget.checked)}
            />
            This is the EHC plan's annual review (the next one falls due from this date)
          </label>
        )}
        <TextField
          id="review-notes"
          label="Notes (optional)"
          error={errors.notes}
          rows={3}
          value={notes}
          onValue={setNotes}
        />
        {errors._ && <p class="error">{errors._}</p>}
        <button type="submit" class="primary">
          Save review
        </button>
      </section>
    </form>
  );
}

export function ReviewView({
  store,
  planId,
  setsSenStatus = false,
  reviewerId,
}: {
  store: LocalStore;
  planId: string;
  /** The reviewer keeps the SEN register (SENCo, admin): a step moves the status at once. */
  setsSenStatus?: boolean;
  /** The member of staff reviewing: their own focus entries for the child run on to the next review. */
  reviewerId?: string;
}) {
  const view = useWatch(() => reviewView(store, planId), [store, planId]);
  if (view === undefined) return <Loading />;
  if (!view) {
    return <NotOnThisDevice title="Plan not found" />;
  }
  const name = childName(view.child);
  return (
    <section aria-labelledby="review-heading">
      <h1 id="review-heading">Review: {view.plan.title}</h1>
      <p class="lede">
        <a href={`/child/${view.child.id}`}>{name}</a> · started {day(view.plan.startDate)} · review
        due {day(view.plan.reviewDate)}
      </p>
      {view.previous.length > 0 && (
        <p class="counts">
          Last reviewed {day(view.previous[0]!.date)} ({view.previous.length} review
          {view.previous.length === 1 ? '' : 's'} so far).
        </p>
      )}
      <ReviewForm
        key={view.plan.id}
        store={store}
        view={view}
        setsSenStatus={setsSenStatus}
        reviewerId={reviewerId}
      />
    </section>
  );
}
