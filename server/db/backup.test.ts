import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupRefused, backupSqlite, dailyBackupName, runDailyBackup } from './backup';

const DAY = 86_400_000;
const MONDAY = Date.parse('2026-11-23T22:30:00.000Z');

describe('SQLite backups', () => {
  let dir: string;
  let file: string;
  let live: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-backup-'));
    file = join(dir, 'waymark.sqlite');
    live = new Database(file);
    live.pragma('journal_mode = WAL');
    live.exec('CREATE TABLE t (n INTEGER)');
    live.prepare('INSERT INTO t VALUES (?)').run(1);
  });
  afterEach(() => {
    live.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsIn = (path: string): number[] => {
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((r) => r.n);
    } finally {
      db.close();
    }
  };

  it('copies every committed row, including those still in the WAL file', async () => {
    // Kept open and never checkpointed: row 2 is only in waymark.sqlite-wal.
    live.pragma('wal_autocheckpoint = 0');
    live.prepare('INSERT INTO t VALUES (?)').run(2);
    const out = join(dir, 'copy.sqlite');
    const { bytes } = await backupSqlite(file, out);
    expect(bytes).toBeGreaterThan(0);
    expect(rowsIn(out)).toEqual([1, 2]);
    // No partial file is left beside it.
    expect(readdirSync(dir).filter((name) => name.includes('.part'))).toEqual([]);
  });

  it('refuses a missing database and an existing file, writing nothing', async () => {
    const out = join(dir, 'copy.sqlite');
    await expect(backupSqlite(join(dir, 'nope.sqlite'), out)).rejects.toBeInstanceOf(BackupRefused);
    expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false);
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, 'precious');
    await expect(backupSqlite(file, out)).rejects.toThrow(/already exists/);
  });

  it('names daily backups by the UTC day', () => {
    expect(dailyBackupName(MONDAY)).toBe('waymark-2026-11-23.sqlite');
    expect(dailyBackupName(MONDAY + 2 * 3_600_000)).toBe('waymark-2026-11-24.sqlite');
  });

  it('writes one backup a day and keeps only the newest BACKUP_KEEP', async () => {
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    // Not a daily backup: never removed.
    writeFileSync(join(backups, 'before-upgrade.sqlite'), 'mine');
    const first = await runDailyBackup({ file, dataDir: dir, keep: 2, nowMs: MONDAY });
    expect(first).toEqual({ written: join(backups, 'waymark-2026-11-23.sqlite'), removed: [] });
    // The same day again: nothing new.
    live.prepare('INSERT INTO t VALUES (?)').run(2);
    expect(await runDailyBackup({ file, dataDir: dir, keep: 2, nowMs: MONDAY + 60_000 })).toEqual({
      removed: [],
    });
    expect(rowsIn(first.written!)).toEqual([1]);

    await runDailyBackup({ file, dataDir: dir, keep: 2, nowMs: MONDAY + DAY });
    const third = await runDailyBackup({ file, dataDir: dir, keep: 2, nowMs: MONDAY + 2 * DAY });
    expect(third.removed).toEqual([join(backups, 'waymark-2026-11-23.sqlite')]);
    expect(readdirSync(backups).sort()).toEqual([
      'before-upgrade.sqlite',
      'waymark-2026-11-24.sqlite',
      'waymark-2026-11-25.sqlite',
    ]);
    expect(rowsIn(join(backups, 'waymark-2026-11-25.sqlite'))).toEqual([1, 2]);
  });
});
