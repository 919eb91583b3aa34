/**
 * The BUILT server (node dist/server/main.js) as the integration tests run
 * it, in a process of its own, the way an operator does: bundled once per
 * suite, started on a free port and waited for until it listens, its
 * subcommands run to their exit code, and stopped (or killed) again.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');

/**
 * Bundles the server. Why always, not only when dist/ is missing: a stale
 * bundle would test yesterday's server (without today's commands or hooks).
 */
export const buildServer = (): void => {
  execFileSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: 'ignore' });
};

/** A TCP port nothing listens on just now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const spawnBuilt = (args: string[], env: Record<string, string>) =>
  spawn(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

export type Ran = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the built entry point to its exit, over this process's environment
 * with `env` on top. With `killAfterMs`, a run that has not ended by then
 * is killed, so a server that started after all fails the test, not hangs it.
 */
export const runBuilt = (
  env: Record<string, string>,
  args: string[],
  options: { killAfterMs?: number } = {},
): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawnBuilt(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.killAfterMs !== undefined) {
      setTimeout(() => child.kill('SIGKILL'), options.killAfterMs).unref();
    }
  });

export type RunningServer = {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote so far, stdout and stderr together. */
  output: () => string;
  /** Resolves once the process has written `text`; rejects if it exits first. */
  waitFor: (text: string) => Promise<void>;
};

/**
 * Starts the built server on `port` with `args`, over this process's
 * environment with `env` on top, and resolves once it is listening.
 */
export const startBuiltServer = async (
  port: number,
  args: string[],
  env: Record<string, string>,
): Promise<RunningServer> => {
  const child = spawnBuilt(args, { ...env, PORT: String(port) });
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      if (output.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      waiters.push({ text, resolve });
      child.once('exit', (code) =>
        reject(new Error(`server exited (${code}) before "${text}":\n${output}`)),
      );
    });
  await waitFor('is running at');
  return { child, port, output: () => output, waitFor };
};

/**
 * Ends a started server and resolves once it has exited: SIGTERM lets it
 * shut down as it would in production, SIGKILL is a crash.
 */
export const stopBuiltServer = (
  child: ChildProcess,
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
