/**
 * Always on screen: how many changes wait to sync, when sync last succeeded,
 * how far a long sync has got, and what to do if it cannot sync.
 *
 * Only what matters is announced to screen readers (a polite live region):
 * the number waiting, going offline, a problem. "Syncing…" and "last synced
 * at" change every time the timer syncs (every 20 seconds), so they sit
 * beside the live region, not in it: a screen reader would otherwise talk
 * over the lesson three times a minute.
 */
import { syncOverview, type LocalStore, type SyncOverview } from '../../storage';
import { useWatch } from '../hooks/use-watch';
import { formatWhen } from '../format';

type Described = { live: string; detail: string; tone: 'ok' | 'wait' | 'warn' };

// One formatter, made once: toLocaleString builds a new one on every call, and
// this line is redrawn after every tap.
const COUNT = new Intl.NumberFormat('en-GB');
const count = (n: number): string => COUNT.format(n);

const describe = (overview: SyncOverview): Described => {
  const waiting =
    overview.waiting === 0
      ? 'All changes synced.'
      : `${count(overview.waiting)} change${overview.waiting === 1 ? '' : 's'} waiting to sync.`;
  const last = overview.lastSuccessAt
    ? `Last synced ${formatWhen(overview.lastSuccessAt)}.`
    : 'Not synced yet.';
  switch (overview.state) {
    case 'syncing': {
      const received = overview.received ?? 0;
      // A first sync of a large school is thousands of records: say how far it has got.
      const detail =
        received === 0
          ? 'Syncing…'
          : overview.lastSuccessAt
            ? `Syncing… ${count(received)} records received so far.`
            : `Getting your school’s records onto this device: ${count(received)} so far…`;
      return { live: waiting, detail, tone: 'wait' };
    }
    case 'offline':
      return {
        live: `${waiting} Offline: saved on this device.`,
        detail: last,
        tone: overview.waiting ? 'wait' : 'ok',
      };
    case 'needs_sign_in':
    case 'update_needed':
    case 'error':
      return {
        live: `${waiting} ${overview.message ?? 'Sync is paused.'}`,
        detail: last,
        tone: 'warn',
      };
    default:
      return { live: waiting, detail: last, tone: overview.waiting ? 'wait' : 'ok' };
  }
};

export function SyncStatus({ store, onSyncNow }: { store: LocalStore; onSyncNow: () => void }) {
  const overview = useWatch(() => syncOverview(store), [store]);
  if (!overview) return null;
  const { live, detail, tone } = describe(overview);
  return (
    <div class={`sync-status sync-${tone}`} data-testid="sync-status">
      <p>
        <span role="status">{live}</span> <span data-testid="sync-detail">{detail}</span>
      </p>
      {overview.needsAttention > 0 && (
        <a href="/attention" class="attention-link">
          ▲ {overview.needsAttention} change{overview.needsAttention === 1 ? ' needs' : 's need'}{' '}
          attention
        </a>
      )}
      {overview.unreadable > 0 && (
        <p class="attention-link" data-testid="sync-unreadable">
          ▲ {overview.unreadable} change{overview.unreadable === 1 ? '' : 's'} from the server could
          not be read on this device and {overview.unreadable === 1 ? 'was' : 'were'} set aside.
          Everything else keeps syncing. Updating the app may let this device read{' '}
          {overview.unreadable === 1 ? 'it' : 'them'}.
        </p>
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
