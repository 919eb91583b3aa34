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

/**
 * What the records a child's export points at are called on this device
 * (staff, classes, provisions, groups, lessons), keyed `entity:id`, so the
 * printed record names them. Deleted records keep their names: the export
 * may still point at a lesson or a member of staff who has since gone.
 */
export const recordNames = async (store: LocalStore): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value : undefined;
  const add = (
    entity: string,
    rows: StoredRow[],
    nameOf: (row: StoredRow) => string | undefined,
  ) => {
    for (const row of rows) {
      const name = nameOf(row);
      if (name) names.set(`${entity}:${row.id}`, name);
    }
  };
  const [staff, classes, provisions, groups, lessons] = await Promise.all([
    store.db.records('staff').toArray(),
    store.db.records('class').toArray(),
    store.db.records('provision').toArray(),
    store.db.records('intervention').toArray(),
    store.db.records('lesson').toArray(),
  ]);
  add('staff', staff, (row) => text(row.name));
  add('class', classes, (row) => text(row.name));
  add('provision', provisions, (row) => text(row.name));
  add('intervention', groups, (row) => text(row.name));
  add('lesson', lessons, (row) => {
    const subject = text(row.subject);
    return subject && `${subject} lesson`;
  });
  return names;
};
