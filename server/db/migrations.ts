/**
 * Database migrations, defined in code (not files on disk) so they survive
 * bundling into dist/server/main.js. They run at start, in name order, on
 * SQLite and PostgreSQL alike; only portable column types are used.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator, sql } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('schools')
      .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('change_seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'varchar(30)', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('staff')
      .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('email', 'varchar(254)', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'varchar(20)', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('staff_school_idx').on('staff').column('school_id').execute();

    await db.schema
      .createTable('auth_sessions')
      .addColumn('token_hash', 'varchar(64)', (col) => col.primaryKey())
      .addColumn('staff_id', 'varchar(36)', (col) => col.notNull().references('staff.id'))
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('device_id', 'varchar(36)')
      .addColumn('created_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('expires_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('last_used_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('revoked_at', 'varchar(30)')
      .execute();
    await db.schema
      .createIndex('auth_sessions_staff_idx')
      .on('auth_sessions')
      .column('staff_id')
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'varchar(36)', (col) => col.notNull())
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('staff_id', 'varchar(36)', (col) => col.notNull().references('staff.id'))
      .addColumn('first_seen_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('last_push_at', 'varchar(30)')
      .addColumn('last_pull_at', 'varchar(30)')
      .addPrimaryKeyConstraint('devices_pk', ['school_id', 'id'])
      .execute();

    await db.schema
      .createTable('applied_mutations')
      .addColumn('mutation_id', 'varchar(36)', (col) => col.primaryKey())
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('device_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('status', 'varchar(20)', (col) => col.notNull())
      .addColumn('code', 'varchar(40)')
      .addColumn('message', 'text')
      .addColumn('change_seq', 'bigint')
      .addColumn('received_at', 'varchar(30)', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('records')
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('entity', 'varchar(40)', (col) => col.notNull())
      .addColumn('entity_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('field_hlcs', 'text', (col) => col.notNull())
      .addColumn('is_deleted', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_seq', 'bigint', (col) => col.notNull())
      .addColumn('updated_seq', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('records_pk', ['school_id', 'entity', 'entity_id'])
      .execute();

    await db.schema
      .createTable('changes')
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('mutation_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('device_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('staff_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('kind', 'varchar(10)', (col) => col.notNull())
      .addColumn('entity', 'varchar(40)', (col) => col.notNull())
      .addColumn('entity_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('data', 'text')
      .addColumn('hlc', 'varchar(80)', (col) => col.notNull())
      .addColumn('received_at', 'varchar(30)', (col) => col.notNull())
      .addPrimaryKeyConstraint('changes_pk', ['school_id', 'seq'])
      .execute();

    await db.schema
      .createTable('record_history')
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('entity', 'varchar(40)', (col) => col.notNull())
      .addColumn('entity_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('field', 'varchar(100)', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('hlc', 'varchar(80)', (col) => col.notNull())
      .addColumn('reason', 'varchar(20)', (col) => col.notNull())
      .addColumn('replaced_by_seq', 'bigint')
      .addColumn('mutation_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('at', 'varchar(30)', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('record_history_record_idx')
      .on('record_history')
      .columns(['school_id', 'entity', 'entity_id'])
      .execute();
  },
};

/**
 * Security and privacy: the scope each device was last served (so a change
 * of scope removes records from it), records erased from every device, the
 * audit log of who did what to a child's record, and the school's retention
 * setting for children who have left.
 */
