/**
 * For the device store's tests: fresh stores on fake IndexedDB, each deleted
 * after its test, a school on the tests' calendar, the provisions a group is
 * made from, and a clock that moves on a millisecond at every reading
 * (so writes in one test keep their order).
 */
import { afterEach } from 'vitest';
import { newId, type StoredRecord } from '../domain';
import { TEST_CALENDAR } from '../domain/testing';
import { createLocalStore, type LocalStore } from './local-store';

/** Call once at the top of a test file; returns a function that opens a fresh store. */
export const testStores = (): ((now?: () => number) => LocalStore) => {
  const stores: LocalStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.db.delete();
  });
  return (now) => {
    const store = createLocalStore({
      deviceId: newId(),
      dbName: `test-${newId()}`,
      ...(now ? { now } : {}),
    });
    stores.push(store);
    return store;
  };
};

/** A clock that starts at `startMs` and moves on a millisecond at every reading. */
export const tickingClock = (startMs: number): (() => number) => {
  let now = startMs;
  return () => now++;
};

/** Puts a school whose calendar is the tests' one (autumn 2026) on the device. */
export const putTestSchool = async (store: LocalStore): Promise<void> => {
  await store.db.records('school').put({ id: newId(), name: 'Test School', ...TEST_CALENDAR });
};

/** A wave 2 cognition and learning provision at £14.50 an hour, with these fields. */
export const testProvision = (
  fields: Pick<
    StoredRecord<'provision'>,
    'id' | 'name' | 'format' | 'sessionsPerWeek' | 'sessionMinutes'
  > &
    Partial<StoredRecord<'provision'>>,
): StoredRecord<'provision'> => ({
  description: '',
  areaOfNeed: 'cognition_learning',
  wave: 2,
  staffHourlyCostPence: 1_450,
  resourceCostPerPupilPence: 0,
  isArchived: false,
  ...fields,
});

/** The provisions most group tests choose from: Phonics catch-up (a group) and ELSA (one to one). */
export const phonicsAndElsa = (ids: {
  phonicsId: string;
  elsaId: string;
}): StoredRecord<'provision'>[] => [
  testProvision({
    id: ids.phonicsId,
    name: 'Phonics catch-up',
    format: 'group',
    sessionsPerWeek: 3,
    sessionMinutes: 20,
  }),
  testProvision({
    id: ids.elsaId,
    name: 'ELSA',
    format: 'one_to_one',
    sessionsPerWeek: 1,
    sessionMinutes: 30,
  }),
];
