/**
 * The teacher's focus children, each with their active targets and one tap
 * per outcome. The tap writes to the device at once (never the network) and
 * the button shows it in the same frame, before the write has finished; sync
 * follows on its own.
 */
import { useEffect, useMemo } from 'preact/hooks';
import {
  OUTCOMES,
  OUTCOME_LABELS,
  SEN_STATUS_LABELS,
  VULNERABLE_GROUP_LABELS,
  type Outcome,
  type SignedInStaff,
  childName,
} from '../../domain';
import {
  focusChildrenFor,
  type FocusChildView,
  type LocalStore,
  type StandingTick,
  type TargetView,
} from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { createTargetTickModel } from '../components/target-tick-model';
import { formatTime, startOfTodayIso } from '../format';
import { StartLesson } from '../lesson/StartLesson';
import { ReviewsDue } from '../review/ReviewsDue';
import { Loading } from '../components/Loading';

const OUTCOME_SYMBOLS: Record<Outcome, string> = {
  achieved: '✓',
  partly: '◐',
  not_yet: '✗',
  absent: '–',
};

function TargetRow({
  store,
  target,
  childId,
  staffId,
}: {
  store: LocalStore;
  target: TargetView;
  childId: string;
  staffId: string;
}) {
  const tick = target.latestTick;
  // Why only our own: another adult's tick is their observation, not our
  // mistake; a tap then adds a tick of ours beside it instead of replacing it.
  const mine: StandingTick | undefined =
    tick && (tick.recordedBy ?? staffId) === staffId
      ? { ...tick, targetId: target.id, childId }
      : undefined;
  const model = useMemo(
    () => createTargetTickModel(store, { id: target.id, childId }),
    [store, target.id, childId],
  );
  useEffect(() => model.sync(mine), [model, mine?.id]);
  // Why optimistic: the button shows the tap in the same frame, before the
  // device has committed it and the list has been read again.
  const pending = model.optimistic.value;
  const shownOutcome = pending ? pending.outcome : tick?.outcome;
  const error = model.error.value;
  const headingId = `target-${target.id}`;
  return (
    <li class="target" data-testid="target">
      <div role="group" aria-labelledby={headingId}>
        <p id={headingId} class="target-text">
          {target.text}
        </p>
        <div class="outcomes">
          {OUTCOMES.map((outcome) => (
            <button
              type="button"
              key={outcome}
              class={`outcome outcome-${outcome}`}
              aria-pressed={shownOutcome === outcome}
              onClick={() => void model.record({ outcome })}
            >
              <span aria-hidden="true">{OUTCOME_SYMBOLS[outcome]}</span> {OUTCOME_LABELS[outcome]}
            </button>
          ))}
        </div>
        <p class="tick-state" data-testid="tick-state">
          {pending?.outcome
            ? `${OUTCOME_LABELS[pending.outcome]} · saving on this device`
            : tick
              ? `${OUTCOME_LABELS[tick.outcome]} at ${formatTime(tick.recordedAt)} · ${
                  tick.rejectedReason
                    ? 'needs attention'
                    : tick.isWaiting
                      ? 'waiting to sync'
                      : 'synced'
                }`
              : 'Not ticked today'}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

function ChildCard({
  store,
  view,
  staffId,
}: {
  store: LocalStore;
  view: FocusChildView;
  staffId: string;
}) {
  const { child, focus } = view;
  const name = childName(child);
  const groups = (child.groups ?? []).map(
    (code) => VULNERABLE_GROUP_LABELS[code as keyof typeof VULNERABLE_GROUP_LABELS] ?? code,
  );
  return (
    <article class="child-card" aria-labelledby={`child-${child.id}`} data-testid="focus-child">
      <header>
        <h2 id={`child-${child.id}`}>
          <a href={`/child/${child.id}`}>{name}</a>
        </h2>
        <p class="child-meta">
          {view.className && <span>{view.className}</span>}
          {child.senStatus !== 'none' && (
            <span class="tag">{SEN_STATUS_LABELS[child.senStatus]}</span>
          )}
          {groups.map((group) => (
            <span class="tag" key={group}>
              {group}
            </span>
          ))}
        </p>
        <p class="focus-reason">
          <span class="visually-hidden">Why a focus child: </span>
          {focus.reason}
        </p>
      </header>
      {view.targets.length === 0 ? (
        <p class="empty">No active targets.</p>
      ) : (
        <ul class="targets">
          {view.targets.map((target) => (
            <TargetRow
              key={target.id}
              store={store}
              target={target}
              childId={child.id}
              staffId={staffId}
            />
          ))}
        </ul>
      )}
    </article>
  );
}

export function FocusChildrenView({ store, staff }: { store: LocalStore; staff: SignedInStaff }) {
  const since = startOfTodayIso();
  const views = useWatch(() => focusChildrenFor(store, staff, since), [store, staff.id, since]);
  return (
    <section aria-labelledby="focus-heading">
      <h1 id="focus-heading">
        {staff.role === 'senco' ? 'All focus children' : 'My focus children'}
      </h1>
      <StartLesson store={store} staff={staff} />
      <ReviewsDue store={store} staff={staff} />
      {views === undefined ? (
        <Loading />
      ) : views.length === 0 ? (
        <p class="empty">
          No focus children yet. If you have just signed in, they appear once this device has
          synced.
        </p>
      ) : (
        <div class="child-list">
          {views.map((view) => (
            <ChildCard key={view.child.id} store={store} view={view} staffId={staff.id} />
          ))}
        </div>
      )}
    </section>
  );
}
