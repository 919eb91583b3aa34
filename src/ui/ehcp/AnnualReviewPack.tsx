/**
 * A child's annual review pack, to print and send out before the meeting:
 * for each EHCP outcome its progress rolled up from its termly steps, with
 * the evidence (each step's latest review outcome, its ticks and the notes
 * staff wrote); the provision delivered, in sessions and minutes, against
 * the provision planned (Section F, read from the groups the child is in);
 * and the views of the child, the parents, staff and agencies, captured
 * here and kept with the plan that holds the outcomes.
 */
import { useState } from 'preact/hooks';
import {
  REVIEW_TARGET_OUTCOME_LABELS,
  STEP_STATUS_LABELS,
  calendarOf,
  childAnnualReview,
  latestReviewOutcomes,
  localDate,
  localMoment,
  provisionAgainstPlan,
  rollUp,
  rollUpHeadline,
  standingRecords,
  tickCountsInWords,
  summariseTicks,
  type StoredRecord,
} from '../../domain';
import { saveLearningPlan, schoolRecords, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { Loading, NotOnThisDevice } from '../components/Loading';
import { StatusMessage } from '../components/StatusMessage';
import { knownAs, longDate } from './words';
import './ehcp-print.css';

type Plan = StoredRecord<'learningPlan'>;
const VIEW_FIELDS = [
  ['pupilComments', 'The child’s views'],
  ['parentComments', 'The parents’ or carers’ views'],
  ['staffViews', 'Staff views'],
  ['agencyViews', 'Advice from outside agencies'],
] as const;
type ViewField = (typeof VIEW_FIELDS)[number][0];

function ViewsForm({ store, plan }: { store: LocalStore; plan: Plan }) {
  const [draft, setDraft] = useState<Partial<Record<ViewField, string>>>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      // Only the views changed here, so two people adding views offline both keep theirs.
      await saveLearningPlan(store, plan.id, draft);
      setDraft({});
      setError(undefined);
      setSaved(true);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <form class="stack-form no-print panel" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Add or change views</h2>
      {VIEW_FIELDS.map(([field, label]) => (
        <div key={field} class="stack-form">
          <label for={`view-${field}`}>{label}</label>
          <textarea
            id={`view-${field}`}
            rows={2}
            value={draft[field] ?? plan[field] ?? ''}
            onInput={(e) => {
              setSaved(false);
              setDraft({ ...draft, [field]: e.currentTarget.value });
            }}
          />
        </div>
      ))}
      {error && <p class="error">{error}</p>}
      <div class="row-actions">
        <button type="submit" class="primary">
          Save views
        </button>
        <StatusMessage message={saved ? 'Saved on this device.' : undefined} inline />
      </div>
    </form>
  );
}

