/**
 * The database a subcommand works on: the same one the server uses, from
 * the same settings (DATA_DIR or DATABASE_URL), migrated as at start.
 * Why this is safe beside a running server: on SQLite the file is in WAL
 * mode with a busy timeout (connection.ts), so the command and the server
 * take turns at writing; on PostgreSQL they are two ordinary clients.
 */
import { openDb } from '../db/connection';
import type { Db, DbConfig } from '../db/connection';

export type OpenedDb = { db: Db; description: string };

/** `config` is the settings' database (server/config.ts), already checked. */
export const openConfiguredDb = async (config: DbConfig): Promise<OpenedDb> => {
  const db = await openDb(config);
  return {
    db,
    description:
      config.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${config.file}`,
  };
};
