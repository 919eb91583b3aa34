/**
 * The device database: one Dexie table per record type of the sync protocol,
 * plus the outbox (changes waiting to reach the server), the "needs
 * attention" list (changes the server refused), the person's changes that
 * lost to a newer one (lost-edits.ts) and a small key-value table for sync
 * state.
 *
 * Only storage code opens these tables. The UI reads live queries and writes
 * through commands (see commands.ts), so every write goes with its outbox
 * entry in one transaction.
 */
import { Dexie, type Table } from 'dexie';
import type { EntityName, FieldHlcs, Hlc, Mutation, StoredRecord } from '../domain';
import { ENTITY_NAMES } from '../domain';

/** What the device knows of the server's copy of an entity (see apply.ts). */
export type EntitySyncState = {
  /** The server's field values, as last pulled. */
  base: Record<string, unknown>;
  baseHlcs: FieldHlcs;
  isDeleted: boolean;
};

/** What the device keeps beside a record's own fields (see rows.ts for what they mean). */
export type RowBookkeeping = {
  /** Entities: the server's copy, from which the visible fields are rebuilt. */
  _sync?: EntitySyncState;
  /** A tombstone: deleted here or on the server. */
  _deleted?: boolean;
  /** An event the server refused; it stays visible, marked, under Needs attention. */
  _rejected?: { code: string; message: string };
};

/**
 * A stored row of one record type, as read back: the record (its schema's
 * fields, defaults filled in, and its id) plus the bookkeeping.
 */
export type StoredRow<E extends EntityName = EntityName> = StoredRecord<E> & RowBookkeeping;

/**
 * A row as the code that treats every record type alike handles it: applying
 * a pulled page, laying overlays, writing a command's checked fields. Why
 * untyped there: that code copies fields it does not name, and each field was
 * checked by the record's schema (the command's, or the server's) before it
 * reached the table.
 */
export type AnyRow = RowBookkeeping & { id: string; [field: string]: unknown };

export type OutboxState = 'pending' | 'acked';

export type OutboxEntry = {
  /** The device's mutation sequence number: the push order. */
  seq: number;
  mutation: Mutation;
  state: OutboxState;
  /**
   * Set once the server acknowledged the mutation: the server cursor of that
   * push. The entry stays (as an overlay on the visible row) until a pull has
   * reached this cursor, so an acknowledged edit never flickers back to the
   * old value in between.
   */
  ackedCursor?: number;
  createdAt: string;
};

export type AttentionEntry = {
  id: string;
  mutation: Mutation;
  code: string;
  message: string;
  at: string;
};

/**
 * One field of this person's change that the server kept a newer value
 * over (see lost-edits.ts), until they dismiss it.
 */
export type LostEditEntry = {
  /** `<mutation id>/<field>`: a repeated answer for the same loss replaces it. */
  id: string;
  entity: string;
  entityId: string;
  field: string;
  /** What this person had set, so they can put it back if they mean to. */
  value: unknown;
  /** Who made the winning change, when the server could say. */
  by?: { staffId: string; name: string };
  /** The winning change was this person's own, from another device or an earlier push. */
  isOwn?: boolean;
  /** When the winning change was made (ISO), when the server could say. */
  at?: string;
  /** When this device heard of it. */
  noticedAt: string;
};

export type MetaEntry = { key: string; value: unknown };

/** Indexes per record type, beyond the primary key `id`. */
const RECORD_INDEXES: Record<EntityName, string> = {
  school: '',
  staff: 'email',
  class: '',
  child: 'classId',
  focusChild: 'staffId, childId, classId',
  learningPlan: 'childId',
  target: 'childId, planId, parentTargetId, lessonId',
  lesson: 'classId, staffId, startedAt',
  passport: 'childId',
  provision: '',
  intervention: 'provisionId',
  tick: 'targetId, childId, lessonId, recordedAt',
  interventionSession: 'interventionId, date',
  assessmentScore: 'childId, interventionId',
  review: 'childId',
  transferredRecord: 'childId',
  senRegisterEntry: 'childId',
};

