/**
 * Read models for the SENCo's reports: the whole school as plain arrays
 * (SchoolRecords), which the pure report functions in src/domain/reports
 * compute on. Everything comes from IndexedDB, so reports work offline and
 * need no round trip; the list of devices is the last one fetched from the
 * server, kept here for when the laptop is offline.
 */
import type { EntityName, StoredRecord } from '../domain';
import type { DeviceSeen, SchoolRecords } from '../domain/reports';
import { getMeta, setMeta } from './db';
import type { LocalStore } from './local-store';
import { isCountable } from './rows';

/** The rows a report may count: live, and (for events) not refused by the server. */
const rowsOf = async <E extends EntityName>(
  store: LocalStore,
  entity: E,
): Promise<StoredRecord<E>[]> => (await store.db.records(entity).toArray()).filter(isCountable);

/** Awaits an object of promises at once, keeping each result under its key. */
const allOf = async <T extends Record<string, Promise<unknown>>>(
  promises: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> =>
  Object.fromEntries(
    await Promise.all(Object.entries(promises).map(async ([key, value]) => [key, await value])),
  ) as { [K in keyof T]: Awaited<T[K]> };

/** Every record of the school this device holds. */
export const schoolRecords = async (store: LocalStore): Promise<SchoolRecords> => {
  const { schools, ...lists } = await allOf({
    schools: rowsOf(store, 'school'),
    staff: rowsOf(store, 'staff'),
    classes: rowsOf(store, 'class'),
    children: rowsOf(store, 'child'),
    focusChildren: rowsOf(store, 'focusChild'),
    learningPlans: rowsOf(store, 'learningPlan'),
    targets: rowsOf(store, 'target'),
    passports: rowsOf(store, 'passport'),
    provisions: rowsOf(store, 'provision'),
    interventions: rowsOf(store, 'intervention'),
    ticks: rowsOf(store, 'tick'),
    sessions: rowsOf(store, 'interventionSession'),
    scores: rowsOf(store, 'assessmentScore'),
    reviews: rowsOf(store, 'review'),
    senRegister: rowsOf(store, 'senRegisterEntry'),
  });
  return { ...(schools[0] ? { school: schools[0] } : {}), ...lists };
};

/** Every record of one type, for CSV export of "every record type". */
export const recordsOf = <E extends EntityName>(
  store: LocalStore,
  entity: E,
): Promise<StoredRecord<E>[]> => rowsOf(store, entity);

const DEVICES_KEY = 'devicesSeen';

export type DevicesSnapshot = { fetchedAt: string; devices: DeviceSeen[] };

export const cachedDevices = (store: LocalStore): Promise<DevicesSnapshot | undefined> =>
  getMeta<DevicesSnapshot>(store.db, DEVICES_KEY);

export const saveDevices = async (store: LocalStore, snapshot: DevicesSnapshot): Promise<void> => {
  await setMeta(store.db, DEVICES_KEY, snapshot);
};
