/**
 * Intervention groups, kept by the SENCo: creating a group (an instance of
 * a provision with its children, staff, weekly schedule and dates),
 * changing one, and archiving or restoring it. Each save is one
 * `patchEntity`: the group and its outbox mutation in one transaction.
 */
import { WEEKDAYS, checkGroup, newId, sameValue, type GroupFields, type Slot } from '../domain';
import { patchEntity } from './commands';
import type { LocalStore } from './local-store';
import { isLive, schoolCalendar } from './rows';
import { ValidationError } from './validation';

const GROUP_FIELDS = [
  'provisionId',
  'name',
  'childIds',
  'staffIds',
  'schedule',
  'sessionMinutes',
  'startDate',
  'endDate',
] as const satisfies readonly (keyof GroupFields)[];

/** A schedule in week order, so the same timetable is always the same value. */
const sortedSchedule = (schedule: readonly Slot[]): Slot[] =>
  [...schedule].sort(
    (a, b) =>
      WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.time.localeCompare(b.time),
  );

const comparable = (field: string, value: unknown): unknown =>
  field === 'schedule' && Array.isArray(value) ? sortedSchedule(value as Slot[]) : value;

/**
 * Saves a group: a new one (no id) with every field, or the fields of an
 * existing one that the SENCo changed. The group as it would stand after
 * the save is checked as a whole (checkGroup: dates in order, a child, a
 * member of staff, a slot, one child for a one-to-one provision); nothing is
 * written while anything is wrong. Returns the group's id.
 *
 * Why only the changed fields: entities merge field by field, last writer
 * wins per field. If the SENCo's laptop renames a group while her tablet
 * (or an admin) changes its schedule, both changes survive; sending the
 * whole form would put back the schedule this device last saw. The form
 * passes what the person changed since it was opened, and anything equal
 * to what this device holds now is dropped too.
 *
 * A field is the unit of merging: children and staff are lists, so two
 * people changing a group's children at once keep the later list, and the
 * other list stays in the record's history on the server.
 */
export const saveGroup = async (
  store: LocalStore,
  id: string | undefined,
  changes: Partial<GroupFields>,
): Promise<string> => {
  const existing = id ? await store.db.records('intervention').get(id) : undefined;
  if (id && !isLive(existing)) {
    throw new ValidationError({ _: 'This group is no longer on this device.' });
  }
  const input: Partial<GroupFields> = {
    ...changes,
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
  };
  const wanted: Partial<GroupFields> = {};
  for (const field of GROUP_FIELDS) {
    const value = input[field];
    if (
      value !== undefined &&
      (!existing || !sameValue(comparable(field, existing[field]), comparable(field, value)))
    ) {
      (wanted as Record<string, unknown>)[field] = value;
    }
  }
  const after: Partial<GroupFields> = { ...existing, ...wanted };
  const [provision, calendar] = await Promise.all([
    after.provisionId ? store.db.records('provision').get(after.provisionId) : undefined,
    schoolCalendar(store),
  ]);
  // Why checked against this device's copy and not in the write's
  // transaction: a pull landing in between can only change fields this save
  // does not send, and the server merges per field anyway, so two sound
  // edits can meet as an odd pair (one moves the start later, the other the
  // end earlier). The groups list re-checks every group and says so.
  const errors = checkGroup(after, {
    provision: isLive(provision) ? provision : undefined,
    calendar,
    isChoosingProvision: !existing || wanted.provisionId !== undefined,
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  // Sorted only now: the checks' `schedule.2` must name the form's third row.
  if (wanted.schedule) wanted.schedule = sortedSchedule(wanted.schedule);
  const groupId = id ?? newId();
  if (!existing) {
    await patchEntity(store, 'intervention', groupId, { ...wanted, isArchived: false });
  } else if (Object.keys(wanted).length > 0) {
    await patchEntity(store, 'intervention', groupId, wanted);
  }
  return groupId;
};

/**
 * Archive (or restore) a group. Why a field and not a delete: a tombstone
 * cannot be undone and beats every concurrent edit, while a group ends,
 * pauses and comes back. Archived, it leaves the TAs' "My sessions today"
 * and plans nothing, but the sessions logged for it still count as
 * delivered in every report.
 */
export const setGroupArchived = async (
  store: LocalStore,
  id: string,
  isArchived: boolean,
): Promise<void> => {
  const existing = await store.db.records('intervention').get(id);
  if (!isLive(existing))
    throw new ValidationError({ _: 'This group is no longer on this device.' });
  if (!!existing.isArchived === isArchived) return;
  await patchEntity(store, 'intervention', id, { isArchived });
};
