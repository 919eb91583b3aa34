/**
 * Database migrations, defined in code (not files on disk) so they survive
 * bundling into dist/server/main.js. They run at start, in name order, on
 * SQLite and PostgreSQL alike; only portable column types are used.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator, sql, SqliteAdapter } from 'kysely';

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
 * A device belongs to the person it was bound to at sign-in (store/devices.ts
 * `bindDevice`), and every session speaks for a device.
 *
 * Why re-derive each device's owner: before this, every push set the owner
 * to whoever pushed, so a colleague's forged push could move someone's tablet
 * under their own name. The person who last signed in on a device is the one
 * whose work it holds (signing in as someone new clears it), so that is its
 * owner. Why end sessions without a device: they were made by a client that
 * sent no device id, are invisible in the devices list, and would survive
 * revoking that person's devices; a real device simply signs in again.
 * `held_back_changes` lists stored changes the server would not hand out
 * because the protocol's own schemas refuse them (store/scoped-pull.ts).
 */
const deviceOwners: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('devices_id_idx').on('devices').column('id').execute();
    await sql`
      UPDATE devices SET staff_id = (
        SELECT a.staff_id FROM auth_sessions a
        WHERE a.device_id = devices.id AND a.school_id = devices.school_id
        ORDER BY a.created_at DESC, a.token_hash DESC
        LIMIT 1
      )
      WHERE EXISTS (
        SELECT 1 FROM auth_sessions a
        WHERE a.device_id = devices.id AND a.school_id = devices.school_id
      )`.execute(db);
    await sql`
      UPDATE auth_sessions SET revoked_at = created_at
      WHERE device_id IS NULL AND revoked_at IS NULL`.execute(db);
    await db.schema
      .createTable('held_back_changes')
      .addColumn('school_id', 'varchar(36)', (col) => col.notNull().references('schools.id'))
      .addColumn('change_seq', 'bigint', (col) => col.notNull())
      .addColumn('entity', 'varchar(40)', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('found_at', 'varchar(30)', (col) => col.notNull())
      .addPrimaryKeyConstraint('held_back_changes_pk', ['school_id', 'change_seq'])
      .execute();
  },
};

/** Replaces `from` in `text` once, or fails the migration: a schema it did not expect. */
const replaceOnce = (text: string, from: string, to: string): string => {
  if (!text.includes(from)) throw new Error(`Expected ${from} in ${text}`);
  return text.replace(from, to);
};

/** Adds table constraints at the end of a CREATE TABLE statement. */
const withConstraints = (create: string, constraints: string): string =>
  create.replace(/\)\s*$/, `, ${constraints})`);

/**
 * SQLite cannot change a table's keys in place: the table is made again
 * from its own CREATE statement as it stands (so columns other migrations
 * added come along), changed by `change`, its rows copied and its indexes
 * made again. Foreign keys are off around this (see emailPerSchool).
 */
const rebuildSqliteTable = async (
  db: Kysely<unknown>,
  table: string,
  change: (create: string) => string,
): Promise<void> => {
  const found = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const create = found.rows[0]?.sql;
  if (!create) throw new Error(`No table ${table}`);
  const rebuilt = `${table}_rebuilt`;
  await sql
    .raw(replaceOnce(change(create), `CREATE TABLE "${table}"`, `CREATE TABLE "${rebuilt}"`))
    .execute(db);
  await sql.raw(`INSERT INTO "${rebuilt}" SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${rebuilt}" RENAME TO "${table}"`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
};

/**
 * A school's staff, and the mutation ids its devices used, belong to that
 * school alone: an email is unique within a school (the same address may
 * have an account in two schools), a staff id within a school, and a
 * mutation id within a school. Why: with emails, staff ids and mutation ids
 * unique across the whole server, another school's account or change
 * answered differently from a fresh one (`email_taken`, `exists`, a foreign
 * mutation refused), so one school could learn what exists in another and
 * reserve its addresses. Sessions, devices and activation codes now name a
 * member of staff by (school, id).
 */
const emailPerSchool: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      // Why off, and only here: SQLite checks foreign keys as each table is
      // dropped and made again; the check runs once all of them are done.
      await sql`PRAGMA foreign_keys = OFF`.execute(db);
      await sql`BEGIN`.execute(db);
      try {
        await rebuildSqliteTable(db, 'staff', (create) =>
          withConstraints(
            replaceOnce(
              replaceOnce(create, '"id" varchar(36) primary key', '"id" varchar(36) not null'),
              '"email" varchar(254) not null unique',
              '"email" varchar(254) not null',
            ),
            'constraint "staff_pk" primary key ("school_id", "id"), ' +
              'constraint "staff_school_email_unique" unique ("school_id", "email")',
          ),
        );
        const reference = '"staff_id" varchar(36) not null references "staff" ("id")';
        const children = await sql<{ name: string }>`
          select name from sqlite_master
          where type = 'table' and sql like ${`%${reference}%`}`.execute(db);
        for (const { name } of children.rows) {
          await rebuildSqliteTable(db, name, (create) =>
            withConstraints(
              replaceOnce(create, reference, '"staff_id" varchar(36) not null'),
              'foreign key ("school_id", "staff_id") references "staff" ("school_id", "id")',
            ),
          );
        }
        await rebuildSqliteTable(db, 'applied_mutations', (create) =>
          withConstraints(
            replaceOnce(
              create,
              '"mutation_id" varchar(36) primary key',
              '"mutation_id" varchar(36) not null',
            ),
            'constraint "applied_mutations_pk" primary key ("school_id", "mutation_id")',
          ),
        );
        const broken = await sql`PRAGMA foreign_key_check`.execute(db);
        if (broken.rows.length > 0) throw new Error('Foreign keys broken by 0013_email_per_school');
        await sql`COMMIT`.execute(db);
      } catch (error) {
        await sql`ROLLBACK`.execute(db);
        throw error;
      } finally {
        await sql`PRAGMA foreign_keys = ON`.execute(db);
      }
      return;
    }
    // PostgreSQL changes keys in place, inside the migration's transaction.
    const children = await sql<{ tbl: string; conname: string; def: string }>`
      select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
      from pg_constraint where contype = 'f' and confrelid = 'staff'::regclass`.execute(db);
    for (const child of children.rows) {
      if (child.def !== 'FOREIGN KEY (staff_id) REFERENCES staff(id)') {
        throw new Error(`Unexpected reference to staff: ${child.tbl} ${child.def}`);
      }
      await sql.raw(`ALTER TABLE ${child.tbl} DROP CONSTRAINT ${child.conname}`).execute(db);
    }
    await sql`ALTER TABLE staff
      DROP CONSTRAINT staff_pkey,
      DROP CONSTRAINT staff_email_key,
      ADD CONSTRAINT staff_pk PRIMARY KEY (school_id, id),
      ADD CONSTRAINT staff_school_email_unique UNIQUE (school_id, email)`.execute(db);
    for (const child of children.rows) {
      await sql
        .raw(
          `ALTER TABLE ${child.tbl} ADD CONSTRAINT ${child.tbl}_staff_fk ` +
            'FOREIGN KEY (school_id, staff_id) REFERENCES staff (school_id, id)',
        )
        .execute(db);
    }
    await sql`ALTER TABLE applied_mutations
      DROP CONSTRAINT applied_mutations_pkey,
      ADD CONSTRAINT applied_mutations_pk PRIMARY KEY (school_id, mutation_id)`.execute(db);
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
  '0011_device_owners': deviceOwners,
  '0012_device_revocation': deviceRevocation,
  '0013_email_per_school': emailPerSchool,
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
