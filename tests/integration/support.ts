/**
 * Test context for the server contract suite: a freshly migrated database per
 * suite (a temporary SQLite file, or a fresh PostgreSQL schema when
 * TEST_DATABASE_URL is set), torn down afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../../server/db/connection';
import type { Db } from '../../server/db/connection';

export type TestEngine = {
  name: string;
  open: () => Promise<{ db: Db; close: () => Promise<void> }>;
};

const sqlite: TestEngine = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'target-tracker-test-'));
    const db = await openDb({ engine: 'sqlite', file: join(dir, 'test.sqlite') });
    return {
      db,
      close: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres = (url: string): TestEngine => ({
  name: 'PostgreSQL',
  async open() {
    // No try/catch: if the database cannot be reached the suite must fail, not skip.
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = await openDb({
      engine: 'postgres',
      connectionString: url,
      options: `-c search_path=${schema}`,
    });
    return {
      db,
      close: async () => {
        await db.destroy();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
});

export const testEngines = (): TestEngine[] => {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url)] : [sqlite];
};
