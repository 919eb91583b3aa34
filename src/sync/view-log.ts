/**
 * Telling the audit log that someone opened a child's record or printed or
 * exported it (docs/domain.md, "Privacy": every view of a child's record is
 * attributable). Why a queue and not a call: a TA opens a child's page in a
 * corridor with no Wi-Fi, and that view must still reach the log, with the
 * time it happened, once the device is back online. Views wait on the
 * device (storage/view-queue.ts) and are sent after each successful sync,
 * one tab at a time.
 */
import { addPendingView, pendingViews, removePendingViews, type LocalStore } from '../storage';
import type { PendingView, ViewWhat } from '../storage';
import { ApiCallError } from './api';

// Named before the product was renamed Waymark; kept so old and new tabs share it.
export const VIEW_LOG_LOCK_NAME = 'target-tracker-view-log';

/** Whether a failed send says nothing about the view itself, so it must be sent again later. */
const isWorthRetrying = (error: unknown): boolean =>
  !(error instanceof ApiCallError) ||
  error.status === 0 ||
  error.status === 401 ||
  error.status === 408 ||
  error.status === 429 ||
  error.status >= 500;

export const createViewLog = (deps: {
  store: LocalStore;
  send: (view: PendingView) => Promise<void>;
  locks?: Pick<LockManager, 'request'>;
  now?: () => Date;
}) => {
  let flushing: Promise<void> | undefined;

  const flushOnce = async (): Promise<void> => {
    const done: PendingView[] = [];
    for (const view of await pendingViews(deps.store)) {
      try {
        await deps.send(view);
        done.push(view);
      } catch (error) {
        if (isWorthRetrying(error)) break;
        // Refused for good (the child has left this person's scope or was
        // erased): sending it again can never succeed.
        done.push(view);
      }
    }
    if (done.length > 0) await removePendingViews(deps.store, done);
  };

  /** Send what is waiting. Why under a lock: two tabs must not report one view twice. */
  const flush = (): Promise<void> => {
    if (!flushing) {
      // The lock's promise settles with the callback's own (typed as nested).
      const run = deps.locks
        ? (deps.locks.request(VIEW_LOG_LOCK_NAME, flushOnce) as Promise<unknown> as Promise<void>)
        : flushOnce();
      flushing = run.finally(() => {
        flushing = undefined;
      });
    }
    return flushing;
  };

  return {
    /** Note a view now (safe on the device at once), then try to send it. */
    record: async (childId: string, what: ViewWhat = 'child_record'): Promise<void> => {
      const viewedAt = (deps.now?.() ?? new Date()).toISOString();
      await addPendingView(deps.store, { childId, what, viewedAt });
      flush().catch(() => undefined);
    },
    flush,
  };
};

export type ViewLog = ReturnType<typeof createViewLog>;
