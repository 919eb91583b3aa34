/**
 * The sync engine, protocol v1: push the outbox in batches, then pull every
 * change after the saved cursor, page by page. The same code runs in the page
 * and in the service worker; `navigator.locks` makes sure only one of them
 * syncs at a time on this device.
 *
 * It never deletes anything a person recorded: the outbox is only emptied by
 * the server's answer for each mutation (see storage/outbox.ts), and every
 * failure leaves the outbox as it was, to be tried again. The one exception
 * is the school's word that this device is revoked (`device_signed_out`,
 * `device_lost`): then the device goes dark (see `goDark`).
 */
import {
  ERROR_CODES,
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  changeSchema,
  type RevocationMode,
  type Change,
  type Mutation,
} from '../domain';
import { routes, type RouteDef, type RouteInput, type RouteOutput } from '../domain/api';
import { api, ApiCallError, CLIENT_ERROR_CODES } from './api';
import {
  applyPulledPage,
  noteUnreadableChanges,
  countUnsent,
  darkenDevice,
  getDarkMark,
  saveDarkMark,
  getCursor,
  noteServerDeviceSeq,
  rewindForNewlyKnownEntities,
  setSyncStatus,
  settlePushResults,
  takeOutboxBatch,
  type LocalStore,
  type SyncState,
} from '../storage';

/**
 * The device-wide sync lock. Why it keeps the product's first name: an open
 * tab or service worker of the previous version takes the lock by this name,
 * and one sync at a time holds only while both versions use the same one.
 */
export const SYNC_LOCK_NAME = 'target-tracker-sync';
export const PULL_PAGE_SIZE = 500;

export type SyncFailure =
  | 'offline'
  | 'needs_sign_in'
  | 'update_needed'
  | 'server_busy'
  | 'server_error'
  | 'client_error'
  /** The school revoked this device: it has removed every child's record. */
  | 'device_dark';

export type SyncResult =
  | { ok: true; pushed: number; rejected: number; pulled: number }
  | { ok: false; reason: SyncFailure; message: string; retryAfterMs?: number };

export type SyncEngineDeps = {
  store: LocalStore;
  getToken: () => Promise<string | undefined>;
  /** Where the API lives; '' for the same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** `navigator.locks` where the runtime has it. */
  locks?: LockManager;
  random?: () => number;
  /**
   * Longest wait for one request, body included (default 30 s). Why: a
   * sync holds the device-wide lock, so a request that hangs (a captive
   * portal, a half-open connection) must end, or every tab and the
   * service worker would wait behind it for ever.
   */
  requestTimeoutMs?: number;
  /** Longest wait for the sync lock before taking it over (default 90 s). */
  lockWaitMs?: number;
};

class SyncStop extends Error {
  constructor(
    readonly reason: SyncFailure,
    message: string,
    readonly retryAfterMs?: number,
    /** Set on a 401 that says the school revoked this device, and how. */
    readonly revocation?: RevocationMode,
  ) {
    super(message);
  }
}

/**
 * The status a failed sync leaves: the failures a person can act on keep
 * their own name (connect, sign in, reload); any other is an error.
 */
const stoppedState = (reason: SyncFailure): SyncState =>
  reason === 'offline' || reason === 'needs_sign_in' || reason === 'update_needed'
    ? reason
    : 'error';

const MESSAGES: Record<SyncFailure, string> = {
  offline:
    'No connection. Your changes are saved on this device and will sync when you are back online.',
  needs_sign_in: 'Please sign in again to sync. Your changes are safe on this device.',
  update_needed:
    'This app needs updating: please reload the page. Your changes are safe on this device.',
  server_busy: 'The server is busy. Your changes are saved here and will sync shortly.',
  server_error: 'The server had a problem. Your changes are saved here and sync will try again.',
  client_error: 'Sync hit a problem. Your changes are saved on this device.',
  device_dark: 'This tablet was signed out by the school. Nothing about children is kept on it.',
};

/** The revocation a 401's code names, if any. */
const revocationOf = (code: string | undefined): RevocationMode | undefined =>
  code === ERROR_CODES.deviceLost
    ? 'lost'
    : code === ERROR_CODES.deviceSignedOut
      ? 'hand_back'
      : undefined;

