/**
 * The SENCo's intervention groups: each active group with its provision,
 * staff, children, weekly schedule, dates and sessions delivered against
 * planned so far; a way to start a new group or change one; and the
 * archived groups, to restore.
 */
import { useEffect, useState } from 'preact/hooks';
import { WEEKDAYS } from '../../domain';
import {
  ValidationError,
  groupsOverview,
  setGroupArchived,
  type GroupOverview,
  type LocalStore,
} from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { dayLabel, plural, ukDate } from '../sessions/labels';
import '../sessions/sessions.css';
import { groupFlash } from './model';
import { Loading } from '../components/Loading';

const DAY_WORDS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri' } as const;

/** "Mon 09:05, Wed 09:05" in week order. */
export const scheduleLabel = (schedule: GroupOverview['schedule']): string =>
  [...schedule]
    .sort(
      (a, b) =>
        WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.time.localeCompare(b.time),
    )
    .map((slot) => `${DAY_WORDS[slot.weekday]} ${slot.time}`)
    .join(', ');

const deliveryLabel = (group: GroupOverview): string => {
  if (group.status === 'upcoming')
    return `Starts ${dayLabel(group.startDate)}: nothing planned yet`;
  if (group.plannedSoFar === 0) {
    return `${plural(group.delivered, 'session')} delivered; no planned session due yet`;
  }
  const rate = Math.round((group.delivered / group.plannedSoFar) * 100);
  return `${group.delivered} of ${plural(group.plannedSoFar, 'planned session')} delivered so far (${rate}%)`;
};

function GroupCard({ group }: { group: GroupOverview }) {
  return (
    <li data-testid="group-row">
      <h2>
        <a href={`/groups/${group.id}`}>{group.name}</a>
      </h2>
      <p>
        {group.provisionName} · {group.isOneToOne ? '1:1' : 'Group'} ·{' '}
        {plural(group.childCount, 'child', 'children')}
      </p>
      <p>Run by {group.staffNames.join(', ') || 'nobody yet'}</p>
      <p data-testid="group-schedule">
        {scheduleLabel(group.schedule)} · {plural(group.sessionMinutes, 'minute')}
      </p>
      <p data-testid="group-dates">
        {ukDate(group.startDate)} to {ukDate(group.endDate)}
        {group.status === 'ended' ? ' · ended' : ''}
      </p>
      <p class="delivery" data-testid="group-delivery">
        {deliveryLabel(group)}
        {group.unscheduled > 0 ? `, ${group.unscheduled} of them unscheduled` : ''}
      </p>
      {group.problems.map((problem) => (
        <p class="field-error" key={problem}>
          <span aria-hidden="true">▲ </span>Check this group: {problem}
        </p>
      ))}
      {group.isWaiting && (
        <p class="slot-meta" data-testid="group-waiting">
          Changes waiting to sync
        </p>
      )}
      <a class="button-link quiet" href={`/groups/${group.id}/edit`}>
        Change<span class="visually-hidden"> {group.name}</span>
      </a>
    </li>
  );
}

export function GroupsListView({ store }: { store: LocalStore }) {
  const overview = useWatch(() => groupsOverview(store), [store]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const message = groupFlash.value;
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => (groupFlash.value = undefined), 8_000);
    return () => clearTimeout(timer);
  }, [message]);
  const restore = async (group: GroupOverview) => {
    try {
      await setGroupArchived(store, group.id, false);
      groupFlash.value = `${group.name} restored.`;
      setProblem(undefined);
    } catch (error) {
      setProblem(
        error instanceof ValidationError
          ? error.message
          : 'The group could not be restored on this device. Try again.',
      );
    }
  };
  return (
    <section aria-labelledby="groups-heading">
      <h1 id="groups-heading">Groups</h1>
      <p class="lede">
        Intervention groups: who gets which provision, from whom, and when. TAs see their groups’
        sessions in “My sessions today”.
      </p>
      {message && (
        <p class="flash" role="status">
          <span aria-hidden="true">✓ </span>
          {message}
        </p>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <p>
        <a class="button-link primary" href="/groups/new">
          New group
        </a>
      </p>
      {overview === undefined ? (
        <Loading />
      ) : (
        <>
          {overview.active.length === 0 ? (
            <p class="empty">No active groups. Start one with “New group”.</p>
          ) : (
            <ul class="week-groups group-cards" aria-label="Active groups">
              {overview.active.map((group) => (
                <GroupCard key={group.id} group={group} />
              ))}
            </ul>
          )}
          {overview.archived.length > 0 && (
            <details class="archived-groups">
              <summary>Archived groups ({overview.archived.length})</summary>
              <ul class="plain-list">
                {overview.archived.map((group) => (
                  <li key={group.id} data-testid="archived-group">
                    <span>
                      <a href={`/groups/${group.id}`}>{group.name}</a> · {group.provisionName} ·{' '}
                      {ukDate(group.startDate)} to {ukDate(group.endDate)} ·{' '}
                      {plural(group.delivered, 'session')} delivered
                    </span>
                    <button type="button" class="quiet" onClick={() => void restore(group)}>
                      Restore<span class="visually-hidden"> {group.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
