/**
 * Read models for intervention groups: a TA's sessions today, the register
 * of one group, a group's sessions and scores, the TA's week, and the
 * SENCo's list of every session logged. All counting goes through
 * domain/provision.ts, so every screen agrees on what was delivered.
 */
import {
  addDays,
  assessmentScoreSchema,
  attendanceByChild,
  childrenWhoMissed,
  correctionChains,
  deliveryAgainstPlan,
  interventionSessionSchema,
  isSchoolDay,
  localDate,
  localMoment,
  plannedSessions,
  slotsToLog,
  scoreChanges,
  standingRecords,
  standingVersionOf,
  startOfSchoolWeek,
  weekdayOf,
  type RecordData,
  type ScoreChange,
} from '../domain';
import type { StoredRow } from './db';
import type { LocalStore } from './local-store';
import { isCurrent, isLive, namesOf, schoolCalendar, waitingIds as pendingIds } from './rows';

export type GroupRecord = StoredRow<'intervention'>;
export type ProvisionRecord = StoredRow<'provision'>;
export type SessionRecord = StoredRow<'interventionSession'>;

export type ChildName = { id: string; name: string };

export const todayOn = (store: LocalStore): string => localDate(new Date(store.now()));

/** The live, not archived groups a member of staff runs (every group when no id). */
const groupsOf = async (store: LocalStore, staffId?: string): Promise<GroupRecord[]> =>
  (await store.db.records('intervention').toArray())
    .filter((row) => isCurrent(row) && (!staffId || (row.staffIds ?? []).includes(staffId)))
    .sort((a, b) => a.name.localeCompare(b.name));

const provisionsById = async (
  store: LocalStore,
  ids: readonly string[],
): Promise<Map<string, ProvisionRecord>> => {
  const rows = await store.db.records('provision').bulkGet([...new Set(ids)]);
  return new Map(rows.filter(isLive).map((row) => [row.id, row]));
};

const sessionsOf = async (
  store: LocalStore,
  groupIds: readonly string[],
): Promise<SessionRecord[]> =>
  (
    await store.db
      .records('interventionSession')
      .where('interventionId')
      .anyOf([...groupIds])
      .toArray()
  ).filter(isLive);

// ---------------------------------------------------------------- a logged session, for people

export type SessionVersionView = {
  id: string;
  date: string;
  minutes: number;
  present: number;
  total: number;
  absent: { childId: string; name: string; reason?: string }[];
  ratings: { childId: string; name: string; rating: number }[];
  note?: string;
  isUnscheduled: boolean;
  recordedAt: string;
  recordedBy?: string;
  isWaiting: boolean;
  rejectedReason?: string;
};

export type LoggedSessionView = SessionVersionView & {
  interventionId: string;
  groupName: string;
  /** Earlier versions, oldest first; empty unless corrected. */
  history: SessionVersionView[];
  isCorrected: boolean;
};

const toVersionView = (
  session: SessionRecord,
  childNames: Map<string, string>,
  staffNames: Map<string, string>,
  waiting: Set<string>,
): SessionVersionView => ({
  id: session.id,
  date: session.date,
  minutes: session.minutes,
  present: session.attendance.filter((mark) => mark.isPresent).length,
  total: session.attendance.length,
  absent: session.attendance
    .filter((mark) => !mark.isPresent)
    .map((mark) => ({
      childId: mark.childId,
      name: childNames.get(mark.childId) ?? 'A child',
      ...(mark.absenceReason ? { reason: mark.absenceReason } : {}),
    })),
  ratings: session.attendance
    .filter((mark) => mark.rating !== undefined)
    .map((mark) => ({
      childId: mark.childId,
      name: childNames.get(mark.childId) ?? 'A child',
      rating: mark.rating!,
    })),
  ...(session.note ? { note: session.note } : {}),
  isUnscheduled: !!session.isUnscheduled,
  recordedAt: session.recordedAt,
  ...(session.recordedBy ? { recordedBy: staffNames.get(session.recordedBy) } : {}),
  isWaiting: waiting.has(session.id),
  ...(session._rejected ? { rejectedReason: session._rejected.message } : {}),
});

