/**
 * Always on screen: how many changes wait to sync, when sync last succeeded,
 * and what to do if it cannot. Announced politely to screen readers.
 */
import { syncOverview, type LocalStore, type SyncOverview } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';

const describe = (overview: SyncOverview): { text: string; tone: 'ok' | 'wait' | 'warn' } => {
  const waiting =
    overview.waiting === 0
      ? 'All changes synced'
      : `${overview.waiting} change${overview.waiting === 1 ? '' : 's'} waiting to sync`;
  const last = overview.lastSuccessAt
    ? `Last synced ${formatWhen(overview.lastSuccessAt)}`
    : 'Not synced yet';
  switch (overview.state) {
    case 'syncing':
      return { text: `${waiting}. Syncing…`, tone: 'wait' };
    case 'offline':
      return {
        text: `${waiting}. Offline: saved on this device. ${last}.`,
        tone: overview.waiting ? 'wait' : 'ok',
      };
    case 'needs_sign_in':
    case 'update_needed':
    case 'error':
      return {
        text: `${waiting}. ${overview.message ?? 'Sync is paused.'} ${last}.`,
        tone: 'warn',
      };
    default:
      return { text: `${waiting}. ${last}.`, tone: overview.waiting ? 'wait' : 'ok' };
  }
};

export function SyncStatus({ store, onSyncNow }: { store: LocalStore; onSyncNow: () => void }) {
  const overview = useWatch(() => syncOverview(store), [store]);
  if (!overview) return null;
  const { text, tone } = describe(overview);
  return (
    <div class={`sync-status sync-${tone}`} data-testid="sync-status">
      <p role="status" aria-live="polite">
        {text}
      </p>
      {overview.needsAttention > 0 && (
        <a href="/attention" class="attention-link">
          ▲ {overview.needsAttention} change{overview.needsAttention === 1 ? ' needs' : 's need'}{' '}
          attention
        </a>
      )}
      <button
        type="button"
        class="quiet"
        onClick={onSyncNow}
        disabled={overview.state === 'syncing'}
      >
        Sync now
      </button>
    </div>
  );
}
