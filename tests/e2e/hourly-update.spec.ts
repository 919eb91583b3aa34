/**
 * A tablet left open all day: a new version deployed while the app is open
 * is found within the hour, with no navigation and no reload, and the usual
 * "new version" prompt shows. The page's clock is Playwright's, moved on by
 * hand; the new version is the live service worker with one byte more, which
 * is all a browser needs to see a new worker.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startOwnServer, type OwnServer } from './own-server';

const PORT = Number(process.env.E2E_PORT ?? 4310) + 11;

let server: OwnServer | undefined;
let workDir = '';

test.beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tt-hourly-update-'));
  cpSync('dist/client', join(workDir, 'live'), { recursive: true });
  server = await startOwnServer(PORT, { staticDir: join(workDir, 'live') });
});

test.afterAll(() => {
  server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

test('an open app finds a new version within the hour and asks, without navigating', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: server!.url });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // Gone if the page navigates or reloads.
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });

  // Deploy a new version. Nothing in the page looks for it yet.
  appendFileSync(join(workDir, 'live', 'sw.js'), '\n// the next release\n');
  const prompt = page.getByText(/A new version of Waymark is ready/);
  await page.clock.fastForward('58:00');
  await page.waitForTimeout(3_000);
  await expect(prompt).toBeHidden();

  // The hour passes: the app looks, finds the new worker, and asks.
  await page.clock.fastForward('02:00');
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
    true,
  );
  const workers = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { active: Boolean(registration?.active), waiting: Boolean(registration?.waiting) };
  });
  expect(workers).toEqual({ active: true, waiting: true });
  await context.close();
});

test('an app that is offline when the hour comes does not look, and looks once back online', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: server!.url });
  // Counts the page's looks for a new version.
  await context.addInitScript(() => {
    const counted = window as unknown as { looks: number };
    counted.looks = 0;
    const update = ServiceWorkerRegistration.prototype.update;
    ServiceWorkerRegistration.prototype.update = function (this: ServiceWorkerRegistration) {
      counted.looks++;
      return update.call(this);
    };
  });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const looks = () => page.evaluate(() => (window as unknown as { looks: number }).looks);

  await context.setOffline(true);
  await page.clock.fastForward('03:00:00');
  await page.waitForTimeout(1_000);
  expect(await looks()).toBe(0);

  await context.setOffline(false);
  await expect.poll(looks).toBe(1);
  await page.clock.fastForward('01:00:00');
  await expect.poll(looks).toBe(2);
  await context.close();
});
