/** The SENCo's view of every tick that has reached this device, newest first. */
import { OUTCOME_LABELS, SUPPORT_LABELS } from '../../domain';
import { recentTicks, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';
import { TableWrap } from '../components/TableWrap';

export function TicksView({ store }: { store: LocalStore }) {
  const ticks = useWatch(() => recentTicks(store, 500), [store]);
  // A tick a later tick supersedes was changed (or undone); the rest stand.
  const supersededBy = new Map(
    (ticks ?? []).filter((tick) => tick.supersedesId).map((tick) => [tick.supersedesId!, tick]),
  );
  const statusOf = (tick: { id: string; isWithdrawn?: boolean }): string =>
    tick.isWithdrawn
      ? 'Undo'
      : supersededBy.get(tick.id)?.isWithdrawn
        ? 'Undone'
        : supersededBy.has(tick.id)
          ? 'Changed'
          : 'Current';
  return (
    <section aria-labelledby="ticks-heading">
      <h1 id="ticks-heading">Ticks recorded</h1>
      {ticks === undefined ? (
        <p class="empty">Loading…</p>
      ) : ticks.length === 0 ? (
        <p class="empty">No ticks have been recorded yet.</p>
      ) : (
        <TableWrap label="Ticks recorded">
          <table>
            <caption class="visually-hidden">Most recent ticks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Child</th>
                <th scope="col">Target</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {ticks.map((tick) => (
                <tr
                  key={tick.id}
                  data-testid="tick-row"
                  data-tick-id={tick.id}
                  data-lesson-id={tick.lessonId}
                >
                  <td>{formatWhen(tick.recordedAt)}</td>
                  <td>{tick.childName}</td>
                  <td>{tick.targetText}</td>
                  <td>
                    {OUTCOME_LABELS[tick.outcome]}
                    {tick.support ? ` · ${SUPPORT_LABELS[tick.support].toLowerCase()}` : ''}
                    {tick.note ? ` · ${tick.note}` : ''}
                  </td>
                  <td data-testid="tick-status">{statusOf(tick)}</td>
                  <td>{tick.staffName ?? (tick.isWaiting ? 'You (waiting to sync)' : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
