/** The SENCo's view of every tick that has reached this device, newest first. */
import { OUTCOME_LABELS, SUPPORT_LABELS, correctionStatuses } from '../../domain';
import type { CorrectionStatus } from '../../domain';
import { recentTicks, type LocalStore } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';
import { TableWrap } from '../components/TableWrap';
import { Loading } from '../components/Loading';

const STATUS_LABELS: Record<CorrectionStatus, string> = {
  standing: 'Current',
  changed: 'Changed',
  withdrawn: 'Undone',
  undo: 'Undo',
};

export function TicksView({ store }: { store: LocalStore }) {
  const ticks = useWatch(() => recentTicks(store, 500), [store]);
  // What became of each tick, by the one rule of which version stands.
  const statuses = correctionStatuses(ticks ?? []);
  const statusOf = (tick: { id: string }): string =>
    STATUS_LABELS[statuses.get(tick.id) ?? 'standing'];
  return (
    <section aria-labelledby="ticks-heading">
      <h1 id="ticks-heading">Ticks recorded</h1>
      {ticks === undefined ? (
        <Loading />
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
