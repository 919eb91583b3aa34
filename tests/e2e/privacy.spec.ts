/**
 * Privacy on a shared tablet and in the browser: a TA signing out with
 * unsynced work is warned and can sync first; a completed sign-out leaves
 * no child data in IndexedDB, localStorage or the caches; the next person
 * on the tablet sees nothing of the previous one. And the app works under
 * its strict Content Security Policy, SENCo screens included.
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import { deviceDatabase, SignOutDialog } from './pages/privacy-pages';

const shoot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1024x768.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screenshots/${name}-390x844.png` });
  await page.setViewportSize({ width: 1024, height: 768 });
};

test('a TA signing out with unsynced work is warned; sign-out leaves nothing for the next user', async ({
  browser,
}) => {
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await tablet.newPage();
  await new SignInPage(page).signIn('ta@demo.school');
  const lesson = new FocusChildrenPage(page);
  await lesson.open();
  await expect(page.getByText('All changes synced')).toBeVisible();
  // The TA supports Year 3 Hazel and Year 5 Willow: 40 children (her groups
  // hold only Year 3 children, so they add no one).
  await expect
    .poll(async () => (await deviceDatabase(page)).childNames.length, { timeout: 30_000 })
    .toBe(40);
  const taChildren = (await deviceDatabase(page)).childNames;
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await tablet.setOffline(true);
  await lesson.tick(0, 'Achieved');
  await lesson.tick(1, 'Partly');
  await expect(page.getByText('2 changes waiting to sync')).toBeVisible();

  const signOut = new SignOutDialog(page);
  await signOut.open();
  await expect(signOut.dialog()).toBeVisible();
  await expect(signOut.dialog()).toContainText('2 changes on this device have not synced yet');
  await shoot(page, 'sign-out-warning');
  await signOut.stay();
  await expect(lesson.heading()).toBeVisible();

  // Still offline: syncing first fails and says so; nothing is lost.
  await signOut.open();
  await signOut.syncFirst();
  await expect(signOut.dialog().getByRole('alert')).toContainText('Could not sync');
  await expect(signOut.dialog()).toBeVisible();

  // Back online: sync first, then the sign-out completes by itself.
  await tablet.setOffline(false);
  await signOut.syncFirst();
  await expect(page.getByLabel('Email')).toBeVisible();

  const after = await deviceDatabase(page);
  // Only the device's own change counter and clock survive a sign-out (no
  // personal data: a number and a timestamp), so its seq never goes back.
  for (const [table, count] of Object.entries(after.counts)) {
    if (table !== 'meta') expect(count, `${table} rows left after sign-out`).toBe(0);
  }
  expect(after.metaKeys.sort()).toEqual(['lastHlc', 'lastSeq']);
  expect(after.childNames).toEqual([]);
  expect(after.localStorageKeys).toEqual([]);
  expect(after.cacheUrls.filter((url) => url.includes('/api/'))).toEqual([]);
  expect(page.url()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

  // The next person on the same tablet: the teacher sees her class only.
  await new SignInPage(page).signIn('teacher@demo.school');
  await expect(lesson.heading()).toBeVisible();
  await expect(lesson.children()).toHaveCount(6);
  await expect(page.getByText('All changes synced')).toBeVisible();
  await expect
    .poll(async () => (await deviceDatabase(page)).childNames.length, { timeout: 30_000 })
    .toBe(20);
  const teacherDevice = await deviceDatabase(page);
  const taOnly = taChildren.filter((name) => !teacherDevice.childNames.includes(name));
  // Year 5 Willow: on the TA's tablet before, not on the teacher's now.
  expect(taOnly.length).toBe(20);
  await expect(page.getByText('Alex Morgan')).toHaveCount(0);
  await tablet.close();
});

test('the app sends a strict CSP and works under it, SENCo screens included', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Refused to load: CSP violation ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) outside.push(request.url());
  });

  await new SignInPage(page).signIn('senco@demo.school');
  await expect(page.getByRole('heading', { level: 1, name: /focus children/ })).toBeVisible();
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  // `ready` resolves once a worker is active, which may still be 'activating'.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
    .toBe('activated');

  await page.getByRole('link', { name: 'Devices and staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Devices and staff' })).toBeVisible();
  await expect(page.getByTestId('staff-card').filter({ hasText: 'Sam Patel' })).toBeVisible();
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  await shoot(page, 'senco-devices');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await shoot(page, 'senco-audit');

  await page.getByRole('link', { name: 'Child records' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Child records' })).toBeVisible();
  const child = page.getByLabel('Child', { exact: true });
  const firstChild = await child.locator('option').nth(1).textContent();
  await child.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Show full record' }).click();
  await expect(page.getByRole('heading', { name: /Full record:/ })).toBeVisible();
  await shoot(page, 'senco-child-record');

  // The export is in the audit log, by child.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Child', { exact: true }).selectOption({ label: firstChild ?? '' });
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Exported' })).toHaveCount(1);
  await shoot(page, 'senco-audit-filtered');

  expect(violations).toEqual([]);
  expect(outside).toEqual([]);
  await context.close();
});
