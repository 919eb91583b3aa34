/**
 * The built server (node dist/server/main.js) given a bad setting: it stops
 * at once with exit code 1 and one line on stderr naming the variable,
 * before it opens a database (the data dir stays empty) or a port.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, runBuilt } from '../helpers/built-server';

// A server that started after all would never exit: fail, not hang.
const run = (env: Record<string, string>, args: string[] = []) =>
  runBuilt(env, args, { killAfterMs: 15_000 });

describe('the server started with a bad setting', () => {
  let dataDir: string;
  beforeAll(() => {
    buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'waymark-config-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['PORT', { PORT: 'notaport' }, []],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }, []],
    ['LOG_LEVEL', { LOG_LEVEL: 'chatty' }, ['create-school', '--help']],
  ])('names %s and exits 1, opening nothing', async (name, env, args) => {
    const ran = await run({ DATA_DIR: dataDir, PORT: '8080', ...env }, args);
    expect(ran.code).toBe(1);
    const lines = ran.stderr.split('\n').filter((line) => line !== '');
    expect(lines, ran.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Waymark cannot start: ${name} must be `));
    expect(ran.stdout).toBe('');
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
