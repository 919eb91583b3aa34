/**
 * `backup`: a consistent copy of the SQLite database into a new file, safe
 * while the server runs (server/db/backup.ts). With `--json` it prints one
 * line `{"out","bytes"}`. On PostgreSQL it writes nothing, says how to use
 * pg_dump and pg_restore, and exits 2. Exit 0 when the copy is written and
 * has passed its integrity check.
 */
import type { DbConfig } from '../db/connection';
import { BackupRefused, backupSqlite } from '../db/backup';
import { EXIT, parseCommandArgs, required, UsageError } from './args';
import type { CliOutput } from './args';

export const BACKUP_USAGE = `Usage: node dist/server/main.js backup --out <file> [--json]

  --out   the new file for the copy (it must not exist yet)
  --json  print one JSON line {"out","bytes"}

Copies the SQLite database (DATA_DIR) with SQLite's online backup, so the server
may go on running. To restore: stop the server, copy the backup over
DATA_DIR/waymark.sqlite (removing any waymark.sqlite-wal and -shm beside it), start it.
Exits 0 when the copy is written and checked, 2 when it refused (nothing is written then).`;

export const POSTGRES_BACKUP_HELP = `The database is PostgreSQL (DATABASE_URL): back it up with PostgreSQL's own tools.
  Back up:  pg_dump --format=custom --file=waymark.dump "$DATABASE_URL"
  Restore:  stop the server, then
            pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" waymark.dump
Nothing was written.`;

const OPTIONS = { out: { type: 'string' }, json: { type: 'boolean' } } as const;

export const runBackup = async (
  argv: readonly string[],
  io: CliOutput,
  deps: { db: DbConfig },
): Promise<number> => {
  let out: string;
  let isJson: boolean;
  try {
    const { values, isHelp } = parseCommandArgs(argv, OPTIONS);
    if (isHelp) {
      io.out(BACKUP_USAGE);
      return EXIT.ok;
    }
    isJson = values.json;
    out = required(values.out, '--out', 'the path of the new backup file');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${BACKUP_USAGE}`);
    return EXIT.refused;
  }
  if (deps.db.engine === 'postgres') {
    io.err(POSTGRES_BACKUP_HELP);
    return EXIT.refused;
  }
  try {
    const { bytes } = await backupSqlite(deps.db.file, out);
    io.out(
      isJson
        ? JSON.stringify({ out, bytes })
        : `Backed up SQLite at ${deps.db.file} to ${out} (${bytes} bytes, integrity check ok).`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    io.err(`Nothing was written. ${error.message}`);
    return EXIT.refused;
  }
};
