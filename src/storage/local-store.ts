/**
 * The device's store: its database, its device id and a wall clock, plus a
 * way for the sync layer to hear that something was written (so it can sync
 * soon after a tap without storage knowing sync exists).
 */
import { TrackerDb } from './db';

export type LocalStore = {
  db: TrackerDb;
  deviceId: string;
  now: () => number;
  /** Called after a command's transaction commits. */
  onWrite(listener: () => void): () => void;
  notifyWrite(): void;
};

export const createLocalStore = (options: {
  deviceId: string;
  dbName?: string;
  now?: () => number;
}): LocalStore => {
  const listeners = new Set<() => void>();
  return {
    db: new TrackerDb(options.dbName),
    deviceId: options.deviceId,
    now: options.now ?? Date.now,
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifyWrite() {
      for (const listener of listeners) listener();
    },
  };
};
