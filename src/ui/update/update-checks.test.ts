import { describe, expect, it } from 'vitest';
import { startUpdateChecks, UPDATE_CHECK_INTERVAL_MS, type UpdateCheckEnv } from './update-checks';

const HOUR = UPDATE_CHECK_INTERVAL_MS;
const MINUTE = 60 * 1000;

/** A clock and timers moved on by hand, and events fired by hand. */
const fakeEnv = () => {
  let time = 0;
  let online = true;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  const visible = new Set<() => void>();
  const onlineListeners = new Set<() => void>();
  const env: UpdateCheckEnv = {
    now: () => time,
    isOnline: () => online,
    after: (ms, run) => {
      const id = nextId++;
      timers.set(id, { at: time + ms, run });
      return () => timers.delete(id);
    },
    onVisible: (run) => {
      visible.add(run);
      return () => visible.delete(run);
    },
    onOnline: (run) => {
      onlineListeners.add(run);
      return () => onlineListeners.delete(run);
    },
  };
  /** Moves the clock on, running each timer at its time, in order. */
  const advance = (ms: number) => {
    const end = time + ms;
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      time = due[1].at;
      due[1].run();
    }
    time = end;
  };
  return {
    env,
    advance,
    setOnline: (value: boolean) => {
      online = value;
      if (value) for (const run of onlineListeners) run();
    },
    becomeVisible: () => {
      for (const run of visible) run();
    },
    pendingTimers: () => timers.size,
    listeners: () => visible.size + onlineListeners.size,
  };
};

const counter = () => {
  const calls: number[] = [];
  return { calls, check: (now: () => number) => async () => void calls.push(now()) };
};

describe('looking for a new version on a tablet left open', () => {
  it('looks once an hour, and not before', () => {
    const fake = fakeEnv();
    const { calls, check } = counter();
    startUpdateChecks(check(fake.env.now), fake.env);
    fake.advance(HOUR - 1);
    expect(calls).toEqual([]);
    fake.advance(1);
    expect(calls).toEqual([HOUR]);
    fake.advance(5 * HOUR);
    expect(calls).toEqual([1, 2, 3, 4, 5, 6].map((n) => n * HOUR));
  });

  it('does not look while offline, and looks as soon as it is back online after the hour', () => {
    const fake = fakeEnv();
    const { calls, check } = counter();
    startUpdateChecks(check(fake.env.now), fake.env);
    fake.setOnline(false);
    fake.advance(3 * HOUR);
    expect(calls).toEqual([]);
    fake.advance(10 * MINUTE);
    fake.setOnline(true);
    expect(calls).toEqual([3 * HOUR + 10 * MINUTE]);
    // The next hour counts from that look.
    fake.advance(HOUR - 1);
    expect(calls).toHaveLength(1);
    fake.advance(1);
    expect(calls).toEqual([3 * HOUR + 10 * MINUTE, 4 * HOUR + 10 * MINUTE]);
  });

  it('coming back online within the hour does not look again', () => {
    const fake = fakeEnv();
    const { calls, check } = counter();
    startUpdateChecks(check(fake.env.now), fake.env);
    fake.advance(20 * MINUTE);
    fake.setOnline(false);
    fake.advance(5 * MINUTE);
    fake.setOnline(true);
    expect(calls).toEqual([]);
  });

  it('looks when the tab is shown again after more than an hour, not sooner', () => {
    const fake = fakeEnv();
    const { calls, check } = counter();
    startUpdateChecks(check(fake.env.now), fake.env);
    fake.advance(40 * MINUTE);
    fake.becomeVisible();
    expect(calls).toEqual([]);
    fake.advance(50 * MINUTE);
    // The timer looked at the hour; being shown 30 minutes later does not.
    expect(calls).toEqual([HOUR]);
    fake.becomeVisible();
    expect(calls).toEqual([HOUR]);
  });

  it('a tablet asleep for a night looks on waking, even before its late timer fires', () => {
    const fake = fakeEnv();
    const { calls, check } = counter();
    // Timers that never fire: a sleeping device's timers are held back.
    const env: UpdateCheckEnv = { ...fake.env, after: () => () => {} };
    startUpdateChecks(check(fake.env.now), env);
    fake.advance(14 * HOUR);
    expect(calls).toEqual([]);
    fake.becomeVisible();
    expect(calls).toEqual([14 * HOUR]);
    fake.becomeVisible();
    expect(calls).toHaveLength(1);
  });

  it('is not stopped by a look that fails', async () => {
    const fake = fakeEnv();
    let looks = 0;
    startUpdateChecks(async () => {
      looks++;
      throw new Error('server unreachable');
    }, fake.env);
    fake.advance(HOUR);
    await Promise.resolve();
    fake.advance(HOUR);
    expect(looks).toBe(2);
  });

  it('stops every timer and listener when asked', () => {
    const fake = fakeEnv();
    const { calls, check } = counter();
    const stop = startUpdateChecks(check(fake.env.now), fake.env);
    stop();
    expect(fake.pendingTimers()).toBe(0);
    expect(fake.listeners()).toBe(0);
    fake.advance(3 * HOUR);
    fake.becomeVisible();
    expect(calls).toEqual([]);
  });
});
