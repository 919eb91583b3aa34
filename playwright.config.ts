// End-to-end tests in a real Chromium (the system one: nothing is downloaded)
// against the built app served by the real server, on a fresh data dir with
// the demo school.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/support/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4310);
/** The demo with its history; exported through the environment for its spec. */
const HISTORY_PORT = PORT + 50;
process.env.DEMO_HISTORY_URL = `http://127.0.0.1:${HISTORY_PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on CI only: a shared 2-core machine can starve a browser for a
  // moment. A test that passes on its retry is still reported as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1024, height: 768 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  // Two servers. The first holds the demo school with nothing recorded:
  // specs work their figures out from that, and count only their own
  // records. The second (DEMO_HISTORY_PORT) holds the demo as `npm start`
  // shows it, with half a term of history, for tests/e2e/demo-history.spec.ts.
  // LOG_LEVEL warn: a line per request would bury the test report; failures still show.
  webServer: [
    {
      command: `rm -rf .tmp/e2e-data-${PORT} && node dist/server/main.js --demo`,
      url: `http://127.0.0.1:${PORT}/api/v1/health`,
      env: {
        PORT: String(PORT),
        DATA_DIR: `.tmp/e2e-data-${PORT}`,
        DEMO_PASSWORD: 'demo-password',
        DEMO_HISTORY: 'off',
        LOG_LEVEL: 'warn',
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      command: `rm -rf .tmp/e2e-data-${HISTORY_PORT} && node dist/server/main.js --demo`,
      url: `http://127.0.0.1:${HISTORY_PORT}/api/v1/health`,
      env: {
        PORT: String(HISTORY_PORT),
        DATA_DIR: `.tmp/e2e-data-${HISTORY_PORT}`,
        DEMO_PASSWORD: 'demo-password',
        LOG_LEVEL: 'warn',
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
