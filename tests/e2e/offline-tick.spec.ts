/**
 * The walking skeleton: a tick made offline on a tablet reaches the server
 * and the SENCo, exactly once, without anyone pressing a sync button.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FocusChildrenPage, SignInPage, TicksPage } from './pages/app-pages';

const OUTCOMES = ['Achieved', 'Partly', 'Not yet', 'Absent'] as const;

test('a tick on every target, made offline, survives a reload and reaches the SENCo exactly once', async ({
  browser,
}) => {
  const teacher = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  let page = await teacher.newPage();
  await new SignInPage(page).signIn('teacher@demo.school');
  let lesson = new FocusChildrenPage(page);
  await expect(lesson.heading()).toBeVisible();
  await expect(lesson.children()).toHaveCount(6);
  // One tick per target the teacher is offered: termly steps only (an EHCP
  // outcome's progress rolls up from them), 18 in the demo school.
  const TICKS = await lesson.targets().count();
  expect(TICKS).toBeGreaterThanOrEqual(15);
  await expect(page.getByText('All changes synced')).toBeVisible();
  // The app shell is cached by the service worker before we go offline.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await teacher.setOffline(true);
  await page.reload();
  await expect(lesson.heading()).toBeVisible();
  await expect(lesson.children()).toHaveCount(6);

  for (let i = 0; i < TICKS; i++) await lesson.tick(i, OUTCOMES[i % OUTCOMES.length]!);
  await expect(lesson.tickStates().filter({ hasText: 'waiting to sync' })).toHaveCount(TICKS);
  await expect(page.getByText(`${TICKS} changes waiting to sync`)).toBeVisible();
  // The ids of the ticks, from the tablet's outbox: the demo school on
  // this server may already hold other tests' ticks, so the SENCo's list is
  // checked for these ones.
  const madeIds = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('target-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            const entries = req.result as { mutation: { entity: string; entityId: string } }[];
            open.result.close();
            resolve(
              entries.filter((e) => e.mutation.entity === 'tick').map((e) => e.mutation.entityId),
            );
          };
        };
      }),
  );
  expect(new Set(madeIds).size).toBe(TICKS);
  await page.screenshot({
    path: 'test-results/screenshots/teacher-offline-1024x768.png',
    fullPage: false,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: 'test-results/screenshots/teacher-offline-390x844.png',
    fullPage: false,
  });

  // Close the tab and open a new one, still offline: everything is still there.
  await page.close();
  page = await teacher.newPage();
  await page.goto('/');
  lesson = new FocusChildrenPage(page);
  await expect(lesson.heading()).toBeVisible();
  await expect(lesson.tickStates().filter({ hasText: 'waiting to sync' })).toHaveCount(TICKS);
  await expect(page.getByText(`${TICKS} changes waiting to sync`)).toBeVisible();

  // Back online: the app syncs by itself.
  await teacher.setOffline(false);
  await expect(lesson.tickStates().filter({ hasText: 'synced' })).toHaveCount(TICKS, {
    timeout: 45_000,
  });
  await expect(page.getByText('All changes synced')).toBeVisible();

  // The SENCo, on another device, sees each of these ticks exactly once.
  const senco = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const sencoPage = await senco.newPage();
  await new SignInPage(sencoPage).signIn('senco@demo.school');
  const ticks = new TicksPage(sencoPage);
  await ticks.open();
  const made = new Set(madeIds);
  const shownOfOurs = async () =>
    (
      await ticks.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tick-id')))
    ).filter((id): id is string => id !== null && made.has(id));
  await expect.poll(async () => (await shownOfOurs()).length, { timeout: 45_000 }).toBe(TICKS);
  // Each exactly once, and each signed by the teacher.
  expect(new Set(await shownOfOurs()).size).toBe(TICKS);
  for (const id of madeIds) {
    await expect(sencoPage.locator(`[data-tick-id="${id}"]`)).toHaveCount(1);
    await expect(sencoPage.locator(`[data-tick-id="${id}"]`)).toContainText('Jo Hughes');
  }
  await sencoPage.screenshot({ path: 'test-results/screenshots/senco-ticks-1024x768.png' });
  await sencoPage.setViewportSize({ width: 390, height: 844 });
  await sencoPage.screenshot({ path: 'test-results/screenshots/senco-ticks-390x844.png' });

  await teacher.close();
  await senco.close();
});

test('a wrong password gets a plain message and no session', async ({ page }) => {
  await new SignInPage(page).signIn('teacher@demo.school', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText(
    'That email and password do not match. Check them and try again.',
  );
  await expect(page.getByRole('heading', { name: 'Waymark' })).toBeVisible();
});

test('a cold start with no network opens the screens that load on demand', async ({ browser }) => {
  // Why: only the sign-in screen is in the page's first script; the rest are
  // chunks loaded when needed. Offline they can only come from the service
  // worker's precache, so every built chunk must be in it.
  const manifest = readFileSync('dist/client/sw.js', 'utf8');
  const chunks = readdirSync('dist/client/assets').filter((file) => /\.(js|css)$/.test(file));
  expect(chunks.length).toBeGreaterThan(10);
  expect(chunks.filter((file) => !manifest.includes(`"url":"assets/${file}"`))).toEqual([]);

  const senco = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const first = await senco.newPage();
  await new SignInPage(first).signIn('senco@demo.school');
  await expect(first.getByText('All changes synced')).toBeVisible();
  await first.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await first.close();

  await senco.setOffline(true);
  const screens = [
    ['/', /focus children/],
    ['/ticks', 'Ticks recorded'],
    ['/provisions', 'Provision library'],
    ['/groups', 'Groups'],
    ['/attention', 'Needs attention'],
    ['/senco/impact', 'Impact of provision'],
  ] as const;
  for (const [path, heading] of screens) {
    // A fresh tab each time: nothing loaded before, as after a restart.
    const page = await senco.newPage();
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.close();
  }
  await senco.close();
});