export function AnnualReviewPack({ store, childId }: { store: LocalStore; childId: string }) {
  const records = useWatch(() => schoolRecords(store), [store]);
  if (records === undefined) return <Loading />;
  const child = records.children.find((row) => row.id === childId);
  if (!child) return <NotOnThisDevice title="Child not found" who="They" />;
  const name = knownAs(child);
  const today = localDate();
  const targets = records.targets.filter((row) => row.childId === childId);
  const ticks = records.ticks.filter((row) => row.childId === childId);
  const reviews = records.reviews.filter((row) => row.childId === childId);
  const due = childAnnualReview({ child, plans: records.learningPlans, targets, reviews, today });
  const outcomes = targets.filter((row) => row.level === 'ehcp_outcome' && !row.isArchived);
  const planIds = new Set(outcomes.map((row) => row.planId));
  const plan =
    records.learningPlans
      .filter((row) => row.childId === childId && !row.isArchived && planIds.has(row.id))
      .sort((a, b) => a.startDate.localeCompare(b.startDate))[0] ??
    records.learningPlans
      .filter((row) => row.childId === childId && !row.isArchived)
      .sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  const from = due?.from ?? plan?.startDate ?? today;
  const standingTicks = standingRecords(ticks);
  const stepOutcome = latestReviewOutcomes(reviews);
  const provision = provisionAgainstPlan({
    childId,
    interventions: records.interventions,
    provisions: records.provisions,
    sessions: records.sessions,
    calendar: calendarOf(records.school),
    from,
    now: localMoment(),
  });
  const className = records.classes.find((row) => row.id === child.classId)?.name;
  const beneath = (id: string) => targets.filter((row) => row.parentTargetId === id);

  return (
    <article class="annual-review printable" aria-labelledby="annual-review-heading">
      <div class="no-print row-actions">
        <a class="button-link" href={`/child/${childId}`}>
          Back to {name}
        </a>
        <button type="button" class="primary" onClick={() => print()}>
          Print
        </button>
      </div>
      <header class="print-head">
        <p class="school-name">{records.school?.name ?? 'Our school'}</p>
        <h1 id="annual-review-heading">Annual review: {name}</h1>
        <p class="print-date">
          {[
            child.dateOfBirth && `Born ${longDate(child.dateOfBirth)}`,
            className,
            `Printed ${longDate(today)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {due && (
          <p data-testid="annual-review-due-date">
            {due.isFirst ? 'First annual review' : 'Annual review'} due by {longDate(due.due)} (
            {due.months} months after {due.isFirst ? 'the plan began' : 'the last annual review'}
            ). This pack covers {longDate(from)} to {longDate(today)}.
          </p>
        )}
      </header>

      <section aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">Progress towards each outcome</h2>
        {outcomes.length === 0 && <p class="empty">No EHCP outcomes are written yet.</p>}
        {outcomes.map((outcome) => {
          const rolled = rollUp(outcome, targets, ticks, reviews);
          const annualTargets = beneath(outcome.id);
          const step = (row: (typeof targets)[number]) => {
            const own = standingTicks.filter((tick) => tick.targetId === row.id);
            const notes = own.filter((tick) => tick.note).slice(-3);
            const status = stepOutcome.get(row.id);
            if (row.isArchived && !status) return null;
            return (
              <li key={row.id}>
                {row.text}: <strong>{STEP_STATUS_LABELS[status ?? 'not_reviewed']}</strong>
                {own.length > 0 && ` · ticks: ${tickCountsInWords(summariseTicks(own))}`}
                {notes.map((tick) => (
                  <div key={tick.id} class="quiet-words">
                    {longDate(tick.recordedAt)}: “{tick.note}”
                  </div>
                ))}
              </li>
            );
          };
          return (
            <section key={outcome.id} class="outcome-print" data-testid="pack-outcome">
              <h3>{outcome.text}</h3>
              <p>
                <strong>{rollUpHeadline(rolled)}</strong>
                {rolled.ticks.total > 0 &&
                  ` · ticks on its steps: ${tickCountsInWords(rolled.ticks)}`}
                {rolled.judged &&
                  ` · at the last review: ${REVIEW_TARGET_OUTCOME_LABELS[rolled.judged].toLowerCase()}`}
              </p>
              <ul>
                {annualTargets.map((annual) =>
                  (annual.level ?? 'termly') === 'termly' ? (
                    step(annual)
                  ) : (
                    <li key={annual.id}>
                      Annual target: {annual.text}
                      <ul>{beneath(annual.id).map(step)}</ul>
                    </li>
                  ),
                )}
              </ul>
            </section>
          );
        })}
      </section>

      <section aria-labelledby="provision-heading">
        <h2 id="provision-heading">Provision: planned and delivered</h2>
        {provision.length === 0 ? (
          <p class="empty">No provision recorded for this period.</p>
        ) : (
          <table class="print-table">
            <thead>
              <tr>
                <th scope="col">Provision</th>
                <th scope="col">In the plan</th>
                <th scope="col">Planned so far</th>
                <th scope="col">Received</th>
                <th scope="col">Missed</th>
              </tr>
            </thead>
            <tbody>
              {provision.map((line) => (
                <tr key={line.interventionId} data-testid="pack-provision">
                  <td>
                    {line.provisionName}
                    {line.groupName !== line.provisionName && ` (${line.groupName})`}
                  </td>
                  <td>{line.planned}</td>
                  <td>
                    {line.plannedSessions} sessions, {line.plannedMinutes} minutes
                  </td>
                  <td>
                    {line.attended} sessions, {line.attendedMinutes} minutes
                  </td>
                  <td>{line.missed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="views-heading">
        <h2 id="views-heading">Views</h2>
        <dl class="profile">
          {VIEW_FIELDS.map(([field, label]) => (
            <div key={field}>
              <dt>{label}</dt>
              <dd>{plan?.[field] || 'Not given yet.'}</dd>
            </div>
          ))}
        </dl>
      </section>
      {plan ? (
        <ViewsForm store={store} plan={plan} />
      ) : (
        <p class="no-print empty">Add a learning plan to keep views with it.</p>
      )}
    </article>
  );
}
