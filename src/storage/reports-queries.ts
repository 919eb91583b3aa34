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

/** Every record of the school this device holds. */
export const schoolRecords = async (store: LocalStore): Promise<SchoolRecords> => {
  const [
    schools,
    staff,
    classes,
    children,
    focusChildren,
    learningPlans,
    targets,
    passports,
    provisions,
    interventions,
    ticks,
    sessions,
    scores,
    reviews,
  ] = await Promise.all([
    rowsOf(store, 'school'),
    rowsOf(store, 'staff'),
    rowsOf(store, 'class'),
    rowsOf(store, 'child'),
    rowsOf(store, 'focusChild'),
    rowsOf(store, 'learningPlan'),
    rowsOf(store, 'target'),
    rowsOf(store, 'passport'),
    rowsOf(store, 'provision'),
    rowsOf(store, 'intervention'),
    rowsOf(store, 'tick'),
    rowsOf(store, 'interventionSession'),
    rowsOf(store, 'assessmentScore'),
    rowsOf(store, 'review'),
  ]);
  return {
    ...(schools[0] ? { school: schools[0] } : {}),
    staff,
    classes,
    children,
    focusChildren,
    learningPlans,
    targets,
    passports,
    provisions,
    interventions,
    ticks,
    sessions,
    scores,
    reviews,
  };
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
