/**
 * SEND records a child brought from a previous school (records.ts,
 * `transferredRecord`): reading them for the child's pages, and adding one
 * when the SENCo has seen what it holds. They are events, written once:
 * nothing on this device edits them.
 */
import type { StoredRecord, TransferredRecord } from '../domain';
import { recordEvent } from './commands';
import type { LocalStore } from './local-store';
import { isLive } from './rows';

/** The child's records from previous schools, the latest export first. */
export const transferredRecordsOf = async (
  store: LocalStore,
  childId: string,
): Promise<StoredRecord<'transferredRecord'>[]> =>
  (await store.db.records('transferredRecord').where('childId').equals(childId).toArray())
    .filter(isLive)
    .sort((a, b) => b.exportedAt.localeCompare(a.exportedAt));

/** Keep a previous school's record with the child (synced like every event). */
export const addTransferredRecord = (store: LocalStore, record: TransferredRecord) =>
  recordEvent(store, 'transferredRecord', record);
