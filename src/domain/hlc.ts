/**
 * Hybrid Logical Clock. An HLC string is
 * `<ISO 8601 UTC with ms>-<counter as 4 hex digits>-<deviceId>`, so two HLCs
 * compare correctly as plain strings: time first, then the counter, then the
 * device id as a deterministic tie-break.
 *
 * Why an HLC and not the wall clock: tablets in schools have wrong clocks and
 * go offline for days. The HLC never goes backwards on one device, moves past
 * every HLC the device has seen, and the server clamps one that runs ahead of
 * its own time, so a wrong clock cannot win every conflict forever.
 */
export type Hlc = string;

export type HlcParts = { wallMs: number; counter: number; deviceId: string };

const MAX_COUNTER = 0xffff;
const HLC_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const formatHlc = ({ wallMs, counter, deviceId }: HlcParts): Hlc =>
  `${new Date(wallMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${deviceId}`;

export const parseHlc = (hlc: string): HlcParts | null => {
  const match = HLC_PATTERN.exec(hlc);
  if (!match) return null;
  const wallMs = Date.parse(match[1]!);
  if (Number.isNaN(wallMs)) return null;
  return { wallMs, counter: parseInt(match[2]!, 16), deviceId: match[3]! };
};

export const isHlc = (value: unknown): value is Hlc =>
  typeof value === 'string' && parseHlc(value) !== null;

/** -1, 0 or 1; plain string order is the HLC order by construction. */
export const compareHlc = (a: Hlc, b: Hlc): number => (a < b ? -1 : a > b ? 1 : 0);

export const maxHlc = (a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;

/**
 * Next local timestamp after `last` (the newest HLC this device has issued
 * or seen), for a write made at wall time `nowMs`.
 */
export const nextHlc = (last: Hlc | undefined, nowMs: number, deviceId: string): Hlc => {
  const prev = last ? parseHlc(last) : null;
  if (!prev || nowMs > prev.wallMs) return formatHlc({ wallMs: nowMs, counter: 0, deviceId });
  // The clock has not moved past the last HLC (same ms, or it went backwards):
  // keep the last wall time and count up, so order is still strict.
  if (prev.counter < MAX_COUNTER) {
    return formatHlc({ wallMs: prev.wallMs, counter: prev.counter + 1, deviceId });
  }
  return formatHlc({ wallMs: prev.wallMs + 1, counter: 0, deviceId });
};

/**
 * Merge a remote HLC into the local clock: the result is the HLC the device
 * should remember as `last`, so its next write sorts after what it has seen.
 */
export const receiveHlc = (last: Hlc | undefined, remote: Hlc): Hlc | undefined => {
  if (!isHlc(remote)) return last;
  return maxHlc(last, remote);
};

/**
 * Server side: an HLC more than `toleranceMs` ahead of the server's own
 * clock is pulled back to the server's receive time (keeping counter and
 * device), so a tablet whose clock runs days ahead cannot win every later
 * conflict.
 */
export const clampHlc = (hlc: Hlc, serverNowMs: number, toleranceMs = 60_000): Hlc => {
  const parts = parseHlc(hlc);
  if (!parts) return hlc;
  if (parts.wallMs <= serverNowMs + toleranceMs) return hlc;
  return formatHlc({ ...parts, wallMs: serverNowMs });
};

/** A clock bound to one device, with its own state and an injectable wall clock. */
export const createHlcClock = (deviceId: string, now: () => number = Date.now, initial?: Hlc) => {
  let last: Hlc | undefined = initial;
  return {
    now(): Hlc {
      last = nextHlc(last, now(), deviceId);
      return last;
    },
    receive(remote: Hlc): void {
      last = receiveHlc(last, remote);
    },
    get last(): Hlc | undefined {
      return last;
    },
  };
};