/** The effective sessions with their history, newest session first. */
const loggedSessions = async (
  store: LocalStore,
  sessions: SessionRecord[],
  groups: Map<string, GroupRecord>,
): Promise<LoggedSessionView[]> => {
  const childIds = sessions.flatMap((session) => session.attendance.map((mark) => mark.childId));
  const staffIds = sessions.flatMap((session) => (session.recordedBy ? [session.recordedBy] : []));
  const [childNames, staffNames, waiting] = await Promise.all([
    namesOf(store, 'child', childIds),
    namesOf(store, 'staff', staffIds),
    pendingIds(store),
  ]);
  const views: LoggedSessionView[] = [];
  for (const chain of correctionChains(sessions).values()) {
    const [head] = standingRecords(chain);
    if (!head) continue;
    const history = chain.filter((session) => session.id !== head.id);
    views.push({
      ...toVersionView(head, childNames, staffNames, waiting),
      interventionId: head.interventionId,
      groupName: groups.get(head.interventionId)?.name ?? 'A group',
      history: history.map((session) => toVersionView(session, childNames, staffNames, waiting)),
      isCorrected: history.length > 0,
    });
  }
  // Newest date first; on one date, in the order they were first logged.
  const firstLogged = (view: LoggedSessionView) => view.history[0]?.recordedAt ?? view.recordedAt;
  return views.sort(
    (a, b) => b.date.localeCompare(a.date) || firstLogged(a).localeCompare(firstLogged(b)),
  );
};

// ---------------------------------------------------------------- my sessions today

export type SlotView = {
  key: string;
  interventionId: string;
  groupName: string;
  provisionName: string;
  isOneToOne: boolean;
  time: string;
  sessionMinutes: number;
  childCount: number;
  /** The session logged for this slot, once there is one. */
  logged?: LoggedSessionView;
};

export type GroupSummary = {
  id: string;
  name: string;
  provisionName: string;
  isOneToOne: boolean;
  childCount: number;
};

export type MySessionsToday = {
  today: string;
  isSchoolDay: boolean;
  slots: SlotView[];
  /** Sessions logged today beyond the timetable. */
  extras: LoggedSessionView[];
  groups: GroupSummary[];
};

const summaryOf = (group: GroupRecord, provisions: Map<string, ProvisionRecord>): GroupSummary => {
  const provision = provisions.get(group.provisionId);
  return {
    id: group.id,
    name: group.name,
    provisionName: provision?.name ?? 'Provision',
    isOneToOne: provision?.format === 'one_to_one' || group.childIds.length === 1,
    childCount: group.childIds.length,
  };
};

/**
 * A TA's scheduled sessions today in time order, each with the session
 * logged for it if any, plus the extra sessions logged today and every group
 * they run (to log an unscheduled session).
 */
export const mySessionsToday = async (
  store: LocalStore,
  staffId: string,
): Promise<MySessionsToday> => {
  const today = todayOn(store);
  const [calendar, groups] = await Promise.all([schoolCalendar(store), groupsOf(store, staffId)]);
  const provisions = await provisionsById(
    store,
    groups.map((group) => group.provisionId),
  );
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const sessions = await sessionsOf(
    store,
    groups.map((group) => group.id),
  );
  // A correction may move a session to another date: the version that stands
  // says which day it belongs to, so every version goes in before the date.
  const logged = (await loggedSessions(store, sessions, groupById)).filter((s) => s.date === today);
  const byFirstLogged = (view: LoggedSessionView) => view.history[0]?.recordedAt ?? view.recordedAt;
  const schoolDay = isSchoolDay(today, calendar);
  const slots: SlotView[] = [];
  const used = new Set<string>();
  for (const group of groups) {
    if (!schoolDay || group.startDate > today || group.endDate < today) continue;
    const times = group.schedule
      .filter((slot) => slot.weekday === weekdayOf(today))
      .map((slot) => slot.time)
      .sort();
    // Why by order: a register does not say which slot it was for, so the
    // first session logged today fills the first slot, and so on.
    const scheduled = logged
      .filter((view) => view.interventionId === group.id && !view.isUnscheduled)
      .sort((a, b) => byFirstLogged(a).localeCompare(byFirstLogged(b)));
    const summary = summaryOf(group, provisions);
    times.forEach((time, index) => {
      const match = scheduled[index];
      if (match) used.add(match.id);
      slots.push({
        key: `${group.id}:${time}:${index}`,
        interventionId: group.id,
        groupName: group.name,
        provisionName: summary.provisionName,
        isOneToOne: summary.isOneToOne,
        time,
        sessionMinutes: group.sessionMinutes,
        childCount: group.childIds.length,
        ...(match ? { logged: match } : {}),
      });
    });
  }
  slots.sort((a, b) => a.time.localeCompare(b.time) || a.groupName.localeCompare(b.groupName));
  return {
    today,
    isSchoolDay: schoolDay,
    slots,
    extras: logged.filter((view) => !used.has(view.id)),
    groups: groups.map((group) => summaryOf(group, provisions)),
  };
};

// ---------------------------------------------------------------- the register

