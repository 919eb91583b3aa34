/**
 * The built server (node dist/server/main.js) given a bad setting: it stops
 * at once with exit code 1 and one line on stderr naming the variable,
 * before it opens a database (the data dir stays empty) or a port.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');

const run = (env: Record<string, string>, args: string[] = []) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A server that started after all would never exit: fail, not hang.
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });

describe('the server started with a bad setting', () => {
  let dataDir: string;
  beforeAll(() => {
    execFileSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: 'ignore' });
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