const TOO_LARGE =
  'This change is too big to send to the server. Copy its details, then discard it and record it again in smaller parts.';

/** In-process mutex, for runtimes without the Web Locks API. */
const localLock = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
};

export const createSyncEngine = (deps: SyncEngineDeps) => {
  const { store } = deps;
  const baseUrl = deps.baseUrl ?? '';
  const doFetch =
    deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const fallbackLock = localLock();
  let batchSize = MAX_PUSH_MUTATIONS;
  let running: Promise<SyncResult> | undefined;
  let again = false;

  const requestTimeoutMs = deps.requestTimeoutMs ?? 30_000;
  const lockWaitMs = deps.lockWaitMs ?? 90_000;

  /**
   * One request through the API client, ended by `requestTimeoutMs` at the
   * latest, body included. A timeout counts as "offline": nothing is
   * settled, so whatever the server did with it is found out (as
   * duplicates) on the next try. Failures are the client's ApiCallError;
   * `stopFor` turns them into the right stop.
   */
  const send = <R extends RouteDef>(
    route: R,
    input: RouteInput<R>,
    token: string,
  ): Promise<RouteOutput<R>> =>
    api(route, input, {
      token,
      baseUrl,
      fetch: doFetch,
      timeoutMs: requestTimeoutMs,
    });

  /** Turn a failed request into the right stop. */
  const stopFor = (error: unknown): unknown => {
    if (!(error instanceof ApiCallError)) return error;
    if (error.status === 0) return new SyncStop('offline', MESSAGES.offline);
    // A success this app cannot read: the server's problem, tried again later.
    if (error.code === CLIENT_ERROR_CODES.badAnswer) {
      return new SyncStop('server_error', MESSAGES.server_error);
    }
    // Not our error shape (a proxy or captive portal page) is treated by status below.
    const code = error.isFromServer ? error.code : undefined;
    const serverMessage = error.isFromServer ? error.message : undefined;
    const { retryAfterMs } = error;
    if (error.status === 401) {
      const revocation = revocationOf(code);
      return new SyncStop('needs_sign_in', MESSAGES.needs_sign_in, undefined, revocation);
    }
    if (code === ERROR_CODES.unsupportedProtocolVersion) {
      return new SyncStop('update_needed', serverMessage ?? MESSAGES.update_needed);
    }
    if (error.status === 429 || error.status === 503) {
      return new SyncStop('server_busy', MESSAGES.server_busy, retryAfterMs);
    }
    if (error.status >= 500)
      return new SyncStop('server_error', MESSAGES.server_error, retryAfterMs);
    return new SyncStop('client_error', serverMessage ?? MESSAGES.client_error, retryAfterMs);
  };

  /** `send`, with every failure turned into its stop. */
  const call = async <R extends RouteDef>(
    route: R,
    input: RouteInput<R>,
    token: string,
  ): Promise<RouteOutput<R>> => {
    try {
      return await send(route, input, token);
    } catch (error) {
      throw stopFor(error);
    }
  };

  const push = async (token: string): Promise<{ pushed: number; rejected: number }> => {
    let pushed = 0;
    let rejected = 0;
    for (;;) {
      const batch: Mutation[] = await takeOutboxBatch(store, batchSize);
      if (batch.length === 0) return { pushed, rejected };
      // Undefined: the server said 413, too big.
      let answer: RouteOutput<typeof routes.push> | undefined;
      try {
        answer = await send(
          routes.push,
          {
            body: {
              protocolVersion: PROTOCOL_VERSION,
              deviceId: store.deviceId,
              mutations: batch,
            },
          },
          token,
        );
      } catch (error) {
        const isTooLarge = error instanceof ApiCallError && error.status === 413;
        if (!isTooLarge) throw stopFor(error);
        answer = undefined;
      }
      if (answer === undefined && batch.length > 1) {
        // Too big for the server: halve the batch and go on.
        batchSize = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      if (answer === undefined) {
        // One change on its own is too big: it can never be sent, so it goes
        // to "needs attention" instead of blocking everything behind it.
        const outcome = await settlePushResults(
          store,
          [{ id: batch[0]!.id, status: 'rejected', code: 'too_large', message: TOO_LARGE }],
          await getCursor(store),
        );
        rejected += outcome.rejected;
        batchSize = MAX_PUSH_MUTATIONS;
        continue;
      }
      const outcome = await settlePushResults(store, answer.results, answer.cursor);
      if (outcome.delivered + outcome.rejected === 0) {
        // The server answered without accounting for any of them: do not loop.
        throw new SyncStop('server_error', MESSAGES.server_error);
      }
      pushed += outcome.delivered;
      rejected += outcome.rejected;
      batchSize = MAX_PUSH_MUTATIONS;
    }
  };

  const pull = async (token: string): Promise<number> => {
    let pulled = 0;
    // An app update may have taught this device a record type it skipped
    // before: pull again from the first change it skipped.
    await rewindForNewlyKnownEntities(store);
    for (;;) {
      const after = await getCursor(store);
      const page = await call(routes.pull, { query: { after, limit: PULL_PAGE_SIZE } }, token);
      const { cursor, hasMore, revoked, restart } = page;
      // Why each change on its own: one this device cannot read is set
      // aside (and the person told), never allowed to stop the page, or
      // every later change from everyone would never arrive.
      const changes: Change[] = [];
      const unreadable: { seq: number | null; reason: string }[] = [];
      for (const raw of page.changes) {
        const change = changeSchema.safeParse(raw);
        if (change.success) changes.push(change.data);
        else {
          const seq = (raw as { seq?: unknown } | null)?.seq;
          unreadable.push({
            seq: typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null,
            reason: change.error.issues[0]?.message ?? 'unreadable',
          });
        }
      }
      await noteUnreadableChanges(store, unreadable);
      // Scope (issue: roles and scope): `revoked` records left this person's
      // scope or were erased; `restart` means the scope grew and the server
      // resends from the start only what is newly visible, so the cursor may
      // go back. Both are applied in the page's own transaction.
      await applyPulledPage(store, changes, cursor, { revoked, restart });
      pulled += changes.length;
      if (!hasMore || (cursor <= after && !restart)) return pulled;
      // More pages to come (a school's first sync can be thousands of them):
      // say how far it has got, for every tab and the service worker alike.
      await setSyncStatus(store, { received: pulled });
    }
  };

  let deviceChecked = false;
  /**
   * Once per engine (app start): ask the server how far this device's
   * pushes got. If the device's own counter is behind, its local data was
   * cleared by the browser (storage eviction) and the person must be told.
   */
  const checkDevice = async (token: string): Promise<void> => {
    if (deviceChecked) return;
    let lastSeq: number | undefined;
    try {
      ({ lastSeq } = await send(routes.syncDevice, { query: { deviceId: store.deviceId } }, token));
    } catch (error) {
      // An older server without this endpoint (404), or an answer without
      // a count: nothing to learn, carry on.
      const isNothingToLearn =
        error instanceof ApiCallError &&
        (error.status === 404 || error.code === CLIENT_ERROR_CODES.badAnswer);
      if (!isNothingToLearn) throw stopFor(error);
    }
    if (lastSeq !== undefined) await noteServerDeviceSeq(store, lastSeq);
    deviceChecked = true;
  };

  /**
   * Tells the server the wipe happened and how many unsent changes went
   * with it, under the revoked token (the server takes it once). Kept in
   * the dark mark until an answer comes, so a later start sends it again.
   */
  const reportWipe = async (): Promise<void> => {
    const mark = await getDarkMark();
    if (!mark?.report) return;
    try {
      await send(
        routes.deviceWiped,
        { body: { droppedChanges: mark.report.droppedChanges } },
        mark.report.token,
      );
    } catch (error) {
      // Offline, 5xx or busy: try again later. Any other answer is final (a
      // 401 means the server has the report already, or no longer knows the token).
      if (!(error instanceof ApiCallError)) return;
      if (error.status === 0 || error.status >= 500 || error.status === 429) return;
    }
    const { report: _sent, ...rest } = mark;
    await saveDarkMark(rest);
  };

  /**
   * The school revoked this device. Hand back: send what it holds first
   * (the server lets this device push until it reports its wipe); if that
   * cannot happen now (offline, server busy), keep everything and try again
   * at the next sync. Lost: send nothing. Then remove every record and the
   * session, and report how many changes never reached the server.
   *
   * Why wipe on a lost tablet's first contact, unsent work and all: whoever
   * holds it is not the school, and children's special category data on it
   * is the harm; the SENCo sees the dropped count and can follow it up.
   */
  const goDark = async (token: string, mode: RevocationMode): Promise<SyncResult> => {
    if (mode === 'hand_back') {
      try {
        await push(token);
      } catch (error) {
        const stop = error instanceof SyncStop ? error : undefined;
        // The server closed the hand back (reported already, or now lost): wipe.
        if (!stop?.revocation) throw error;
        if (stop.revocation === 'lost') mode = 'lost';
      }
    }
    const droppedChanges = await countUnsent(store);
    await darkenDevice(store, mode, { token, droppedChanges });
    await reportWipe();
    return { ok: false, reason: 'device_dark', message: MESSAGES.device_dark };
  };

  const runOnce = async (): Promise<SyncResult> => {
    // Dark already (here, another tab or the service worker): nothing to sync.
    if (await getDarkMark()) {
      await reportWipe();
      return { ok: false, reason: 'device_dark', message: MESSAGES.device_dark };
    }
    const token = await deps.getToken();
    if (!token) {
      await setSyncStatus(store, { state: 'needs_sign_in', message: MESSAGES.needs_sign_in });
      return { ok: false, reason: 'needs_sign_in', message: MESSAGES.needs_sign_in };
    }
    const startedAt = new Date(store.now()).toISOString();
    await setSyncStatus(store, { state: 'syncing', lastAttemptAt: startedAt, received: 0 });
    try {
      await checkDevice(token);
      const { pushed, rejected } = await push(token);
      const pulled = await pull(token);
      await setSyncStatus(store, {
        state: 'idle',
        lastSuccessAt: new Date(store.now()).toISOString(),
        message: undefined,
      });
      return { ok: true, pushed, rejected, pulled };
    } catch (caught) {
      let error = caught;
      if (error instanceof SyncStop && error.revocation) {
        try {
          return await goDark(token, error.revocation);
        } catch (failed) {
          // The hand-back push could not finish: nothing is wiped; next time.
          error = failed;
        }
      }
      const stop =
        error instanceof SyncStop ? error : new SyncStop('client_error', MESSAGES.client_error);
      if (!(error instanceof SyncStop)) console.error('sync failed', error);
      await setSyncStatus(store, { state: stoppedState(stop.reason), message: stop.message });
      return {
        ok: false,
        reason: stop.reason,
        message: stop.message,
        ...(stop.retryAfterMs === undefined ? {} : { retryAfterMs: stop.retryAfterMs }),
      };
    }
  };

  const underLock = async (): Promise<SyncResult> => {
    const { locks } = deps;
    if (!locks) return fallbackLock(runOnce);
    try {
      return (await locks.request(SYNC_LOCK_NAME, { signal: AbortSignal.timeout(lockWaitMs) }, () =>
        runOnce(),
      )) as unknown as SyncResult;
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name !== 'TimeoutError' && name !== 'AbortError') throw error;
      // Why take the lock over: a sync that works ends within its request
      // timeouts, so a holder this slow is a frozen or hung tab. Running
      // beside it is safe (pushes are idempotent; a pull page is applied
      // only past the saved cursor), so it must not stall everyone else.
      return (await locks.request(SYNC_LOCK_NAME, { steal: true }, () =>
        runOnce(),
      )) as unknown as SyncResult;
    }
  };

  /**
   * Sync now. Calls made while a sync is running are folded into one more
   * run after it, so a burst of taps costs at most two round trips.
   */
  const sync = (): Promise<SyncResult> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: SyncResult;
      do {
        again = false;
        result = await underLock();
      } while (again && result.ok);
      return result;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return { sync };
};

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Exponential backoff with full jitter, capped at five minutes. */
export const backoffDelay = (attempt: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(5 * 60_000, 1_000 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};
