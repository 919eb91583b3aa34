/**
 * Read models for the UI. Each is a plain async function over the device
 * database; `watch()` turns one into a live query that re-runs whenever the
 * tables it read change, in this tab or another.
 */
import { liveQuery } from 'dexie';
import { childName, latestStandingBy } from '../domain';
import type {
  Child,
  FocusChild,
  Outcome,
  Role,
  StoredRecord,
  SupportLevel,
  Target,
} from '../domain';
import {
  META_KEYS,
  getMeta,
  type AttentionEntry,
  type StoredRow,
  type UnreadableChange,
} from './db';
import type { LocalStore } from './local-store';
import { isCurrent, isLive, waitingIds } from './rows';

export type Subscription = { unsubscribe(): void };
export type Watchable<T> = {
  subscribe(observer: { next(value: T): void; error?(error: unknown): void }): Subscription;
};

export const watch = <T>(query: () => Promise<T>): Watchable<T> => liveQuery(query);

type TickRow = StoredRow<'tick'>;

// ---------------------------------------------------------------- sync status

export type SyncState =
  'idle' | 'syncing' | 'offline' | 'needs_sign_in' | 'update_needed' | 'error';

export type SyncStatus = {
  state: SyncState;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  message?: string;
  /** Records pulled so far in the sync under way: progress through a large first sync. */
  received?: number;
};

export type SyncOverview = SyncStatus & {
  waiting: number;
  needsAttention: number;
  cursor: number;
  /** Pulled changes this device could not read and set aside. */
  unreadable: number;
};

export const syncOverview = async (store: LocalStore): Promise<SyncOverview> => {
  const { db } = store;
  const [status, waiting, needsAttention, cursor, unreadable] = await Promise.all([
    getMeta<SyncStatus>(db, META_KEYS.syncStatus),
    db.outbox.where('state').equals('pending').count(),
    db.attention.count(),
    getMeta<number>(db, META_KEYS.cursor),
    getMeta<UnreadableChange[]>(db, META_KEYS.unreadable),
  ]);
  return {
    state: 'idle',
    ...status,
    waiting,
    needsAttention,
    cursor: cursor ?? 0,
    unreadable: unreadable?.length ?? 0,
  };
};

export const needsAttention = (store: LocalStore): Promise<AttentionEntry[]> =>
  store.db.attention.orderBy('id').toArray();

// ---------------------------------------------------------------- focus children and ticks

export type TickView = {
  id: string;
  outcome: Outcome;
  support?: SupportLevel;
  note?: string;
  recordedAt: string;
  recordedBy?: string;
  isWaiting: boolean;
  rejectedReason?: string;
  /** The earlier tick this one corrects, and whether it is an undo. */
  supersedesId?: string;
  isWithdrawn?: boolean;
  lessonId?: string;
};

export type TargetView = StoredRecord<'target'> & { latestTick?: TickView };

export type FocusChildView = {
  focus: StoredRecord<'focusChild'>;
  child: StoredRecord<'child'>;
  className?: string;
  targets: TargetView[];
};

/**
 * The ticks given plus every earlier version they correct, followed back
 * through `supersedesId`. Why: a screen that reads only today's ticks must
 * still see the chain a correction made today belongs to, or two
 * corrections of yesterday's tick would look like two separate ticks.
 */
const withEarlierVersions = async (store: LocalStore, ticks: TickRow[]): Promise<TickRow[]> => {
  const held = new Map(ticks.map((row) => [row.id, row]));
  let wanted = ticks.map((row) => row.supersedesId);
  while (wanted.length > 0) {
    const ids = [...new Set(wanted.filter((id): id is string => !!id && !held.has(id)))];
    if (ids.length === 0) break;
    const found = (await store.db.records('tick').bulkGet(ids)).filter((row) => !!row);
    for (const row of found) held.set(row.id, row);
    wanted = found.map((row) => row.supersedesId);
  }
  return [...held.values()];
};

const toTickView = (row: TickRow, waiting: Set<string>): TickView => ({
  id: row.id,
  outcome: row.outcome,
  support: row.support,
  note: row.note,
  recordedAt: row.recordedAt,
  recordedBy: row.recordedBy,
  isWaiting: waiting.has(row.id),
  rejectedReason: row._rejected?.message,
  ...(row.supersedesId ? { supersedesId: row.supersedesId } : {}),
  ...(row.isWithdrawn ? { isWithdrawn: true } : {}),
  ...(row.lessonId ? { lessonId: row.lessonId } : {}),
});

/**
 * The focus children a member of staff watches, with each child's active
 * targets and the latest tick on each target since `since` (ISO time; by
 * default the start of today). A teacher sees their own focus children; a TA
 * those of the classes they support; the SENCo everyone's.
 */
