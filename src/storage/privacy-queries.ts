/**
 * Read models for the SENCo's privacy screens (devices, audit log, a
 * child's record on request): the children and staff this device holds,
 * as names to pick from. Names stay on the device: the server is asked by id.
 */
import type { LocalStore } from './local-store';
import type { StoredRow } from './db';

export type ChildOption = { id: string; name: string; className?: string };
export type StaffOption = { id: string; name: string };

const isLive = (row: StoredRow): boolean => !row._deleted && !row._sync?.isDeleted;

export const childOptions = async (store: LocalStore): Promise<ChildOption[]> => {
  const [children, classes] = await Promise.all([
    store.db.records('child').toArray(),
    store.db.records('class').toArray(),
  ]);
  const classNames = new Map(classes.map((row) => [row.id, row.name as string]));
  return children
    .filter(isLive)
    .map((row) => ({
      id: row.id,
      name: `${String(row.firstName ?? '')} ${String(row.lastName ?? '')}`.trim(),
      className: classNames.get(row.classId as string),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

export const staffOptions = async (store: LocalStore): Promise<StaffOption[]> =>
  (await store.db.records('staff').toArray())
    .filter(isLive)
    .map((row) => ({ id: row.id, name: String(row.name ?? '') }))
    .sort((a, b) => a.name.localeCompare(b.name));
