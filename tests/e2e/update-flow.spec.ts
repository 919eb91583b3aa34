/**
 * A new version is deployed while a teacher has unsynced work: the app says
 * so and waits; nothing is lost; after the teacher agrees, the new version
 * runs and the waiting ticks are still there, then sync.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startOwnServer, type OwnServer } from './own-server';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';

const PORT = Number(process.env.E2E_PORT ?? 4310) + 7;
const NEXT_VERSION = 'next-release-for-test';

let server: OwnServer | undefined;
let workDir = '';

test.beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tt-update-'));
  cpSync('dist/client', join(workDir, 'live'), { recursive: true });
  // The next release: the same app built again with a different version.
  execFileSync('npx', ['vite', 'build', '--outDir', join(workDir, 'next'), '--emptyOutDir'], {
    env: { ...process.env, APP_VERSION: NEXT_VERSION },
    stdio: 'ignore',
  });
  server = await startOwnServer(PORT, { staticDir: join(workDir, 'live') });
});

test.afterAll(() => {
  server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

test('a new version waits for the teacher and loses nothing', async ({ browser }) => {
  const base = `http://127.0.0.1:${PORT}`;
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await new SignInPage(page).signIn('teacher@demo.school');
  const lesson = new FocusChildrenPage(page);
  await expect(lesson.children()).toHaveCount(6);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const oldVersion = await page.getByTestId('app-version').textContent();
  expect(oldVersion).not.toContain(NEXT_VERSION);

  // Unsynced work: pushes cannot get through for now.
  await context.route('**/api/v1/sync/push', (route) => route.abort('internetdisconnected'));
  await lesson.tick(0, 'Achieved');
  await lesson.tick(1, 'Partly');
  await expect(page.getByText('2 changes waiting to sync')).toBeVisible();

  // Deploy the next release over the live files, and let the app look for it.
  rmSync(join(workDir, 'live'), { recursive: true, force: true });
  cpSync(join(workDir, 'next'), join(workDir, 'live'), { recursive: true });
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  // The app asks; it does not reload by itself.
  const prompt = page.getByText(/A new version of Waymark is ready/);
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('app-version')).toHaveText(oldVersion!);
  await expect(page.getByText('2 changes waiting to sync')).toBeVisible();

  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.getByTestId('app-version')).toContainText(NEXT_VERSION, { timeout: 30_000 });
  await expect(lesson.tickStates().filter({ hasText: 'waiting to sync' })).toHaveCount(2);
  await expect(page.getByText('2 changes waiting to sync')).toBeVisible();

  // And once pushes get through, they sync.
  await context.unroute('**/api/v1/sync/push');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 30_000 });
  await context.close();
});