export type RegisterSetup = {
  group: GroupRecord;
  provision?: ProvisionRecord;
  children: ChildName[];
  today: string;
  /** When correcting: the version being corrected. */
  session?: SessionRecord;
};

/** What a register needs: the group, its children by name, and today's date. */
export const registerSetup = async (
  store: LocalStore,
  interventionId: string,
): Promise<RegisterSetup | null> => {
  const group = await store.db.records('intervention').get(interventionId);
  if (!isLive(group)) return null;
  const record = group;
  const [provisions, names] = await Promise.all([
    provisionsById(store, [record.provisionId]),
    namesOf(store, 'child', record.childIds),
  ]);
  return {
    group: record,
    provision: provisions.get(record.provisionId),
    children: record.childIds.map((id) => ({ id, name: names.get(id) ?? 'A child' })),
    today: todayOn(store),
  };
};

/** A register to correct a session: the version that stands now, and its group. */
export const correctionSetup = async (
  store: LocalStore,
  sessionId: string,
): Promise<RegisterSetup | null> => {
  const row = await store.db.records('interventionSession').get(sessionId);
  if (!isLive(row)) return null;
  const chosen = row;
  const sessions = await sessionsOf(store, [chosen.interventionId]);
  const head = standingVersionOf(sessions, sessionId) ?? chosen;
  const setup = await registerSetup(store, chosen.interventionId);
  if (!setup) return null;
  // Children on the register who have since left the group still appear.
  const missing = head.attendance
    .map((mark) => mark.childId)
    .filter((id) => !setup.children.some((child) => child.id === id));
  const extraNames = await namesOf(store, 'child', missing);
  return {
    ...setup,
    children: [
      ...setup.children.filter((child) => head.attendance.some((m) => m.childId === child.id)),
      ...missing.map((id) => ({ id, name: extraNames.get(id) ?? 'A child' })),
    ],
    session: head,
  };
};

// ---------------------------------------------------------------- one group

export type ChildProgress = ChildName & {
  attended: number;
  missed: number;
  minutes: number;
  scores?: ScoreChange;
};

export type GroupDetail = {
  group: GroupRecord;
  provision?: ProvisionRecord;
  today: string;
  plannedToDate: number;
  delivered: number;
  unscheduled: number;
  children: ChildProgress[];
  sessions: LoggedSessionView[];
};

/** A group's sessions (with corrections and history), attendance, dosage and score changes. */
export const groupDetail = async (
  store: LocalStore,
  interventionId: string,
): Promise<GroupDetail | null> => {
  const row = await store.db.records('intervention').get(interventionId);
  if (!isLive(row)) return null;
  const group = row;
  const today = todayOn(store);
  const [calendar, provisions, sessions, scoreRows] = await Promise.all([
    schoolCalendar(store),
    provisionsById(store, [group.provisionId]),
    sessionsOf(store, [group.id]),
    store.db.records('assessmentScore').where('interventionId').equals(group.id).toArray(),
  ]);
  const provision = provisions.get(group.provisionId);
  const counted = sessions;
  const delivery = deliveryAgainstPlan(group, counted, calendar, { to: today });
  const attendance = attendanceByChild(counted, { interventionId: group.id });
  const scores = scoreChanges(
    scoreRows.filter(isLive),
    group.id,
    provision?.measure?.isHigherBetter ?? true,
  );
  const names = await namesOf(store, 'child', group.childIds);
  // Why only the children this device holds: a class teacher who sees a
  // group that mixes classes is sent only her own children (and their lines
  // of each register); the others would show as "A child" who never came.
  const held = await store.db.records('child').bulkGet(group.childIds);
  const shown = group.childIds.filter((_id, i) => held[i] !== undefined);
  return {
    group,
    provision,
    today,
    plannedToDate: delivery.planned,
    delivered: delivery.delivered,
    unscheduled: delivery.unscheduled,
    children: shown.map((id) => {
      const row = attendance.get(id);
      const change = scores.get(id);
      return {
        id,
        name: names.get(id) ?? 'A child',
        attended: row?.attended ?? 0,
        missed: row?.missed ?? 0,
        minutes: row?.minutes ?? 0,
        ...(change ? { scores: change } : {}),
      };
    }),
    sessions: await loggedSessions(store, sessions, new Map([[group.id, group]])),
  };
};

// ---------------------------------------------------------------- the TA's week

export type WeekGroup = GroupSummary & {
  plannedThisWeek: number;
  /** Planned sessions this week up to and including today. */
  plannedSoFar: number;
  /** This week's planned sessions whose time has come and that nobody has logged yet. */
  toLog: { date: string; time: string }[];
  loggedThisWeek: number;
  unscheduledThisWeek: number;
};

