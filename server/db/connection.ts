/**
 * Opens the database the configuration asks for: PostgreSQL (a `pg` Pool)
 * when DATABASE_URL is a postgres URL, otherwise an embedded SQLite file
 * under DATA_DIR. Migrations run before the handle is returned.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { SqliteDatabase, Transaction } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import type { DatabaseSchema } from './schema';

export type Db = Kysely<DatabaseSchema>;
/** What every store function takes first: the database, or the caller's transaction. */
export type Executor = Db | Transaction<DatabaseSchema>;
export type Engine = 'sqlite' | 'postgres';

export type DbConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; connectionString: string; options?: string };

export const SQLITE_FILE_NAME = 'waymark.sqlite';
/** The file's name before the product was renamed Waymark. */
export const LEGACY_SQLITE_FILE_NAME = 'target-tracker.sqlite';

/**
 * The SQLite file in `dataDir`. Why the fallback: a server upgraded from
 * before the rename keeps every acknowledged record in the old file, and
 * starting on a new empty file would look to every device like a school
 * with no data. A data dir with only the old file goes on using it.
 */
export const sqliteFileIn = (dataDir: string): string => {
  const current = join(dataDir, SQLITE_FILE_NAME);
  const legacy = join(dataDir, LEGACY_SQLITE_FILE_NAME);
  return !existsSync(current) && existsSync(legacy) ? legacy : current;
};

export const isPostgresUrl = (url: string | undefined): url is string =>
  !!url && /^postgres(ql)?:\/\//.test(url);

/** The configuration from the environment (DATABASE_URL, DATA_DIR). */
export const dbConfigFromEnv = (env: NodeJS.ProcessEnv): DbConfig =>
  isPostgresUrl(env.DATABASE_URL)
    ? { engine: 'postgres', connectionString: env.DATABASE_URL }
    : { engine: 'sqlite', file: sqliteFileIn(env.DATA_DIR || './data') };

/** How many prepared SQLite statements are kept (the most recently used). */
const STATEMENT_CACHE_SIZE = 200;

/**
 * The SQLite database as Kysely sees it, keeping each prepared statement by
 * its text for reuse. Why: Kysely's SQLite driver prepares every statement
 * afresh, and a push runs the same statements every time (a 500-row insert
 * takes about as long to prepare as to run). A statement still being read
 * (busy) is never handed out twice; a new one is prepared instead.
 */
const withStatementCache = (database: Database.Database): SqliteDatabase => {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare: (text) => {
      const kept = statements.get(text);
      statements.delete(text);
      const statement = kept && !kept.busy ? kept : database.prepare(text);
      // Re-inserted, so the map's order runs from least to most recently used.
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) {
        statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
};

export const createDb = (config: DbConfig): Db => {
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.connectionString,
      ...(config.options ? { options: config.options } : {}),
      max: 10,
    });
    return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.file !== ':memory:') mkdirSync(join(config.file, '..'), { recursive: true });
  const sqlite = new Database(config.file);
  // WAL lets readers run while a push writes; busy_timeout rides out a
  // second process briefly holding the write lock.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
};

/** Opens and migrates the database. */
export const openDb = async (config: DbConfig): Promise<Db> => {
  const db = createDb(config);
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, config.engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
};
