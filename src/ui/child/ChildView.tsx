/**
 * The child's page: active targets with their recent ticks as a compact
 * run, the passport (editable), the learning plans as a tree of targets
 * (EHCP outcome -> annual target -> termly next step), and the history of
 * every tick and review, corrections included.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  AREA_OF_NEED_LABELS,
  OUTCOME_LABELS,
  REVIEW_DECISION_LABELS,
  REVIEW_TARGET_OUTCOME_LABELS,
  SEN_STATUS_LABELS,
  SUPPORT_LABELS,
  TARGET_LEVEL_LABELS,
  VULNERABLE_GROUP_LABELS,
  addDays,
  daysUntil,
  localDate,
  nextTermlyReview,
  rollUpHeadline,
  tickCountsInWords,
  type Passport,
  type StoredRecord,
  type TreeNode,
  childName,
  legalNameIfDifferent,
} from '../../domain';
import {
  archiveLearningPlan,
  archiveTarget,
  childPage,
  savePassport,
  type ChildPage,
  type ChildTargetView,
  type HistoryItem,
  type LocalStore,
  type PlanView,
} from '../../storage';
import type { ViewLog } from '../../sync';
import { useWatch } from '../hooks/use-watch';
import { formatDate, formatWhen } from '../format';
import { OutcomeRun } from './OutcomeRun';
import { PreviousSchoolRecords } from './PreviousSchoolRecord';
import { Field } from '../components/Field';
import { PlanForm, TargetForm, fieldErrorsFrom } from './forms';
import '../teaching.css';
import { StatusMessage } from '../components/StatusMessage';
import { LostEditNotices } from '../components/LostEditNotices';
import { Loading, NotOnThisDevice } from '../components/Loading';

const day = (date: string) => formatDate(`${date}T12:00:00`);

const PASSPORT_FIELDS = [
  ['strengths', 'Strengths'],
  ['needs', 'Needs'],
  ['whatHelpsMe', 'What helps me'],
  ['pupilVoice', 'Pupil voice'],
  ['parentVoice', 'Parent voice'],
] as const;
type PassportField = (typeof PASSPORT_FIELDS)[number][0];

function PassportPanel({
  store,
  childId,
  passport,
}: {
  store: LocalStore;
  childId: string;
  passport?: StoredRecord<'passport'>;
}) {
  const initial = Object.fromEntries(
    PASSPORT_FIELDS.map(([field]) => [field, passport?.[field] ?? '']),
  ) as Record<PassportField, string>;
  const [draft, setDraft] = useState<Partial<Record<PassportField, string>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    try {
      // Only the fields this person changed: someone else's edit to another field stands.
      await savePassport(store, passport?.id, childId, draft as Partial<Omit<Passport, 'childId'>>);
      setDraft({});
      setErrors({});
      setSaved(true);
    } catch (caught) {
      setErrors(fieldErrorsFrom(caught));
    }
  };
  return (
    <section class="panel" aria-labelledby="passport-heading">
      <h2 id="passport-heading">Passport</h2>
      {passport && <LostEditNotices store={store} entity="passport" entityId={passport.id} />}
      <form class="stack-form passport-form" onSubmit={(event) => void submit(event)} noValidate>
        {PASSPORT_FIELDS.map(([field, label]) => (
          <Field key={field} id={`passport-${field}`} label={label} error={errors[field]}>
            {(aria) => (
              <textarea
                {...aria}
                rows={2}
                value={draft[field] ?? initial[field]}
                onInput={(e) => {
                  setSaved(false);
                  setDraft({ ...draft, [field]: e.currentTarget.value });
                }}
              />
            )}
          </Field>
        ))}
        {errors._ && <p class="error">{errors._}</p>}
        <div class="row-actions">
          <button type="submit" class="primary">
            Save passport
          </button>
          <StatusMessage message={saved ? 'Saved on this device.' : undefined} inline />
        </div>
      </form>
    </section>
  );
}

function TargetNode({
  store,
  node,
  page,
  planId,
}: {
  store: LocalStore;
  node: TreeNode<ChildTargetView>;
  page: ChildPage;
  planId?: string;
}) {
  const target = node.item;
  const [isEditing, setEditing] = useState(false);
  const parents = allTargets(page).filter((candidate) => candidate.level !== 'termly');
  return (
    <li class="tree-item" data-testid="tree-target">
      <span class="level">{TARGET_LEVEL_LABELS[target.level]}</span>
      <LostEditNotices store={store} entity="target" entityId={target.id} />
      {target.rolled && (
        <p class="counts" data-testid="rolled-up">
          {rollUpHeadline(target.rolled)}
          {target.rolled.ticks.total > 0 &&
            ` · ticks on its steps: ${tickCountsInWords(target.rolled.ticks)}`}
          {target.rolled.judged &&
            ` · at review: ${REVIEW_TARGET_OUTCOME_LABELS[target.rolled.judged].toLowerCase()}`}
        </p>
      )}
      <details>
        <summary>{target.text}</summary>
        <dl class="plan-dates">
          {target.areaOfNeed && (
            <div>
              <dt>Area of need</dt>
              <dd>{AREA_OF_NEED_LABELS[target.areaOfNeed]}</dd>
            </div>
          )}
          <div>
            <dt>Since</dt>
            <dd>{day(target.startDate)}</dd>
          </div>
        </dl>
        {target.successCriteria && <p>Success criteria: {target.successCriteria}</p>}
        {target.strategies && <p>Strategies: {target.strategies}</p>}
        <div class="row-actions">
          <button type="button" class="quiet small" onClick={() => setEditing(!isEditing)}>
            Edit target
          </button>
          <button
            type="button"
            class="quiet small"
            onClick={() => void archiveTarget(store, target.id)}
          >
            Archive target
          </button>
        </div>
        {isEditing && (
          <TargetForm
            store={store}
            childId={page.child.id}
            planId={planId}
            target={target}
            parents={parents}
            defaultStartDate={target.startDate}
            onDone={() => setEditing(false)}
          />
        )}
      </details>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TargetNode
              key={child.item.id}
              store={store}
              node={child}
              page={page}
              planId={planId}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

const allTargets = (page: ChildPage): ChildTargetView[] => {
  const out: ChildTargetView[] = [];
  const walk = (nodes: TreeNode<ChildTargetView>[]) =>
    nodes.forEach((node) => {
      out.push(node.item);
      walk(node.children);
    });
  page.plans.forEach((plan) => walk(plan.tree));
  walk(page.unplanned);
  return out;
};

function PlanCard({ store, view, page }: { store: LocalStore; view: PlanView; page: ChildPage }) {
  const { plan } = view;
  const [isEditing, setEditing] = useState(false);
  const [isAdding, setAdding] = useState(false);
  const today = localDate();
  const days = daysUntil(plan.reviewDate, today);
  return (
    <article class="plan-card" aria-labelledby={`plan-${plan.id}`} data-testid="plan">
      <h3 id={`plan-${plan.id}`}>{plan.title}</h3>
      <LostEditNotices store={store} entity="learningPlan" entityId={plan.id} />
      <dl class="plan-dates">
        {plan.areaOfNeed && (
          <div>
            <dt>Area of need</dt>
            <dd>{AREA_OF_NEED_LABELS[plan.areaOfNeed]}</dd>
          </div>
        )}
        <div>
          <dt>Started</dt>
          <dd>{day(plan.startDate)}</dd>
        </div>
        <div>
          <dt>Review</dt>
          <dd>{day(plan.reviewDate)}</dd>
        </div>
      </dl>
      {view.isReviewDue && (
        <p>
          <span class="due-flag">
            {days < 0
              ? `Review overdue by ${-days} day${days === -1 ? '' : 's'}`
              : days === 0
                ? 'Review due today'
                : `Review due in ${days} day${days === 1 ? '' : 's'}`}
          </span>
        </p>
      )}
      <div class="row-actions">
        <a class="button-link" href={`/review/${plan.id}`}>
          Review this plan
        </a>
        <button type="button" class="quiet small" onClick={() => setEditing(!isEditing)}>
          Edit plan
        </button>
        <button
          type="button"
          class="quiet small"
          onClick={() => void archiveLearningPlan(store, plan.id)}
        >
          Archive plan
        </button>
      </div>
      {isEditing && (
        <PlanForm
          store={store}
          childId={page.child.id}
          plan={plan}
          defaults={plan}
          onDone={() => setEditing(false)}
        />
      )}
      {view.tree.length === 0 ? (
        <p class="empty">No targets in this plan yet.</p>
      ) : (
        <ul class="tree" aria-label={`Targets in ${plan.title}`}>
          {view.tree.map((node) => (
            <TargetNode key={node.item.id} store={store} node={node} page={page} planId={plan.id} />
          ))}
        </ul>
      )}
      <button type="button" class="quiet small" onClick={() => setAdding(!isAdding)}>
        Add a target to this plan
      </button>
      {isAdding && (
        <TargetForm
          store={store}
          childId={page.child.id}
          planId={plan.id}
          parents={allTargets(page).filter((candidate) => candidate.level !== 'termly')}
          defaultStartDate={today}
          onDone={() => setAdding(false)}
        />
      )}
    </article>
  );
}

function HistoryEntry({ item }: { item: HistoryItem }) {
  if (item.kind === 'review') {
    const { review } = item;
    return (
      <li data-testid="history-item">
        <span class="when">{formatWhen(item.at)}</span> · Review
        {item.staffName ? ` by ${item.staffName}` : ''}: {review.targetOutcomes.length} target
        {review.targetOutcomes.length === 1 ? '' : 's'} (
        {review.targetOutcomes
          .map((entry) => REVIEW_TARGET_OUTCOME_LABELS[entry.outcome].toLowerCase())
          .join(', ')}
        ); {review.decisions.map((decision) => REVIEW_DECISION_LABELS[decision]).join(', ')}
        {review.senStatusFrom && review.senStatusTo
          ? ` (SEN status ${SEN_STATUS_LABELS[review.senStatusFrom]} → ${SEN_STATUS_LABELS[review.senStatusTo]})`
          : ''}
        {review.nextReviewDate ? `; next review ${day(review.nextReviewDate)}` : ''}
      </li>
    );
  }
  const { tick } = item;
  const status =
    item.status === 'changed'
      ? ' (changed later)'
      : item.status === 'withdrawn'
        ? ' (undone)'
        : item.status === 'undo'
          ? ''
          : '';
  return (
    <li data-testid="history-item" data-status={item.status}>
      <span class="when">{formatWhen(item.at)}</span> ·{' '}
      {item.status === 'undo' ? (
        <>Undid a tick on “{item.targetText}”</>
      ) : (
        <span class={item.status === 'standing' ? '' : 'changed'}>
          {item.targetText}: <strong>{OUTCOME_LABELS[tick.outcome]}</strong>
          {tick.support ? ` · ${SUPPORT_LABELS[tick.support].toLowerCase()}` : ''}
          {tick.note ? ` · “${tick.note}”` : ''}
        </span>
      )}
      {status}
      {' · '}
      {tick.staffName ?? (tick.isWaiting ? 'you (waiting to sync)' : 'someone')}
    </li>
  );
}

export function ChildView({
  store,
  childId,
  views,
}: {
  store: LocalStore;
  childId: string;
  /** Where opening the child's page is noted for the audit log. */
  views?: Pick<ViewLog, 'record'>;
}) {
  const today = localDate();
  useEffect(() => {
    void views?.record(childId, 'child_record');
  }, [views, childId]);
  const page = useWatch(() => childPage(store, childId, today), [store, childId, today]);
  const [isAddingPlan, setAddingPlan] = useState(false);
  const [isAddingTarget, setAddingTarget] = useState(false);
  if (page === undefined) return <Loading />;
  if (!page) {
    return <NotOnThisDevice title="Child not found" who="They" />;
  }
  const { child } = page;
  const name = childName(child);
  const legal = legalNameIfDifferent(child);
  const groups = (child.groups ?? []).map(
    (code) => VULNERABLE_GROUP_LABELS[code as keyof typeof VULNERABLE_GROUP_LABELS] ?? code,
  );
  const history = page.history.slice(0, 100);
  return (
    <section class="child-page" aria-labelledby="child-heading">
      <h1 id="child-heading">{name}</h1>
      {legal && <p class="legal-name">Legal name: {legal}</p>}
      <p class="child-meta">
        {page.className && <span>{page.className}</span>}
        <span class="tag">{SEN_STATUS_LABELS[child.senStatus]}</span>
        {(child.areasOfNeed ?? []).map((area) => (
          <span class="tag" key={area}>
            {AREA_OF_NEED_LABELS[area]}
          </span>
        ))}
        {groups.map((group) => (
          <span class="tag" key={group}>
            {group}
          </span>
        ))}
      </p>
      <p class="row-actions">
        <a class="button-link" href={`/child/${child.id}/parent-copy`}>
          Parent copy of the plan
        </a>
        {(child.senStatus === 'ehcp' ||
          allTargets(page).some((target) => target.level === 'ehcp_outcome')) && (
          <a class="button-link" href={`/child/${child.id}/annual-review`}>
            Annual review pack
          </a>
        )}
      </p>
      {page.focus.map((focus) => (
        <p class="focus-reason" key={focus.id}>
          Focus child until {day(focus.until)}: {focus.reason}
        </p>
      ))}

      <div class="two-col">
        <section class="panel" aria-labelledby="active-heading">
          <h2 id="active-heading">Active targets</h2>
          {page.activeTargets.length === 0 ? (
            <p class="empty">No active termly targets.</p>
          ) : (
            <ul class="active-targets">
              {page.activeTargets.map((target) => (
                <li key={target.id} data-testid="active-target">
                  <strong>{target.text}</strong>
                  <OutcomeRun outcomes={target.recent.map((tick) => tick.outcome)} />
                  {target.summary.total > 0 && (
                    <p class="counts">
                      {`${target.summary.counts.achieved} achieved, ${target.summary.counts.partly} partly, ${target.summary.counts.not_yet} not yet, ${target.summary.counts.absent} absent`}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        {/* Keyed by the child, not the passport: a first save creates the passport, and
            remounting then would drop the "Saved on this device" confirmation. */}
        <PassportPanel key={child.id} store={store} childId={child.id} passport={page.passport} />
      </div>

      <section class="panel" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Learning plans</h2>
        {page.plans.length === 0 && <p class="empty">No learning plan yet.</p>}
        {page.plans.map((view) => (
          <PlanCard key={view.plan.id} store={store} view={view} page={page} />
        ))}
        {page.unplanned.length > 0 && (
          <div class="plan-card">
            <h3>Targets outside a plan</h3>
            <ul class="tree">
              {page.unplanned.map((node) => (
                <TargetNode key={node.item.id} store={store} node={node} page={page} />
              ))}
            </ul>
          </div>
        )}
        <div class="row-actions">
          <button type="button" class="quiet" onClick={() => setAddingPlan(!isAddingPlan)}>
            New learning plan
          </button>
          <button type="button" class="quiet" onClick={() => setAddingTarget(!isAddingTarget)}>
            New target outside a plan
          </button>
        </div>
        {isAddingPlan && (
          <PlanForm
            store={store}
            childId={child.id}
            defaults={{
              startDate: today,
              reviewDate: nextTermlyReview(addDays(today, 1), page.calendar),
            }}
            onDone={() => setAddingPlan(false)}
          />
        )}
        {isAddingTarget && (
          <TargetForm
            store={store}
            childId={child.id}
            parents={allTargets(page).filter((candidate) => candidate.level !== 'termly')}
            defaultStartDate={today}
            onDone={() => setAddingTarget(false)}
          />
        )}
      </section>

      <section class="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p class="empty">Nothing recorded yet.</p>
        ) : (
          <ul class="history">
            {history.map((item) => (
              <HistoryEntry
                key={item.kind === 'tick' ? item.tick.id : item.review.id}
                item={item}
              />
            ))}
          </ul>
        )}
      </section>
      <PreviousSchoolRecords store={store} childId={child.id} />
    </section>
  );
}
