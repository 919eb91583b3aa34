/**
 * The parent copy of a child's learning plan and one-page profile: plain
 * words, no codes and no ids, the school's name and the date, laid out to
 * print on one side of A4 where it fits (ehcp-print.css). The comments the
 * child and the parents made at the meeting are captured here and kept with
 * the plan (its pupilComments and parentComments fields), so they sync like
 * any other edit of the plan.
 */
import { useState } from 'preact/hooks';
import {
  AREA_OF_NEED_LABELS,
  childAnnualReview,
  localDate,
  rollUp,
  rollUpHeadline,
  type StoredRecord,
} from '../../domain';
import type { SchoolRecords } from '../../domain/reports';
import { saveLearningPlan, schoolRecords, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { Loading, NotOnThisDevice } from '../components/Loading';
import { StatusMessage } from '../components/StatusMessage';
import { longDate, knownAs } from './words';
import './ehcp-print.css';

type Plan = StoredRecord<'learningPlan'>;

/** The plan a parent copy is of: the newest live plan, or the one asked for. */
const currentPlans = (records: SchoolRecords, childId: string): Plan[] =>
  records.learningPlans
    .filter((plan) => plan.childId === childId && !plan.isArchived)
    .sort((a, b) => b.startDate.localeCompare(a.startDate));

function CommentsForm({ store, plan }: { store: LocalStore; plan: Plan }) {
  const [pupil, setPupil] = useState<string | undefined>();
  const [parents, setParents] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      // Only the fields changed here: a colleague's edit of the other one stands.
      await saveLearningPlan(store, plan.id, {
        ...(pupil !== undefined ? { pupilComments: pupil } : {}),
        ...(parents !== undefined ? { parentComments: parents } : {}),
      });
      setPupil(undefined);
      setParents(undefined);
      setError(undefined);
      setSaved(true);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <form class="stack-form no-print panel" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Comments from the meeting</h2>
      <label for="pupil-comments">What the child said</label>
      <textarea
        id="pupil-comments"
        rows={2}
        value={pupil ?? plan.pupilComments ?? ''}
        onInput={(e) => {
          setSaved(false);
          setPupil(e.currentTarget.value);
        }}
      />
      <label for="parent-comments">What the parents or carers said</label>
      <textarea
        id="parent-comments"
        rows={2}
        value={parents ?? plan.parentComments ?? ''}
        onInput={(e) => {
          setSaved(false);
          setParents(e.currentTarget.value);
        }}
      />
      {error && <p class="error">{error}</p>}
      <div class="row-actions">
        <button type="submit" class="primary">
          Save comments
        </button>
        <StatusMessage message={saved ? 'Saved on this device.' : undefined} inline />
      </div>
    </form>
  );
}

export function ParentCopy({ store, childId }: { store: LocalStore; childId: string }) {
  const records = useWatch(() => schoolRecords(store), [store]);
  if (records === undefined) return <Loading />;
  const child = records.children.find((row) => row.id === childId);
  if (!child) return <NotOnThisDevice title="Child not found" who="They" />;
  const name = knownAs(child);
  const passport = records.passports.find((row) => row.childId === childId);
  const plans = currentPlans(records, childId);
  const targets = records.targets.filter((row) => row.childId === childId);
  const ticks = records.ticks.filter((row) => row.childId === childId);
  const reviews = records.reviews.filter((row) => row.childId === childId);
  const today = localDate();
  const annual = childAnnualReview({
    child,
    plans: records.learningPlans,
    targets,
    reviews,
    today,
  });
  const profile = passport
    ? (
        [
          ['What people like about me', passport.strengths],
          ['What I find hard', passport.needs],
          ['How to help me', passport.whatHelpsMe],
          ['What I say', passport.pupilVoice],
          ['What my family say', passport.parentVoice],
        ] as const
      ).filter(([, value]) => value.trim() !== '')
    : [];
  return (
    <article class="parent-copy printable" aria-labelledby="parent-copy-heading">
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
        <h1 id="parent-copy-heading">{name}’s learning plan</h1>
        <p class="print-date">{longDate(today)}</p>
      </header>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">About me</h2>
        {profile.length === 0 ? (
          <p class="empty">Nothing written yet.</p>
        ) : (
          <dl class="profile">
            {profile.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {plans.length === 0 && <p class="empty">There is no learning plan yet.</p>}
      {plans.map((plan) => {
        const mine = targets.filter((row) => row.planId === plan.id && !row.lessonId);
        const outcomes = mine.filter((row) => row.level === 'ehcp_outcome' && !row.isArchived);
        const steps = mine.filter((row) => (row.level ?? 'termly') === 'termly' && !row.isArchived);
        return (
          <section key={plan.id} class="plan-print" aria-label={plan.title}>
            <h2>{plan.title}</h2>
            <p>
              {plan.areaOfNeed && (
                <>Help with {AREA_OF_NEED_LABELS[plan.areaOfNeed].toLowerCase()}. </>
              )}
              Started {longDate(plan.startDate)}; we will look at it again together on{' '}
              {longDate(plan.reviewDate)}.
            </p>
            {outcomes.length > 0 && (
              <>
                <h3>Long-term goals from the Education, Health and Care plan</h3>
                <ul>
                  {outcomes.map((outcome) => (
                    <li key={outcome.id}>
                      {outcome.text}{' '}
                      <span class="quiet-words">
                        ({rollUpHeadline(rollUp(outcome, targets, ticks, reviews)).toLowerCase()})
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>What we are working on this term</h3>
            {steps.length === 0 ? (
              <p class="empty">No steps written yet.</p>
            ) : (
              <ol class="steps">
                {steps.map((step) => (
                  <li key={step.id}>
                    <strong>{step.text}</strong>
                    {step.strategies && <div>How we help: {step.strategies}</div>}
                    {step.successCriteria && <div>How we will know: {step.successCriteria}</div>}
                  </li>
                ))}
              </ol>
            )}
            {(plan.pupilComments || plan.parentComments) && (
              <>
                <h3>What we said at the meeting</h3>
                {plan.pupilComments && (
                  <p>
                    <strong>{name}:</strong> {plan.pupilComments}
                  </p>
                )}
                {plan.parentComments && (
                  <p>
                    <strong>Family:</strong> {plan.parentComments}
                  </p>
                )}
              </>
            )}
          </section>
        );
      })}
      {annual && (
        <p class="quiet-words">
          The next annual review of the Education, Health and Care plan is due by{' '}
          {longDate(annual.due)}.
        </p>
      )}
      {plans[0] && <CommentsForm store={store} plan={plans[0]} />}
    </article>
  );
}
