/**
 * A small fixed-window limiter for sign-in, per account and per address,
 * in memory. Why our own and not hono-rate-limiter: sign-in needs two keys
 * at once (the email from the body and the address), and a successful
 * sign-in must clear the account's count; a dozen lines do that plainly.
 * One server process holds the counts; a restart forgets them, which is
 * acceptable for slowing down password guessing.
 */
export type Limit = { max: number; windowMs: number };

export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account before it waits. */
  perAccount: { max: 10, windowMs: 15 * 60_000 },
  /** Sign-in attempts from one address (a school's NAT may hold many staff). */
  perAddress: { max: 300, windowMs: 15 * 60_000 },
} as const;

export const createLimiter = (limit: Limit, now: () => number) => {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string) => {
    const at = now();
    const window = windows.get(key);
    if (!window || window.resetAt <= at) return undefined;
    return window;
  };
  return {
    /** Ms until the key may try again, or 0 when it may try now. */
    retryAfterMs(key: string): number {
      const window = current(key);
      return window && window.count >= limit.max ? window.resetAt - now() : 0;
    },
    hit(key: string): void {
      const window = current(key);
      if (window) window.count += 1;
      else windows.set(key, { count: 1, resetAt: now() + limit.windowMs });
      // Keep memory bounded under a flood of made-up keys.
      if (windows.size > 50_000) {
        for (const [k, w] of windows) if (w.resetAt <= now()) windows.delete(k);
      }
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
};
