import { describe, expect, it } from 'vitest';
import { clampHlc, compareHlc, createHlcClock, formatHlc, nextHlc, parseHlc } from './hlc';

const A = '0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e0f';
const B = '0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e10';
const T = Date.parse('2026-11-23T09:15:00.000Z');

describe('HLC', () => {
  it('formats as the wire contract says and parses back', () => {
    const hlc = formatHlc({ wallMs: T, counter: 0, deviceId: A });
    expect(hlc).toBe(`2026-11-23T09:15:00.000Z-0000-${A}`);
    expect(parseHlc(hlc)).toEqual({ wallMs: T, counter: 0, deviceId: A });
  });

  it('rejects strings that are not HLCs', () => {
    for (const bad of [
      '',
      'x',
      `2026-11-23T09:15:00Z-0000-${A}`,
      `2026-11-23T09:15:00.000Z-00000-${A}`,
      `2026-11-23T09:15:00.000Z-0000-not-a-uuid`,
    ]) {
      expect(parseHlc(bad)).toBeNull();
    }
  });

  it('never goes backwards when the wall clock does', () => {
    const times = [T, T, T - 5_000, T - 5_000, T + 1];
    let wall = 0;
    const clock = createHlcClock(A, () => times[wall++]!);
    const stamps = times.map(() => clock.now());
    for (let i = 1; i < stamps.length; i++) expect(compareHlc(stamps[i - 1]!, stamps[i]!)).toBe(-1);
    expect(stamps[1]).toBe(`2026-11-23T09:15:00.000Z-0001-${A}`);
    expect(stamps[2]).toBe(`2026-11-23T09:15:00.000Z-0002-${A}`);
  });

  it('moves past a remote HLC it has received', () => {
    const clock = createHlcClock(A, () => T);
    const remote = formatHlc({ wallMs: T + 60_000, counter: 7, deviceId: B });
    clock.receive(remote);
    const next = clock.now();
    expect(compareHlc(remote, next)).toBe(-1);
  });

  it('rolls the counter over into the next millisecond', () => {
    const last = formatHlc({ wallMs: T, counter: 0xffff, deviceId: A });
    expect(parseHlc(nextHlc(last, T, A))).toEqual({ wallMs: T + 1, counter: 0, deviceId: A });
  });

  it('orders by time, then counter, then device', () => {
    const a = formatHlc({ wallMs: T, counter: 2, deviceId: B });
    const b = formatHlc({ wallMs: T + 1, counter: 0, deviceId: A });
    const c = formatHlc({ wallMs: T + 1, counter: 0, deviceId: B });
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });

  it('clamps an HLC that runs ahead of the server clock, and leaves others alone', () => {
    const ahead = formatHlc({ wallMs: T + 3 * 24 * 3600_000, counter: 4, deviceId: A });
    expect(clampHlc(ahead, T)).toBe(formatHlc({ wallMs: T, counter: 4, deviceId: A }));
    const fine = formatHlc({ wallMs: T + 30_000, counter: 0, deviceId: A });
    expect(clampHlc(fine, T)).toBe(fine);
  });
});
