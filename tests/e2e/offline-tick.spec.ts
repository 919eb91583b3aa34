/**
 * The walking skeleton: a tick made offline on a tablet reaches the server
 * and the SENCo, exactly once, without anyone pressing a sync button.
 */
import { expect, test } from '@playwright/test';
import { FocusChildrenPage, SignInPage, TicksPage } from './pages/app-pages';

const OUTCOMES = ['Achieved', 'Partly', 'Not yet', 'Absent'] as const;

test('20 ticks made offline survive a reload and reach the SENCo exactly once', async ({
  browser,
}) => {
  const teacher = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  let page = await teacher.newPage();
  await new SignInPage(page).signIn('teacher@demo.school');
  let lesson = new FocusChildrenPage(page);
  await expect(lesson.heading()).toBeVisible();
  await expect(lesson.children()).toHaveCount(6);
  expect(await lesson.targets().count()).toBeGreaterThanOrEqual(20);
  await expect(page.getByText('All changes synced')).toBeVisible();
  // The app shell is cached by the service worker before we go offline.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await teacher.setOffline(true);
  await page.reload();
  await expect(lesson.heading()).toBeVisible();
  await expect(lesson.children()).toHaveCount(6);

  for (let i = 0; i < 20; i++) await lesson.tick(i, OUTCOMES[i % OUTCOMES.length]!);
  await expect(lesson.tickStates().filter({ hasText: 'waiting to sync' })).toHaveCount(20);
  await expect(page.getByText('20 changes waiting to sync')).toBeVisible();
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
  await expect(lesson.tickStates().filter({ hasText: 'waiting to sync' })).toHaveCount(20);
  await expect(page.getByText('20 changes waiting to sync')).toBeVisible();

  // Back online: the app syncs by itself.
  await teacher.setOffline(false);
  await expect(lesson.tickStates().filter({ hasText: 'synced' })).toHaveCount(20, {
    timeout: 45_000,
  });
  await expect(page.getByText('All changes synced')).toBeVisible();

  // The SENCo, on another device, sees each of the 20 ticks exactly once.
  const senco = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const sencoPage = await senco.newPage();
  await new SignInPage(sencoPage).signIn('senco@demo.school');
  const ticks = new TicksPage(sencoPage);
  await ticks.open();
  await expect(ticks.rows()).toHaveCount(20, { timeout: 45_000 });
  const ids = await ticks
    .rows()
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tick-id')));
  expect(new Set(ids).size).toBe(20);
  await expect(ticks.rows().filter({ hasText: 'Jo Hughes' })).toHaveCount(20);
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
  await expect(page.getByRole('heading', { name: 'Target Tracker' })).toBeVisible();
});
