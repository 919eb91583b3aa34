/**
 * Read models for the SENCo's intervention groups: the list of groups with
 * their provision, staff, children, schedule, dates and sessions delivered
 * against planned so far; and what the group form needs (the provision
 * library, every child by class, the staff who can run a group, and the
 * default dates from the school calendar). Counting goes through
 * domain/provision.ts, like every other screen.
 */
import {
  checkGroup,
  childName,
  defaultGroupDates,
  deliveryAgainstPlan,
  isActiveStaff,
  isOnRoll,
  localDate,
  localMoment,
  type Role,
  type SchoolCalendar,
  type Slot,
} from '../domain';
import type { StoredRow } from './db';
import type { LocalStore } from './local-store';
import { isCountable, isLive, schoolCalendar } from './rows';

type GroupRow = StoredRow<'intervention'>;
type ProvisionRow = StoredRow<'provision'>;

// ---------------------------------------------------------------- the list

export type GroupOverview = {
  id: string;
  name: string;
  provisionName: string;
  isOneToOne: boolean;
  staffNames: string[];
  childCount: number;
  schedule: Slot[];
  sessionMinutes: number;
  startDate: string;
  endDate: string;
  isArchived: boolean;
  /** Before its start date, between its dates, or after its end date. */
  status: 'upcoming' | 'running' | 'ended';
  /** Sessions planned from the start date whose slot has come by now (school days only). */
  plannedSoFar: number;
  /** Effective sessions logged up to today, corrections counted once. */
  delivered: number;
  unscheduled: number;
  /** Problems a merge of two people's edits can leave (see saveGroup). */
  problems: string[];
  /** A change to this group made here is waiting to sync. */
  isWaiting: boolean;
};

export type GroupsOverview = { today: string; active: GroupOverview[]; archived: GroupOverview[] };

