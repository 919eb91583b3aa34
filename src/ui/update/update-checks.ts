/**
 * When the page asks the server for a new version of the app. It owns the
 * timing only: an hour after the last look (while online), and when the tab
 * becomes visible or the device comes back online after more than an hour.
 * What a look does (`registration.update()`) and what follows (the "new
 * version" prompt) belong to ./UpdatePrompt. The clock, the timer and the
 * browser's events are passed in, so a test can move time on by hand.
 *
 * Why this is needed: a classroom tablet keeps one tab open all day and for
 * weeks, and the browser itself only looks for a new service worker on a
 * navigation, which an app of one page rarely makes.
 */

export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export type UpdateCheckEnv = {
  now: () => number;
  isOnline: () => boolean;
  /** Runs `run` once after `ms`; the answer cancels it. */
  after: (ms: number, run: () => void) => () => void;
  /** Calls `run` each time the page becomes visible; the answer stops it. */
  onVisible: (run: () => void) => () => void;
  /** Calls `run` each time the device comes online; the answer stops it. */
  onOnline: (run: () => void) => () => void;
};

/** The browser's own clock, timers and events. */
export const browserUpdateCheckEnv = (): UpdateCheckEnv => ({
  now: () => Date.now(),
  isOnline: () => navigator.onLine !== false,
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  onVisible: (run) => {
    const listener = () => {
      if (document.visibilityState === 'visible') run();
    };
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  onOnline: (run) => {
    window.addEventListener('online', run);
    return () => window.removeEventListener('online', run);
  },
});

/**
 * Looks for a new version an hour after the last look, and again on each
 * return to the tab (or to the network) once an hour has passed. The start
 * counts as a look: registering the service worker has just fetched it.
 * Answers a function that stops every timer and listener.
 */
export const startUpdateChecks = (
  check: () => Promise<unknown>,
  env: UpdateCheckEnv,
  intervalMs = UPDATE_CHECK_INTERVAL_MS,
): (() => void) => {
  let lastLook = env.now();
  let cancelTimer = () => {};

  const schedule = () => {
    cancelTimer();
    cancelTimer = env.after(intervalMs, onTimer);
  };
  const look = () => {
    lastLook = env.now();
    schedule();
    // A failed look (the server down, a captive portal) changes nothing: the
    // running version carries on, and the next hour looks again.
    check().catch(() => undefined);
  };
  // Why skip while offline: update() would only fail; coming back online
  // after the hour looks at once (onOnline below).
  const onTimer = () => {
    if (env.isOnline()) look();
    else schedule();
  };
  const lookIfDue = () => {
    if (env.isOnline() && env.now() - lastLook >= intervalMs) look();
  };

  schedule();
  const stopVisible = env.onVisible(lookIfDue);
  const stopOnline = env.onOnline(lookIfDue);
  return () => {
    cancelTimer();
    stopVisible();
    stopOnline();
  };
};
