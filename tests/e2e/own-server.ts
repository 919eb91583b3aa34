/**
 * A server of a spec's own, on its own port and data dir (with the demo
 * school, or with nothing: `isDemo: false`), for specs whose data must not
 * meet other specs' data: fixed future clocks, a redeployed client, or a
 * new school made from nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type OwnServer = { url: string; dataDir: string; stop: () => void };

export const startOwnServer = async (
  port: number,
  options: { staticDir?: string; withHistory?: boolean; isDemo?: boolean } = {},
): Promise<OwnServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-e2e-'));
  const args = options.isDemo === false ? [] : ['--demo'];
  const child: ChildProcess = spawn('node', ['dist/server/main.js', ...args], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      // The demo school with nothing recorded: specs count their own records
      // (unless a spec asks for the demo's half term of history).
      DEMO_HISTORY: options.withHistory ? 'on' : 'off',
      ...(options.staticDir ? { STATIC_DIR: options.staticDir } : {}),
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) {
        return {
          url,
          dataDir,
          stop: () => {
            child.kill();
            rmSync(dataDir, { recursive: true, force: true });
          },
        };
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`The server on port ${port} did not start`);
};
