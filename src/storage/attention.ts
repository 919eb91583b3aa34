/**
 * The "needs attention" list: changes the server refused, kept on the
 * device with the server's reason until a person decides what to do.
 *
 * Why a list and not a retry: a refused change will be refused again (it
 * is invalid, too big, or its record was deleted by someone else), so
 * retrying it would block the queue for ever; dropping it silently would
 * lose what a person recorded. It waits here; everything else syncs on.
 */
import { childName, isEntityName, isEventType, type Mutation } from '../domain';
import type { AttentionEntry } from './db';
import type { LocalStore } from './local-store';
import { rebuildRows } from './outbox';

const KIND_LABELS: Record<string, string> = {
  tick: 'Tick',
  interventionSession: 'Session log',
  assessmentScore: 'Assessment score',
  review: 'Review',
  senRegisterEntry: 'SEN register history',
  target: 'Target',
  child: 'Child',
  focusChild: 'Focus child',
  learningPlan: 'Learning plan',
  passport: 'Pupil passport',
  intervention: 'Intervention',
  provision: 'Provision',
  lesson: 'Lesson',
  class: 'Class',
  staff: 'Staff member',
  school: 'School',
  transferredRecord: 'SEND record from a previous school',
};

export type AttentionItem = {
  id: string;
  /** "Tick for Amelia Jones: Reads CVC words" or the nearest we can say. */
  title: string;
  /** What the change was: recorded, changed, deleted. */
  action: string;
  reason: string;
  code: string;
  at: string;
  /** The change in full, for "copy details" (to send to the school office). */
  details: string;
};

const describe = async (store: LocalStore, mutation: Mutation): Promise<string> => {
  const label = KIND_LABELS[mutation.entity] ?? 'Record';
  const data = mutation.data ?? {};
  const { db } = store;
  if (mutation.entity === 'tick') {
    const [child, target] = await Promise.all([
      typeof data.childId === 'string' ? db.records('child').get(data.childId) : undefined,
      typeof data.targetId === 'string' ? db.records('target').get(data.targetId) : undefined,
    ]);
    const who = child ? childName(child) : undefined;
    const what = target ? String(target.text) : undefined;
    if (who || what) return `${label} for ${[who, what].filter(Boolean).join(': ')}`;
  }
  const name = data.text ?? data.name ?? data.title;
  if (typeof name === 'string') return `${label}: ${name}`;
  if (isEntityName(mutation.entity)) {
    const row = await db.anyRecords(mutation.entity).get(mutation.entityId);
    const rowName = row?.text ?? row?.name ?? row?.title;
    if (typeof rowName === 'string') return `${label}: ${rowName}`;
  }
  return label;
};

const actionOf = (mutation: Mutation): string =>
  mutation.kind === 'event' ? 'recorded' : mutation.kind === 'delete' ? 'deleted' : 'changed';

export const attentionItems = async (store: LocalStore): Promise<AttentionItem[]> => {
  const entries: AttentionEntry[] = await store.db.attention.toArray();
  entries.sort((a, b) => a.mutation.seq - b.mutation.seq);
  return Promise.all(
    entries.map(async (entry) => ({
      id: entry.id,
      title: await describe(store, entry.mutation),
      action: actionOf(entry.mutation),
      reason: entry.message,
      code: entry.code,
      at: entry.at,
      details: JSON.stringify(
        {
          reason: { code: entry.code, message: entry.message, at: entry.at },
          change: entry.mutation,
        },
        null,
        2,
      ),
    })),
  );
};

/**
 * A person has seen a refused change and lets it go. The refused event's
 * own row leaves the device too (the server never had it); an entity row
 * is rebuilt from the server's copy and any other waiting changes.
 */
export const discardAttention = async (store: LocalStore, id: string): Promise<void> => {
  const { db } = store;
  await db.transaction('rw', [db.attention, db.outbox, ...db.recordTables()], async () => {
    const entry = await db.attention.get(id);
    if (!entry) return;
    await db.attention.delete(id);
    const { mutation } = entry;
    if (!isEntityName(mutation.entity)) return;
    if (isEventType(mutation.entity)) {
      const row = await db.records(mutation.entity).get(mutation.entityId);
      if (row?._rejected) await db.records(mutation.entity).delete(mutation.entityId);
    } else {
      await rebuildRows(store, new Map([[mutation.entityId, mutation.entity]]));
    }
  });
};
