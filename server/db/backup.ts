/**
 * Backups of the SQLite database: a consistent copy taken with SQLite's
 * online backup API (better-sqlite3's `db.backup()`), safe while the server
 * runs, and the optional daily copies in DATA_DIR/backups that the running
 * server keeps (BACKUP_DAILY, BACKUP_KEEP). PostgreSQL is backed up with its
 * own tools (pg_dump), never here.
 *
 * Why the online backup API and not a file copy: the file is in WAL mode,
 * so a plain copy taken during a push can miss committed pages still in the
 * -wal file or catch half a checkpoint; the backup API copies one committed
 * state of the whole database, whatever the server is doing.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Logger } from '../log';

export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

/**
 * Copies the SQLite database `source` to `out`, then (unless `check` is
 * false) checks the copy with `PRAGMA integrity_check`. The copy is written
 * beside `out` under another name and renamed at the end, so a file at `out`
 * is always a whole backup. Refuses when `source` does not exist or `out`
 * already does.
 */
export const backupSqlite = async (
  source: string,
  out: string,
  options: { check?: boolean } = {},
): Promise<{ bytes: number }> => {
  if (!existsSync(source)) throw new BackupRefused(`There is no database at ${source}.`);
  if (existsSync(out)) throw new BackupRefused(`${out} already exists: choose a new file.`);
  mkdirSync(dirname(out), { recursive: true });
  const partial = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.part`);
  // fileMustExist: a wrong path must not create an empty database to back up.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  let bytes: number;
  try {
    // Why out of WAL mode: a backup must be one self-contained file, with no
    // -wal or -shm beside it; the server turns WAL on again when it opens it.
    copy.pragma('journal_mode = DELETE');
    if (options.check ?? true) {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
    }
    const pages = copy.pragma('page_count', { simple: true }) as number;
    bytes = pages * (copy.pragma('page_size', { simple: true }) as number);
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  renameSync(partial, out);
  return { bytes };
};

const DAILY_NAME = /^waymark-\d{4}-\d{2}-\d{2}\.sqlite$/;

/** The daily backup's file name for the UTC day of `nowMs`: waymark-YYYY-MM-DD.sqlite. */
export const dailyBackupName = (nowMs: number): string =>
  `waymark-${new Date(nowMs).toISOString().slice(0, 10)}.sqlite`;

export const backupsDirIn = (dataDir: string): string => join(dataDir, 'backups');

/**
 * Today's backup, unless it is there already, then all but the newest `keep`
 * daily backups removed. Only files named like a daily backup are ever
 * removed. Returns what it wrote and removed.
 */
export const runDailyBackup = async (options: {
  file: string;
  dataDir: string;
  keep: number;
  nowMs: number;
}): Promise<{ written?: string; removed: string[] }> => {
  const dir = backupsDirIn(options.dataDir);
  const today = join(dir, dailyBackupName(options.nowMs));
  let written: string | undefined;
  if (!existsSync(today)) {
    // Why no integrity check here: it reads the whole copy synchronously, and
    // in the running server that would hold up every request meanwhile. The
    // backup command checks its copy; so can an operator, on any daily one.
    await backupSqlite(options.file, today, { check: false });
    written = today;
  }
  const daily = readdirSync(dir)
    .filter((name) => DAILY_NAME.test(name))
    .sort();
  const removed = daily.slice(0, Math.max(0, daily.length - options.keep)).map((name) => {
    const path = join(dir, name);
    rmSync(path, { force: true });
    return path;
  });
  return { ...(written ? { written } : {}), removed };
};

/** How often the running server looks whether today's backup is written. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

/**
 * Daily backups while the server runs: one now, then a look every hour.
 * Why hourly looks and not one timer a day: a server restarted, or a
 * machine asleep over midnight, still gets its day's copy, and never two.
 * Returns a stop function.
 */
export const startDailyBackups = (options: {
  file: string;
  dataDir: string;
  keep: number;
  now: () => number;
  logger: Logger;
}): (() => void) => {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = runDailyBackup({ ...options, nowMs: options.now() })
      .then(({ written, removed }) => {
        if (written) options.logger.info(`Daily backup written: ${written}`);
        for (const path of removed) options.logger.info(`Old daily backup removed: ${path}`);
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'Daily backup failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, DAILY_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
};
