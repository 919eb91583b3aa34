/**
 * Read models for the SENCo's privacy screens (devices, audit log, a
 * child's record on request): the children and staff this device holds,
 * as names to pick from. Names stay on the device: the server is asked by id.
 */
import { legalName } from '../domain';
import type { LocalStore } from './local-store';
import { isLive } from './rows';

export type ChildOption = { id: string; name: string; className?: string };
export type StaffOption = { id: string; name: string };

export const childOptions = async (store: LocalStore): Promise<ChildOption[]> => {
  const [children, classes] = await Promise.all([
    store.db.records('child').toArray(),
    store.db.records('class').toArray(),
  ]);
  const classNames = new Map(classes.map((row) => [row.id, row.name]));
  return children
    .filter(isLive)
    .map((row) => ({
      id: row.id,
      // The legal name: a subject access request or an erasure is about the person on record.
      name: legalName(row),
      className: row.classId === undefined ? undefined : classNames.get(row.classId),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

export const staffOptions = async (store: LocalStore): Promise<StaffOption[]> =>
  (await store.db.records('staff').toArray())
    .filter(isLive)
    .map((row) => ({ id: row.id, name: row.name }))
    .sort((a, b) => a.name.localeCompare(b.name));

/**
 * What the records a child's export points at are called on this device
 * (staff, classes, provisions, groups, lessons), keyed `entity:id`, so the
 * printed record names them. Deleted records keep their names: the export
 * may still point at a lesson or a member of staff who has since gone.
 */
export const recordNames = async (store: LocalStore): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  const [staff, classes, provisions, groups, lessons] = await Promise.all([
    store.db.records('staff').toArray(),
    store.db.records('class').toArray(),
    store.db.records('provision').toArray(),
    store.db.records('intervention').toArray(),
    store.db.records('lesson').toArray(),
  ]);
  for (const row of staff) names.set(`staff:${row.id}`, row.name);
  for (const row of classes) names.set(`class:${row.id}`, row.name);
  for (const row of provisions) names.set(`provision:${row.id}`, row.name);
  for (const row of groups) names.set(`intervention:${row.id}`, row.name);
  for (const row of lessons) names.set(`lesson:${row.id}`, `${row.subject} lesson`);
  return names;
};
