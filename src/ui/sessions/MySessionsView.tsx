/**
 * A TA's home: "My sessions today", in time order. Each scheduled session
 * opens its register in one tap; once logged it says so, with its sync
 * state and a way to correct it. Below, any group can have an unscheduled
 * session logged (a catch-up, an extra 1:1).
 */
import { useEffect } from 'preact/hooks';
import type { SignedInStaff } from '../../domain';
import { mySessionsToday, type LocalStore, type SlotView } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { attendanceLabel, syncLabel } from './SessionSummary';
import { longDayLabel, plural } from './labels';
import { flash } from './model';
import './sessions.css';
import { StatusMessage } from '../components/StatusMessage';
import { Loading } from '../components/Loading';

const logHref = (groupId: string, params: Record<string, string>) =>
  `/sessions/log/${groupId}?${new URLSearchParams(params).toString()}`;

function SlotCard({ slot }: { slot: SlotView }) {
  const headingId = `slot-${slot.key}`;
  const logged = slot.logged;
  return (
    <li class={`slot ${logged ? 'is-logged' : ''}`} data-testid="session-slot">
      <article aria-labelledby={headingId}>
        <p class="slot-time">{slot.time}</p>
        <div class="slot-body">
          <h2 id={headingId}>{slot.groupName}</h2>
          <p class="slot-meta">
            {slot.isOneToOne ? '1:1' : plural(slot.childCount, 'child', 'children')} ·{' '}
            {plural(slot.sessionMinutes, 'minute')}
          </p>
          {logged ? (
            <p class="slot-state" data-testid="slot-state">
              <span aria-hidden="true">✓ </span>Logged: {attendanceLabel(logged)},{' '}
              {plural(logged.minutes, 'minute')}
              {logged.isCorrected ? ' (corrected)' : ''} · {syncLabel(logged)}
            </p>
          ) : (
            <p class="slot-state" data-testid="slot-state">
              Not logged yet
            </p>
          )}
        </div>
        <div class="slot-actions">
          {logged ? (
            <a
              class="button-link quiet"
              href={`/sessions/${logged.id}/correct`}
              aria-label={`Correct the ${slot.time} session`}
            >
              Correct
            </a>
          ) : (
            <a
              class="button-link primary"
              href={logHref(slot.interventionId, { time: slot.time })}
              aria-label={`Log session: ${slot.groupName} at ${slot.time}`}
            >
              Log session
            </a>
          )}
        </div>
      </article>
    </li>
  );
}

export function MySessionsView({ store, staff }: { store: LocalStore; staff: SignedInStaff }) {
  const today = useWatch(() => mySessionsToday(store, staff.id), [store, staff.id]);
  const message = flash.value;
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => (flash.value = undefined), 8_000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <section aria-labelledby="sessions-heading" class="my-sessions">
      <h1 id="sessions-heading">My sessions today</h1>
      <StatusMessage class="flash" message={message} isSuccess />
      {today === undefined ? (
        <Loading />
      ) : (
        <>
          <p class="lede">{longDayLabel(today.today)}</p>
          {!today.isSchoolDay ? (
            <p class="empty">No school today, so no sessions are planned.</p>
          ) : today.slots.length === 0 ? (
            <p class="empty">
              No sessions planned for you today. If you have just signed in, your groups appear once
              this device has synced.
            </p>
          ) : (
            <ul class="slots">
              {today.slots.map((slot) => (
                <SlotCard key={slot.key} slot={slot} />
              ))}
            </ul>
          )}

          {today.extras.length > 0 && (
            <>
              <h2 class="section-heading">Also logged today</h2>
              <ul class="extras">
                {today.extras.map((extra) => (
                  <li key={extra.id} data-testid="extra-session">
                    <strong>{extra.groupName}</strong>: {attendanceLabel(extra)},{' '}
                    {plural(extra.minutes, 'minute')}
                    {extra.isCorrected ? ' (corrected)' : ''} · {syncLabel(extra)} ·{' '}
                    <a
                      href={`/sessions/${extra.id}/correct`}
                      aria-label={`Correct this ${extra.groupName} session`}
                    >
                      Correct
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}

          <h2 class="section-heading">My groups</h2>
          {today.groups.length === 0 ? (
            <p class="empty">You are not running any groups.</p>
          ) : (
            <ul class="group-list">
              {today.groups.map((group) => (
                <li key={group.id} data-testid="my-group">
                  <div>
                    <a href={`/groups/${group.id}`} class="group-link">
                      {group.name}
                    </a>
                    <p class="slot-meta">
                      {group.isOneToOne ? '1:1' : plural(group.childCount, 'child', 'children')} ·
                      sessions and scores
                    </p>
                  </div>
                  <a
                    class="button-link quiet"
                    href={logHref(group.id, { unscheduled: '1' })}
                    aria-label={`Log an unscheduled session for ${group.name}`}
                  >
                    Log an unscheduled session
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
