/**
 * Small fixed-window limiters for sign-in and activation, and the places
 * (addresses) each account has signed in from, in memory. Why our own and
 * not hono-rate-limiter: sign-in needs several keys at once (the email from
 * the body, the address, both together) and must know where an account has
 * signed in before; a few dozen lines do that plainly. One server process
 * holds the counts; a restart forgets them, which is acceptable for slowing
 * down password guessing.
 */
export type Limit = { max: number; windowMs: number };

/**
 * Why these three, and no lock on the account itself: a lock that anyone's
 * wrong guesses set is a way for one colleague to keep another out (ten
 * wrong passwords, repeated every 15 minutes, kept a SENCo out all day).
 * So wrong guesses slow down the place they come from, not the person:
 * - one address may try one account `perAccountAddress.max` times wrong;
 * - places the account has never signed in from share `perAccount.max`
 *   wrong guesses between them, so many addresses together still get few
 *   guesses; once that is spent, only the account's known places may try;
 * - a known place (an address this account signed in from with its right
 *   password) never waits for other places' guesses, so the owner at their
 *   usual school or home address always gets in with the right password.
 */
export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account from one address before that address waits. */
  perAccountAddress: { max: 10, windowMs: 15 * 60_000 },
  /** Wrong passwords for one account from all places it has never signed in from. */
  perAccount: { max: 20, windowMs: 15 * 60_000 },
  /** Sign-in attempts from one address (a school's NAT may hold many staff). */
  perAddress: { max: 300, windowMs: 15 * 60_000 },
} as const;

/** How many places are remembered per account, and for how long after the last sign-in there. */
export const KNOWN_PLACES = { perAccount: 20, forMs: 90 * 86_400_000 } as const;

/**
 * The addresses each account has signed in from with its right password.
 * Only a correct password adds one, so guessing cannot make a place known.
 */
export const createKnownPlaces = (now: () => number) => {
  const places = new Map<string, Map<string, number>>();
  return {
    isKnown(account: string, address: string): boolean {
      const seenAt = places.get(account)?.get(address);
      return seenAt !== undefined && now() - seenAt < KNOWN_PLACES.forMs;
    },
    add(account: string, address: string): void {
      const known = places.get(account) ?? new Map<string, number>();
      // Re-inserted so the map's order is least recently used first.
      known.delete(address);
      known.set(address, now());
      while (known.size > KNOWN_PLACES.perAccount) known.delete(known.keys().next().value!);
      places.set(account, known);
    },
  };
};

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