/**
 * Record types added after the first version of the device database, with
 * the version that created each table. Why: a device already at a later
 * version opens without an upgrade, so a table added to version 1 would
 * never be created there.
 */
const ADDED_IN_VERSION: Partial<Record<EntityName, number>> = {
  transferredRecord: 3,
  senRegisterEntry: 4,
};

const storeOf = (entity: EntityName): string => {
  const extra = RECORD_INDEXES[entity];
  return extra ? `id, ${extra}` : 'id';
};

/**
 * The device database's name. Why it keeps the product's first name: a
 * tablet updated to this version finds its records and unsent changes under
 * this name; a new name would open an empty database and strand them. It is
 * an internal key, never shown to a person.
 */
export const DB_NAME = 'target-tracker';

export class TrackerDb extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  attention!: Table<AttentionEntry, string>;
  lostEdits!: Table<LostEditEntry, string>;
  meta!: Table<MetaEntry, string>;

  constructor(name = DB_NAME) {
    super(name);
    const stores: Record<string, string> = {
      outbox: 'seq, mutation.entityId, state',
      attention: 'id, mutation.entityId',
      meta: 'key',
    };
    for (const entity of ENTITY_NAMES) {
      if (ADDED_IN_VERSION[entity] === undefined) stores[entity] = storeOf(entity);
    }
    this.version(1).stores(stores);
    // Version 2 adds the notices of changes that lost; nothing else moves,
    // so an upgrade only creates the table.
    this.version(2).stores({ lostEdits: 'id, entityId' });
    // Version 3 adds the SEND records transferred from a previous school.
    this.version(3).stores({ transferredRecord: storeOf('transferredRecord') });
    // Version 4 adds the SEN register history; an upgrade only creates the table.
    this.version(4).stores({ senRegisterEntry: storeOf('senRegisterEntry') });
    // Why: an old tab must never block a newer tab's schema upgrade (and so
    // leave a teacher staring at a spinner). The old tab closes its
    // connection at once and stays closed: its code knows only the old
    // schema, so it must not write into the new one. It tells its page,
    // which asks the person to reload (every saved change is in the
    // database, so a reload loses nothing).
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      this.close();
      if (event.newVersion !== null && event.newVersion > 0) {
        this.hasBeenUpgradedElsewhere = true;
        for (const listener of this.upgradeListeners) listener();
      }
      return false;
    });
  }

  /** Set when a newer version of the app upgraded the database from another tab. */
  hasBeenUpgradedElsewhere = false;
  private readonly upgradeListeners = new Set<() => void>();

  onUpgradedElsewhere(listener: () => void): () => void {
    this.upgradeListeners.add(listener);
    return () => this.upgradeListeners.delete(listener);
  }

  /** One record type's table: rows read back typed; what is written was checked before. */
  records<E extends EntityName>(entity: E): Table<StoredRow<E>, string, AnyRow> {
    return this.table(entity);
  }

  /** A table for code that handles every record type alike (see AnyRow). */
  anyRecords(entity: EntityName): Table<AnyRow, string> {
    return this.table(entity);
  }

  /** Every table that holds synced records. */
  recordTables(): Table<AnyRow, string>[] {
    return ENTITY_NAMES.map((entity) => this.anyRecords(entity));
  }
}

export const META_KEYS = {
  cursor: 'cursor',
  lastSeq: 'lastSeq',
  lastHlc: 'lastHlc',
  syncStatus: 'syncStatus',
  owner: 'owner',
  unreadable: 'unreadableChanges',
} as const;

/** A pulled change this device could not read, set aside so sync goes on. */
export type UnreadableChange = { seq: number | null; reason: string; at: string };

export const getMeta = async <T>(db: TrackerDb, key: string): Promise<T | undefined> =>
  (await db.meta.get(key))?.value as T | undefined;

export const setMeta = (db: TrackerDb, key: string, value: unknown): Promise<string> =>
  db.meta.put({ key, value });

export type { Hlc };
