import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbConfigFromEnv, LEGACY_SQLITE_FILE_NAME, SQLITE_FILE_NAME } from './connection';

const dirs: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-conn-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('where the SQLite file lives', () => {
  it('is waymark.sqlite in a new data dir', () => {
    const dir = dataDir();
    expect(dbConfigFromEnv({ DATA_DIR: dir })).toEqual({
      engine: 'sqlite',
      file: join(dir, SQLITE_FILE_NAME),
    });
  });

  it('goes on using the file of a server from before the rename, so no record is left behind', () => {
    const dir = dataDir();
    writeFileSync(join(dir, LEGACY_SQLITE_FILE_NAME), '');
    expect(dbConfigFromEnv({ DATA_DIR: dir })).toEqual({
      engine: 'sqlite',
      file: join(dir, LEGACY_SQLITE_FILE_NAME),
    });
  });

  it('prefers the new file when both exist', () => {
    const dir = dataDir();
    writeFileSync(join(dir, LEGACY_SQLITE_FILE_NAME), '');
    writeFileSync(join(dir, SQLITE_FILE_NAME), '');
    expect(dbConfigFromEnv({ DATA_DIR: dir })).toMatchObject({ file: join(dir, SQLITE_FILE_NAME) });
  });
});