const securityAndPrivacy: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('device_scopes')
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('device_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('session_hash', 'varchar(64)', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('scope_hash', 'varchar(64)', (col) => col.notNull())
      .addColumn('backfill_from', 'text')
      .addColumn('backfill_until', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('updated_at', 'varchar(30)', (col) => col.notNull())
      .addPrimaryKeyConstraint('device_scopes_pk', ['school_id', 'device_id'])
      .execute();

    await db.schema
      .createTable('revocations')
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('entity', 'varchar(40)', (col) => col.notNull())
      .addColumn('entity_id', 'varchar(36)', (col) => col.notNull())
      .addPrimaryKeyConstraint('revocations_pk', ['school_id', 'seq', 'entity', 'entity_id'])
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('at', 'varchar(30)', (col) => col.notNull())
      .addColumn('staff_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('staff_name', 'text', (col) => col.notNull())
      .addColumn('device_id', 'varchar(36)')
      .addColumn('action', 'varchar(20)', (col) => col.notNull())
      .addColumn('entity', 'varchar(40)')
      .addColumn('entity_id', 'varchar(36)')
      .addColumn('child_id', 'varchar(36)')
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('audit_events_school_at_idx')
      .on('audit_events')
      .columns(['school_id', 'at'])
      .execute();
    await db.schema
      .createIndex('audit_events_child_idx')
      .on('audit_events')
      .columns(['school_id', 'child_id'])
      .execute();
    await db.schema
      .createIndex('changes_record_idx')
      .on('changes')
      .columns(['school_id', 'entity', 'entity_id'])
      .execute();

    await db.schema.alterTable('schools').addColumn('left_retention_months', 'integer').execute();
  },
};

/**
 * Indexes for per-device sync questions: how far a device's pushes got
 * (eviction check) and the newest HLC it has on the server (HLC clamping).
 */
const syncDeviceIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('applied_mutations_device_idx')
      .on('applied_mutations')
      .columns(['school_id', 'device_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('changes_device_idx')
      .on('changes')
      .columns(['school_id', 'device_id', 'hlc'])
      .execute();
  },
};

/**
 * The school's scope version: a token every write that can change what a
 * reader may see (server/store/scope.ts, SCOPE_ENTITIES) replaces, so a
 * server can keep the scopes it computed until it moves (scope-cache.ts).
 */
const scopeVersion: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('schools')
      .addColumn('scope_version', 'varchar(36)', (col) => col.notNull().defaultTo(''))
      .execute();
  },
};

/** Activation codes for staff setting their first password (store/activation.ts). */
const activationCodes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('activation_codes')
      .addColumn('code_hash', 'varchar(64)', (col) => col.primaryKey())
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('staff_id', 'varchar(36)', (col) => col.notNull().references('staff.id'))
      .addColumn('created_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('expires_at', 'varchar(30)', (col) => col.notNull())
      .addColumn('ended_at', 'varchar(30)')
      .addColumn('ended_because', 'varchar(20)')
      .execute();
    await db.schema
      .createIndex('activation_codes_staff_idx')
      .on('activation_codes')
      .columns(['school_id', 'staff_id'])
      .execute();
  },
};

/**
 * How a device was revoked (store/device-revocation.ts): "hand back" lets
 * the device send what it holds, then it wipes; "lost" makes it wipe at
 * once. The session keeps the mode, so the revoked token can still say why
 * it was refused; the device row keeps what the SENCo sees (when, which
 * mode, when the device said it wiped and how many unsent changes it dropped).
 */
const deviceRevocation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('auth_sessions').addColumn('revoked_mode', 'varchar(20)').execute();
    await db.schema.alterTable('auth_sessions').addColumn('wiped_at', 'varchar(30)').execute();
    await db.schema.alterTable('devices').addColumn('revoked_mode', 'varchar(20)').execute();
    await db.schema.alterTable('devices').addColumn('revoked_at', 'varchar(30)').execute();
    await db.schema.alterTable('devices').addColumn('wiped_at', 'varchar(30)').execute();
    await db.schema.alterTable('devices').addColumn('dropped_changes', 'integer').execute();
  },
};

/** Every migration, by name; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_security_privacy': securityAndPrivacy,
  '0003_sync_device_indexes': syncDeviceIndexes,
  '0004_scope_version': scopeVersion,
  '0010_activation_codes': activationCodes,
  '0012_device_revocation': deviceRevocation,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database up to the newest schema; throws if a migration fails. */
export const migrateToLatest = async (
  db: Kysely<unknown>,
  engine: 'sqlite' | 'postgres' = 'sqlite',
): Promise<void> => {
  // Why name the schema on PostgreSQL: Kysely looks for its bookkeeping
  // tables across every schema it can see, so a second database schema on
  // the same server (a trust's other school, a test suite running beside
  // this one) could make it skip creating its own. The current schema
  // (first on search_path) is the one this connection works in.
  const migrationTableSchema =
    engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
};