/** Every group in the school, active ones and archived ones, each by name. */
export const groupsOverview = async (store: LocalStore): Promise<GroupsOverview> => {
  const now = localMoment(new Date(store.now()));
  const today = now.date;
  const [groupRows, provisionRows, staffRows, calendar, pending] = await Promise.all([
    store.db.records('intervention').toArray(),
    store.db.records('provision').toArray(),
    store.db.records('staff').toArray(),
    schoolCalendar(store),
    store.db.outbox.where('state').equals('pending').toArray(),
  ]);
  const groups = groupRows.filter(isLive);
  const provisions = new Map(provisionRows.filter(isLive).map((row) => [row.id, row]));
  const staffNames = new Map(staffRows.filter(isLive).map((row) => [row.id, row.name]));
  const waiting = new Set(
    pending
      .filter((entry) => entry.mutation.entity === 'intervention')
      .map((entry) => entry.mutation.entityId),
  );
  const sessions = (
    await store.db
      .records('interventionSession')
      .where('interventionId')
      .anyOf(groups.map((group) => group.id))
      .toArray()
  ).filter(isCountable);

  const overview = groups
    .map((group): GroupOverview => {
      const provision = provisions.get(group.provisionId);
      // Why the time as well as the day: a slot later today is not yet missed.
      const delivery = deliveryAgainstPlan(group, sessions, calendar, { to: today }, now);
      return {
        id: group.id,
        name: group.name,
        provisionName: provision?.name ?? 'A provision not on this device',
        isOneToOne: provision?.format === 'one_to_one',
        staffNames: (group.staffIds ?? []).map((id) => staffNames.get(id) ?? 'Someone'),
        childCount: (group.childIds ?? []).length,
        schedule: group.schedule ?? [],
        sessionMinutes: group.sessionMinutes,
        startDate: group.startDate,
        endDate: group.endDate,
        isArchived: !!group.isArchived,
        status: today < group.startDate ? 'upcoming' : today > group.endDate ? 'ended' : 'running',
        plannedSoFar: delivery.planned,
        delivered: delivery.delivered,
        unscheduled: delivery.unscheduled,
        problems: Object.values(
          checkGroup(group, { provision, calendar, isChoosingProvision: false }),
        ),
        isWaiting: waiting.has(group.id),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    today,
    active: overview.filter((group) => !group.isArchived),
    archived: overview.filter((group) => group.isArchived),
  };
};

// ---------------------------------------------------------------- the form

export type ChildChoice = {
  id: string;
  name: string;
  classId?: string;
  className: string;
  yearGroup: number;
};
export type ClassChoice = { id: string; name: string; yearGroup: number };
export type StaffChoice = { id: string; name: string; role: Role };
export type ProvisionChoice = Pick<
  ProvisionRow,
  'id' | 'name' | 'format' | 'sessionsPerWeek' | 'sessionMinutes' | 'isArchived' | 'wave'
>;

export type GroupEditorSetup = {
  today: string;
  calendar: SchoolCalendar;
  defaults: { startDate: string; endDate: string };
  /** The group being changed; undefined for a new one. */
  group?: GroupRow;
  provisions: ProvisionChoice[];
  classes: ClassChoice[];
  /** Children on roll (and any already in the group), by class then name. */
  children: ChildChoice[];
  /** Active TAs and teachers (and anyone already running the group), TAs first. */
  staff: StaffChoice[];
};

const NO_CLASS = 'No class';
const RUNS_GROUPS: readonly Role[] = ['ta', 'teacher'];

/**
 * What the group form needs. `null` when asked for a group this device
 * does not hold (a wrong link, or deleted).
 */
export const groupEditorSetup = async (
  store: LocalStore,
  groupId?: string,
): Promise<GroupEditorSetup | null> => {
  const today = localDate(new Date(store.now()));
  const [groupRow, provisionRows, classRows, childRows, staffRows, calendar] = await Promise.all([
    groupId ? store.db.records('intervention').get(groupId) : undefined,
    store.db.records('provision').toArray(),
    store.db.records('class').toArray(),
    store.db.records('child').toArray(),
    store.db.records('staff').toArray(),
    schoolCalendar(store),
  ]);
  if (groupId && !isLive(groupRow)) return null;
  const group = groupRow;
  const inGroup = new Set(group?.childIds ?? []);
  const runsGroup = new Set(group?.staffIds ?? []);

  const classes = classRows
    .filter(isLive)
    .map((row) => ({ id: row.id, name: row.name, yearGroup: row.yearGroup }))
    .sort((a, b) => a.yearGroup - b.yearGroup || a.name.localeCompare(b.name));
  const classById = new Map(classes.map((c) => [c.id, c]));
  const classOrder = new Map(classes.map((c, index) => [c.id, index]));

  const children = childRows
    .filter(isLive)
    // A child who has left is not offered, unless already in this group.
    .filter((row) => isOnRoll(row, today) || inGroup.has(row.id))
    .map((row): ChildChoice => {
      const { classId } = row;
      return {
        id: row.id,
        name: childName(row),
        ...(classId ? { classId } : {}),
        className: (classId && classById.get(classId)?.name) || NO_CLASS,
        yearGroup: row.yearGroup,
      };
    })
    .sort(
      (a, b) =>
        (classOrder.get(a.classId ?? '') ?? classes.length) -
          (classOrder.get(b.classId ?? '') ?? classes.length) || a.name.localeCompare(b.name),
    );

  const staff = staffRows
    .filter(isLive)
    .filter(
      (row) => runsGroup.has(row.id) || (isActiveStaff(row) && RUNS_GROUPS.includes(row.role)),
    )
    .map((row) => ({ id: row.id, name: row.name, role: row.role }))
    .sort(
      (a, b) => Number(a.role !== 'ta') - Number(b.role !== 'ta') || a.name.localeCompare(b.name),
    );

  const provisions = provisionRows
    .filter(isLive)
    // An archived provision is not offered, except to the group that runs it.
    .filter((row) => !row.isArchived || row.id === group?.provisionId)
    .map(({ id, name, format, sessionsPerWeek, sessionMinutes, isArchived, wave }) => ({
      id,
      name,
      format,
      sessionsPerWeek,
      sessionMinutes,
      isArchived: !!isArchived,
      wave,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    today,
    calendar,
    defaults: defaultGroupDates(today, calendar),
    ...(group ? { group } : {}),
    provisions,
    classes,
    children,
    staff,
  };
};