export const focusChildrenFor = async (
  store: LocalStore,
  staff: { id: string; role: Role },
  since: string,
): Promise<FocusChildView[]> => {
  const { db } = store;
  let focusRows: StoredRow<'focusChild'>[];
  if (staff.role === 'teacher') {
    focusRows = await db.records('focusChild').where('staffId').equals(staff.id).toArray();
  } else if (staff.role === 'ta') {
    const classes = (await db.records('class').toArray()).filter(
      (row) => isLive(row) && (row.taIds ?? []).includes(staff.id),
    );
    focusRows = await db
      .records('focusChild')
      .where('classId')
      .anyOf(classes.map((row) => row.id))
      .toArray();
  } else {
    focusRows = await db.records('focusChild').toArray();
  }
  focusRows = focusRows.filter(isCurrent);
  const childIds = [...new Set(focusRows.map((row) => row.childId))];
  const [children, targets, classes, waiting] = await Promise.all([
    db.records('child').bulkGet(childIds),
    db.records('target').where('childId').anyOf(childIds).toArray(),
    db.records('class').toArray(),
    waitingIds(store),
  ]);
  const childById = new Map(children.filter(isLive).map((row) => [row.id, row]));
  const classNames = new Map(classes.map((row) => [row.id, row.name]));
  // Only termly next steps take ticks: an EHCP outcome or annual target is
  // long-range, and its progress rolls up from its steps (ehcp.ts).
  const activeTargets = targets.filter(
    (row) => isCurrent(row) && !row.lessonId && (row.level ?? 'termly') === 'termly',
  );
  // Why by time and not by target: a tablet keeps every tick of the year, and
  // this list re-reads after each tap; only the ticks since `since` count.
  const activeIds = new Set(activeTargets.map((row) => row.id));
  const todays = await db.records('tick').where('recordedAt').aboveOrEqual(since).toArray();
  const ticks = await withEarlierVersions(
    store,
    todays.filter((row) => activeIds.has(row.targetId)),
  );
  const latestByTarget = latestTicks(ticks);

  const seen = new Set<string>();
  const views: FocusChildView[] = [];
  for (const focus of focusRows) {
    const child = childById.get(focus.childId);
    if (!child || seen.has(child.id)) continue;
    seen.add(child.id);
    const childTargets = activeTargets
      .filter((row) => row.childId === child.id)
      .sort((a, b) => a.text.localeCompare(b.text))
      .map((row) => {
        const tick = latestByTarget.get(row.id);
        return { ...row, ...(tick ? { latestTick: toTickView(tick, waiting) } : {}) };
      });
    views.push({
      focus,
      child,
      className: classNames.get(focus.classId),
      targets: childTargets,
    });
  }
  return views.sort((a, b) => childName(a.child).localeCompare(childName(b.child)));
};

/**
 * The tick that stands for each target, newest first per target (standing.ts
 * decides which version of a corrected tick stands).
 */
export const latestTicks = (ticks: readonly TickRow[]): Map<string, TickRow> =>
  latestStandingBy(ticks, (row) => row.targetId);

export type RecordedTickView = TickView & {
  childName: string;
  targetText: string;
  staffName?: string;
};

/** The most recent ticks across everything this device holds (the SENCo's view). */
export const recentTicks = async (store: LocalStore, limit = 200): Promise<RecordedTickView[]> => {
  const { db } = store;
  const rows = await db.records('tick').orderBy('recordedAt').reverse().limit(limit).toArray();
  const childIds = [...new Set(rows.map((row) => row.childId))];
  const targetIds = [...new Set(rows.map((row) => row.targetId))];
  const staffIds = [...new Set(rows.flatMap((row) => (row.recordedBy ? [row.recordedBy] : [])))];
  const [children, targets, staff, waiting] = await Promise.all([
    db.records('child').bulkGet(childIds),
    db.records('target').bulkGet(targetIds),
    db.records('staff').bulkGet(staffIds),
    waitingIds(store),
  ]);
  const childNames = new Map(
    children.filter((row) => !!row).map((row) => [row.id, childName(row)]),
  );
  const targetText = new Map(targets.filter((row) => !!row).map((row) => [row.id, row.text]));
  const staffName = new Map(staff.filter((row) => !!row).map((row) => [row.id, row.name]));
  return rows.map((row) => ({
    ...toTickView(row, waiting),
    childName: childNames.get(row.childId) ?? 'Unknown child',
    targetText: targetText.get(row.targetId) ?? 'Unknown target',
    ...(row.recordedBy && staffName.has(row.recordedBy)
      ? { staffName: staffName.get(row.recordedBy) }
      : {}),
  }));
};

export type { Child, FocusChild, Target };
