/**
 * Upgrading a database that already holds a school to emails, staff ids and
 * mutation ids unique within a school (migration 0013_email_per_school), on
 * every engine: no row is lost, and a session still has to name a member of
 * staff of its own school.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/connection';
import type { Db, Engine } from '../../server/db/connection';
import { migrateToLatest, migrations } from '../../server/db/migrations';
import { seedDemoSchool } from '../../server/demo/seed';

const TABLES = ['staff', 'auth_sessions', 'devices', 'applied_mutations', 'records'] as const;

/** An empty database on the engine, and how to remove it. */
const emptyDb = async (engine: Engine): Promise<{ db: Db; drop: () => Promise<void> }> => {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-upgrade-'));
    const db = createDb({ engine, file: join(dir, 'upgrade.sqlite') });
    return { db, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = createDb({ engine, connectionString: url, options: `-c search_path=${schema}` });
  return {
    db,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
};

const countRows = async (db: Db) => {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
};

const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('upgrading to emails unique within a school on %s', (engine) => {
  it('keeps every row and still refuses a session for staff of no school', async () => {
    const { db, drop } = await emptyDb(engine);
    try {
      const before = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name < '0013_email_per_school'),
      );
      const migrationTableSchema =
        engine === 'postgres'
          ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
              ?.schema
          : undefined;
      const migrator = new Migrator({
        db: db as unknown as Kysely<unknown>,
        provider: { getMigrations: async () => before },
        ...(migrationTableSchema ? { migrationTableSchema } : {}),
      });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await seedDemoSchool(db, { password: 'upgrade-password', nowMs: Date.now() });
      const jo = await db
        .selectFrom('staff')
        .select(['id', 'school_id'])
        .where('email', '=', 'teacher@demo.school')
        .executeTakeFirstOrThrow();
      const session = (tokenHash: string, staffId: string) => ({
        token_hash: tokenHash,
        staff_id: staffId,
        school_id: jo.school_id,
        device_id: null,
        created_at: '2026-11-23T10:00:00.000Z',
        expires_at: '2026-12-23T10:00:00.000Z',
        last_used_at: '2026-11-23T10:00:00.000Z',
        revoked_at: null,
      });
      await db.insertInto('auth_sessions').values(session('before-upgrade', jo.id)).execute();
      const counted = await countRows(db);

      await migrateToLatest(db as unknown as Kysely<unknown>, engine);

      expect(await countRows(db)).toEqual(counted);
      expect(counted.staff).toBeGreaterThan(0);
      expect(counted.applied_mutations).toBeGreaterThan(0);
      await expect(
        db.insertInto('auth_sessions').values(session('no-such-staff', 'nobody')).execute(),
      ).rejects.toThrow();
      await db.insertInto('auth_sessions').values(session('after-upgrade', jo.id)).execute();
    } finally {
      await db.destroy();
      await drop();
    }
  });
});
