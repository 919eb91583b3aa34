import { describe, expect, it } from 'vitest';
import {
  byRecordedAt,
  correctionStatuses,
  historyOf,
  latestStandingBy,
  standingRecords,
  standingVersionOf,
  type Correctable,
} from './standing';

const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`;
type Event = Correctable & { targetId?: string };
/** Ids oldest first: the order the records came in does not matter. */
const ids = (events: readonly Correctable[]) =>
  [...events].sort(byRecordedAt).map((event) => event.id);

/** Every order of a list, to show the answer never depends on the order records arrived in. */
const orders = <T>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((item, i) =>
        orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
      );

describe('which record stands', () => {
  it('drops superseded events, undone chains, and follows chains of corrections', () => {
    const events: Event[] = [
      { id: 'a', recordedAt: at(0) },
      { id: 'b', supersedesId: 'a', recordedAt: at(1) },
      { id: 'c', supersedesId: 'b', recordedAt: at(2) },
      { id: 'd', recordedAt: at(3) },
      { id: 'e', supersedesId: 'd', isWithdrawn: true, recordedAt: at(4) },
      { id: 'f', recordedAt: at(5) },
    ];
    for (const order of orders(events)) expect(ids(standingRecords(order))).toEqual(['c', 'f']);
  });

  it('keeps two adults’ separate observations of one target: only a correction replaces', () => {
    const events: Event[] = [
      { id: 'teacher', recordedAt: at(0) },
      { id: 'ta', recordedAt: at(1) },
    ];
    expect(ids(standingRecords(events))).toEqual(['teacher', 'ta']);
    expect(standingRecords([...events].reverse()).map((e) => e.id)).toEqual(['ta', 'teacher']);
  });

  it('counts one record corrected twice at once (two staff, offline) once: the newer correction', () => {
    const events: Event[] = [
      { id: 's', recordedAt: at(0) },
      { id: 'fix-by-ta', supersedesId: 's', recordedAt: at(5) },
      { id: 'fix-by-senco', supersedesId: 's', recordedAt: at(7) },
    ];
    for (const order of orders(events))
      expect(ids(standingRecords(order))).toEqual(['fix-by-senco']);
  });

  it('breaks a tie of recordedAt by id, the same on every device', () => {
    const events: Event[] = [
      { id: 's', recordedAt: at(0) },
      { id: 'fix-2', supersedesId: 's', recordedAt: at(5) },
      { id: 'fix-1', supersedesId: 's', recordedAt: at(5) },
    ];
    for (const order of orders(events)) expect(ids(standingRecords(order))).toEqual(['fix-2']);
  });

  it('lets an undo beat a correction made at the same time, even a newer one', () => {
    const events: Event[] = [
      { id: 't', recordedAt: at(0) },
      { id: 'undo', supersedesId: 't', isWithdrawn: true, recordedAt: at(3) },
      { id: 'fix', supersedesId: 't', recordedAt: at(6) },
      { id: 'fix-of-fix', supersedesId: 'fix', recordedAt: at(8) },
    ];
    for (const order of orders(events)) expect(standingRecords(order)).toEqual([]);
  });

  it('lets a correction stand for an original this device does not hold', () => {
    const correction = { id: 'fix', supersedesId: 'not-here', recordedAt: at(1) };
    expect(standingRecords([correction])).toEqual([correction]);
  });

  it('stops at a loop of corrections instead of spinning', () => {
    const events: Event[] = [
      { id: 'x', supersedesId: 'y', recordedAt: at(0) },
      { id: 'y', supersedesId: 'x', recordedAt: at(1) },
    ];
    expect(standingRecords(events)).toEqual([]);
  });
});

describe('what a screen shows of it', () => {
  it('gives the newest standing record per key, and none for an undone one', () => {
    const events: Event[] = [
      { id: 'a1', targetId: 'A', recordedAt: at(0) },
      { id: 'a2', targetId: 'A', recordedAt: at(2) },
      { id: 'a2-fix-1', targetId: 'A', supersedesId: 'a2', recordedAt: at(4) },
      { id: 'a2-fix-2', targetId: 'A', supersedesId: 'a2', recordedAt: at(3) },
      { id: 'b1', targetId: 'B', recordedAt: at(1) },
      { id: 'b1-undo', targetId: 'B', supersedesId: 'b1', isWithdrawn: true, recordedAt: at(5) },
    ];
    for (const order of orders(events.slice(2))) {
      const latest = latestStandingBy([...events.slice(0, 2), ...order], (e) => e.targetId!);
      expect([...latest].map(([key, event]) => [key, event.id])).toEqual([['A', 'a2-fix-1']]);
    }
  });

  it('names what became of every version, and what a new correction should correct', () => {
    const events: Event[] = [
      { id: 't', recordedAt: at(0) },
      { id: 'fix-old', supersedesId: 't', recordedAt: at(1) },
      { id: 'fix-new', supersedesId: 't', recordedAt: at(2) },
      { id: 'u', recordedAt: at(3) },
      { id: 'u-undo', supersedesId: 'u', isWithdrawn: true, recordedAt: at(4) },
    ];
    expect(Object.fromEntries(correctionStatuses(events))).toEqual({
      t: 'changed',
      'fix-old': 'changed',
      'fix-new': 'standing',
      u: 'withdrawn',
      'u-undo': 'undo',
    });
    expect(standingVersionOf(events, 'fix-old')?.id).toBe('fix-new');
    expect(standingVersionOf(events, 'u')).toBeUndefined();
    expect(ids(historyOf(events, 'fix-new'))).toEqual(['t', 'fix-old', 'fix-new']);
    expect(historyOf(events, 'nowhere')).toEqual([]);
  });
});
