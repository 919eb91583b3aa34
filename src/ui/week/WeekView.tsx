/**
 * The TA's week: each group's sessions logged against planned, the children
 * who have missed two or more sessions, and anything still waiting to sync
 * (so "did it save?" has an answer). Each planned session whose time has
 * come and that nobody logged opens its register against its own slot.
 */
import type { SignedInStaff } from '../../domain';
import { myWeek, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { dayLabel, longDayLabel, plural } from '../sessions/labels';
import '../sessions/sessions.css';
import { Loading } from '../components/Loading';

const logHref = (groupId: string, slot: { date: string; time: string }) =>
  `/sessions/log/${groupId}?${new URLSearchParams({ ...slot, back: '/week' }).toString()}`;

export function WeekView({ store, staff }: { store: LocalStore; staff: SignedInStaff }) {
  const week = useWatch(() => myWeek(store, staff.id), [store, staff.id]);
  if (week === undefined) return <Loading />;
  return (
    <section aria-labelledby="week-heading" class="my-week">
      <h1 id="week-heading">My week</h1>
      <p class="lede">
        {dayLabel(week.weekStart)} to {dayLabel(week.weekEnd)}
      </p>

      <h2 class="section-heading">Sessions logged against planned</h2>
      {week.groups.length === 0 ? (
        <p class="empty">You are not running any groups.</p>
      ) : (
        <ul class="week-groups">
          {week.groups.map((group) => {
            const missing = group.toLog.length;
            return (
              <li key={group.id} data-testid="week-group">
                <h3>
                  <a href={`/groups/${group.id}`}>{group.name}</a>
                </h3>
                <p>
                  <strong>{group.loggedThisWeek} logged</strong>
                  {group.unscheduledThisWeek > 0
                    ? ` (${group.unscheduledThisWeek} unscheduled)`
                    : ''}{' '}
                  · {plural(group.plannedThisWeek, 'session')} planned this week,{' '}
                  {group.plannedSoFar === 0 ? 'none' : group.plannedSoFar} up to today
                </p>
                <p class={missing === 0 ? 'week-ok' : 'week-missing'}>
                  {missing === 0 ? (
                    <>
                      <span aria-hidden="true">✓ </span>Nothing still to log
                    </>
                  ) : (
                    <>
                      <span aria-hidden="true">▲ </span>
                      {plural(missing, 'planned session')} not logged yet
                    </>
                  )}
                </p>
                {/* Why a link per slot: a session run on Monday and logged on
                    Wednesday is Monday's planned session, not an extra one. */}
                {missing > 0 && (
                  <ul class="week-to-log">
                    {group.toLog.map((slot) => (
                      <li key={`${slot.date} ${slot.time}`}>
                        <a
                          class="button-link quiet"
                          href={logHref(group.id, slot)}
                          aria-label={`Log ${group.name}: ${longDayLabel(slot.date)} at ${slot.time}`}
                        >
                          Log {dayLabel(slot.date)} {slot.time}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h2 class="section-heading">Children who missed two or more sessions</h2>
      {week.missed.length === 0 ? (
        <p class="empty">Nobody has missed two or more sessions.</p>
      ) : (
        <ul class="plain-list">
          {week.missed.map((row) => (
            <li key={`${row.groupName}:${row.childId}`} data-testid="missed-child">
              <strong>{row.name}</strong> missed {row.missed} of {plural(row.sessions, 'session')}{' '}
              of {row.groupName}
            </li>
          ))}
        </ul>
      )}

      <h2 class="section-heading">Waiting to sync</h2>
      {week.waiting.length === 0 ? (
        <p class="empty" data-testid="nothing-waiting">
          <span aria-hidden="true">✓ </span>Nothing waiting: everything you logged has reached the
          school.
        </p>
      ) : (
        <>
          <p>
            {plural(week.waiting.length, 'change')} saved on this device, waiting to sync. They sync
            by themselves when there is a connection.
          </p>
          <ul class="plain-list">
            {week.waiting.map((item) => (
              <li key={item.id} data-testid="waiting-item">
                {item.what} · {dayLabel(item.when)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