export type WaitingItem = { id: string; what: string; when: string };

export type MyWeek = {
  today: string;
  weekStart: string;
  weekEnd: string;
  groups: WeekGroup[];
  /** Children who missed two or more sessions of a group so far. */
  missed: { childId: string; name: string; groupName: string; missed: number; sessions: number }[];
  waiting: WaitingItem[];
};

/** A TA's week: each group's sessions logged against planned, who keeps missing, and what waits to sync. */
export const myWeek = async (store: LocalStore, staffId: string): Promise<MyWeek> => {
  const today = todayOn(store);
  const weekStart = startOfSchoolWeek(today);
  const weekEnd = addDays(weekStart, 4);
  const [calendar, groups] = await Promise.all([schoolCalendar(store), groupsOf(store, staffId)]);
  const provisions = await provisionsById(
    store,
    groups.map((group) => group.provisionId),
  );
  const sessions = await sessionsOf(
    store,
    groups.map((group) => group.id),
  );
  const week = { from: weekStart, to: weekEnd };
  // Why the time as well as the day: a slot later today is not yet missed.
  const now = localMoment(new Date(store.now()));
  const weekGroups = groups.map((group) => {
    const delivery = deliveryAgainstPlan(group, sessions, calendar, week);
    return {
      ...summaryOf(group, provisions),
      plannedThisWeek: delivery.planned,
      // Why the time as well as the day: a slot later today is not yet missed.
      plannedSoFar: plannedSessions(group, calendar, week, now).length,
      toLog: slotsToLog(group, sessions, calendar, week, now).map(({ date, time }) => ({
        date,
        time,
      })),
      loggedThisWeek: delivery.delivered,
      unscheduledThisWeek: delivery.unscheduled,
    };
  });

  const childIds = groups.flatMap((group) => group.childIds);
  const names = await namesOf(store, 'child', childIds);
  const missed = groups.flatMap((group) =>
    childrenWhoMissed(sessions, 2, { interventionId: group.id }).map((row) => ({
      childId: row.childId,
      name: names.get(row.childId) ?? 'A child',
      groupName: group.name,
      missed: row.missed,
      sessions: row.sessions,
    })),
  );

  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const pending = await store.db.outbox.where('state').equals('pending').sortBy('seq');
  // What waits to sync, read back through the schema it was written with.
  const sessionsWaiting = new Map<string, RecordData<'interventionSession'>>();
  const scoresWaiting = new Map<string, RecordData<'assessmentScore'>>();
  for (const { mutation } of pending) {
    if (mutation.entity === 'interventionSession') {
      const parsed = interventionSessionSchema.safeParse(mutation.data);
      if (parsed.success) sessionsWaiting.set(mutation.id, parsed.data);
    } else if (mutation.entity === 'assessmentScore') {
      const parsed = assessmentScoreSchema.safeParse(mutation.data);
      if (parsed.success) scoresWaiting.set(mutation.id, parsed.data);
    }
  }
  const scoreNames = await namesOf(
    store,
    'child',
    [...scoresWaiting.values()].map((score) => score.childId),
  );
  const waiting: WaitingItem[] = pending.map((entry) => {
    const { mutation } = entry;
    const session = sessionsWaiting.get(mutation.id);
    if (session) {
      const kind = session.supersedesId ? 'Correction to a session' : 'Session';
      const group = groupNames.get(session.interventionId) ?? 'a group';
      return {
        id: mutation.id,
        what: `${kind}: ${group}, ${session.minutes} minutes`,
        when: session.date,
      };
    }
    const score = scoresWaiting.get(mutation.id);
    if (score) {
      const phase = score.phase.replace(/^./, (c) => c.toUpperCase());
      const child = scoreNames.get(score.childId) ?? 'a child';
      return {
        id: mutation.id,
        what: `${phase} score for ${child}: ${score.value}`,
        when: score.date,
      };
    }
    return { id: mutation.id, what: 'Another change', when: entry.createdAt.slice(0, 10) };
  });
  return { today, weekStart, weekEnd, groups: weekGroups, missed, waiting };
};

// ---------------------------------------------------------------- the SENCo's list

/** Every session logged across the school (the effective version of each), newest first. */
export const allLoggedSessions = async (store: LocalStore): Promise<LoggedSessionView[]> => {
  // Archived groups too: their sessions were still delivered.
  const allGroups = (await store.db.records('intervention').toArray()).filter(isLive);
  const sessions = (await store.db.records('interventionSession').toArray()).filter(isLive);
  return loggedSessions(store, sessions, new Map(allGroups.map((group) => [group.id, group])));
};
