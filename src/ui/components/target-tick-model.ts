/**
 * The state behind one target's outcome buttons, in a lesson or on the
 * teacher's focus children: what the buttons show this very instant, and the
 * queue of writes behind it.
 *
 * Why optimistic: a tap must show its result at once, before IndexedDB has
 * committed and the live query has re-run. Why a queue: two quick taps on the
 * same target must supersede each other in order, so the second names the
 * first as the tick it corrects, and only one tick stands afterwards.
 */
import { signal, type Signal } from '@preact/signals';
import type { Outcome, SupportLevel } from '../../domain';
import {
  changeTick,
  storageErrorMessage,
  tickTarget,
  withdrawTick,
  type LocalStore,
  type StandingTick,
} from '../../storage';

export type Shown = { outcome?: Outcome; support?: SupportLevel; note?: string };

export type TickChange = {
  outcome?: Outcome;
  support?: SupportLevel | null;
  note?: string | null;
};

export type TargetTickModel = {
  /** What the row shows while a write is on its way; undefined when the store has caught up. */
  optimistic: Signal<Shown | undefined>;
  error: Signal<string | undefined>;
  /** Called on every render with the standing tick as the store has it. */
  sync(mine: StandingTick | undefined): void;
  record(change: TickChange): Promise<boolean>;
  undo(): Promise<boolean>;
};

const messageFor = (caught: unknown): string => {
  if (caught instanceof Error && caught.name === 'ValidationError') return caught.message;
  // Dexie wraps the browser's error (a full disk, a lost database) in its own.
  return storageErrorMessage(caught) ?? 'That tick could not be saved on this device. Try again.';
};

const shownOf = (tick: StandingTick | null | undefined): Shown | undefined =>
  tick
    ? { outcome: tick.outcome, support: tick.support, note: tick.note }
    : tick === null
      ? {}
      : undefined;

export const createTargetTickModel = (
  store: LocalStore,
  target: { id: string; childId: string },
  /** The lesson the ticks belong to; none for a tick on the focus children outside a lesson. */
  lessonId?: string,
): TargetTickModel => {
  const optimistic = signal<Shown | undefined>(undefined);
  const error = signal<string | undefined>(undefined);
  /** The standing tick as the store has it. */
  let stored: StandingTick | undefined;
  /** The newest tick this row wrote (null: an undo), until the store shows it. */
  let written: StandingTick | null | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let pendingWrites = 0;

  const current = (): StandingTick | undefined =>
    written === undefined ? stored : (written ?? undefined);
  const caughtUp = (): boolean =>
    written === undefined || (written === null ? stored === undefined : stored?.id === written.id);
  const settle = () => {
    if (pendingWrites > 0) return;
    if (caughtUp()) {
      written = undefined;
      optimistic.value = undefined;
    }
  };

  const enqueue = (write: (previous: StandingTick | undefined) => Promise<StandingTick | null>) => {
    pendingWrites += 1;
    const run = queue.then(async () => {
      try {
        written = await write(current());
        return true;
      } catch (caught) {
        error.value = messageFor(caught);
        // Show what is really saved: the last write that worked, or the store.
        optimistic.value = shownOf(written);
        return false;
      } finally {
        pendingWrites -= 1;
        settle();
      }
    });
    queue = run;
    return run;
  };

  return {
    optimistic,
    error,
    sync(mine) {
      stored = mine;
      settle();
    },
    record(change) {
      error.value = undefined;
      const base = optimistic.value ?? shownOf(current()) ?? {};
      const next: Shown = {
        outcome: change.outcome ?? base.outcome,
        support: change.support === null ? undefined : (change.support ?? base.support),
        note: change.note === null ? undefined : (change.note ?? base.note),
      };
      if (!next.outcome) return Promise.resolve(false);
      const outcome = next.outcome;
      // How much support an absent child needed means nothing: drop it.
      if (outcome === 'absent') next.support = undefined;
      optimistic.value = next;
      return enqueue(async (previous) => {
        if (previous) {
          const id = await changeTick(store, previous, {
            outcome,
            support: next.support ?? null,
            note: next.note ?? null,
          });
          return { ...previous, id, outcome, support: next.support, note: next.note };
        }
        const id = await tickTarget(store, {
          targetId: target.id,
          childId: target.childId,
          ...(lessonId ? { lessonId } : {}),
          outcome,
          ...(next.support ? { support: next.support } : {}),
          ...(next.note ? { note: next.note } : {}),
        });
        return {
          id,
          targetId: target.id,
          childId: target.childId,
          ...(lessonId ? { lessonId } : {}),
          ...next,
          outcome,
        };
      });
    },
    undo() {
      error.value = undefined;
      optimistic.value = {};
      return enqueue(async (previous) => {
        if (previous) await withdrawTick(store, previous);
        return null;
      });
    },
  };
};
