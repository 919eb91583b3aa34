/**
 * Sync under faults, in a real browser against the built server:
 * - a poison change goes to "needs attention" and the other 50 sync;
 * - a page closed in the middle of a sync (the server committed, the page
 *   never heard) completes when reopened, each tick exactly once;
 * - a push answered 500 is retried and never counted as delivered;
 * - a 401 pauses sync and asks for sign-in again without touching the
 *   changes waiting on the device.
 * Service workers are blocked in these contexts: `page.route` cannot see
 * the service worker's own requests, and its Background Sync would push
 * past the fault we inject. The worker runs the very same engine code.
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import {
  addPoisonMutation,
  deviceTickIds,
  deviceToken,
  serverTickCounts,
  waitingTickIds,
} from './pages/sync-helpers';

const OUTCOMES = ['Achieved', 'Partly', 'Not yet', 'Absent'] as const;

/** `count` taps across the targets on screen, cycling outcomes so each tap is a new tick. */
const tapTicks = async (lesson: FocusChildrenPage, count: number, from = 0) => {
  const targets = await lesson.targets().count();
  for (let n = from; n < from + count; n++) {
    await lesson.tick(n % targets, OUTCOMES[Math.floor(n / targets) % OUTCOMES.length]!);
  }
};

const signedInOffline = async (page: Page) => {
  await new SignInPage(page).signIn('teacher@demo.school');
  const lesson = new FocusChildrenPage(page);
  await expect(lesson.children()).toHaveCount(6);
  await expect(page.getByText('All changes synced')).toBeVisible();
  await page.context().setOffline(true);
  return lesson;
};

const expectExactlyOnceOnServer = async (
  page: Page,
  ids: string[],
  request: Parameters<typeof serverTickCounts>[0],
) => {
  const counts = await serverTickCounts(request);
  for (const id of ids) expect(counts.get(id), `tick ${id}`).toBe(1);
};

test('a poison change goes to "needs attention" and the other 50 changes sync', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const lesson = await signedInOffline(page);

  await tapTicks(lesson, 25);
  await addPoisonMutation(page); // in the middle of the queue: it must not block what follows
  await tapTicks(lesson, 25, 25);
  await expect(page.getByText('51 changes waiting to sync')).toBeVisible();
  const ids = await waitingTickIds(page);
  expect(ids).toHaveLength(51); // 50 ticks and the poison

  await context.setOffline(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  const attention = page.getByRole('link', { name: /1 change needs attention/ });
  await expect(attention).toBeVisible();

  const counts = await serverTickCounts(request);
  expect(ids.filter((id) => counts.get(id) === 1)).toHaveLength(50);
  expect(ids.filter((id) => !counts.has(id))).toHaveLength(1);

  await attention.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible();
  const item = page.getByTestId('attention-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Why it was not kept');
  await expect(item).toContainText('outcome');
  await page.screenshot({ path: 'test-results/screenshots/needs-attention-1024x768.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/needs-attention-390x844.png' });

  await item.getByRole('button', { name: 'Copy details' }).click();
  await expect(page.getByText(/copied/)).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('brilliant');

  page.once('dialog', (dialog) => void dialog.accept());
  await item.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByText('Nothing needs attention')).toBeVisible();
  await expect(page.getByRole('link', { name: /needs attention/ })).toHaveCount(0);
  await context.close();
});

test('a page closed in the middle of a sync completes when reopened, each tick once', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  let page = await context.newPage();
  const lesson = await signedInOffline(page);
  await tapTicks(lesson, 20);
  const ids = await waitingTickIds(page);
  expect(ids).toHaveLength(20);

  // The push reaches the server and commits, but the page is closed before
  // the answer arrives.
  let committed!: () => void;
  const pushCommitted = new Promise<void>((resolve) => (committed = resolve));
  await page.route('**/api/v1/sync/push', async (route) => {
    await route.fetch();
    committed();
    // never answered: the page closes first
  });
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await pushCommitted;
  await page.close();
  await expectExactlyOnceOnServer(page, ids, request);

  page = await context.newPage();
  await page.goto('/');
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  const held = new Set(await deviceTickIds(page));
  expect(ids.every((id) => held.has(id))).toBe(true);
  expect(await waitingTickIds(page)).toHaveLength(0);
  await expectExactlyOnceOnServer(page, ids, request);
  await context.close();
});

test('a push answered 500 is retried and never counted as delivered', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const lesson = await signedInOffline(page);
  await tapTicks(lesson, 20);
  const ids = await waitingTickIds(page);
  expect(ids).toHaveLength(20);

  let failures = 0;
  await page.route('**/api/v1/sync/push', async (route) => {
    failures++;
    await route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'internal_error', message: 'boom' } }),
    });
  });
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText(/The server had a problem/)).toBeVisible();
  expect(failures).toBeGreaterThanOrEqual(1);
  await expect(page.getByText('20 changes waiting to sync')).toBeVisible();
  // 20 taps over the targets offered (termly steps, 18 in the demo): a
  // target tapped twice shows one state, so one per target tapped.
  const tapped = Math.min(20, await lesson.targets().count());
  await expect(lesson.tickStates().filter({ hasText: 'waiting to sync' })).toHaveCount(tapped);
  const before = await serverTickCounts(request);
  for (const id of ids) expect(before.has(id)).toBe(false);

  await page.unroute('**/api/v1/sync/push');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await expectExactlyOnceOnServer(page, ids, request);
  await context.close();
});

test('a 401 pauses sync and asks to sign in again, keeping the waiting changes', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const lesson = await signedInOffline(page);
  await tapTicks(lesson, 5);
  const ids = await waitingTickIds(page);
  expect(ids).toHaveLength(5);

  // The session ends on the server (expired or revoked) while the tablet is offline.
  const signOut = await request.post('/api/v1/auth/sign-out', {
    headers: { authorization: `Bearer ${await deviceToken(page)}` },
  });
  expect(signOut.ok()).toBe(true);

  await context.setOffline(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const banner = page.getByRole('region', { name: 'Sign in again to sync' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('5 changes waiting to sync are safe on this device');
  await expect(page.getByText('5 changes waiting to sync.')).toBeVisible();
  expect(await waitingTickIds(page)).toEqual(ids);
  await page.screenshot({ path: 'test-results/screenshots/re-sign-in-1024x768.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/re-sign-in-390x844.png' });

  // Someone else cannot take over this device's work from here.
  await banner.getByLabel('Email').fill('ta@demo.school');
  await banner.getByLabel('Password').fill('demo-password');
  await banner.getByRole('button', { name: 'Sign in and sync' }).click();
  await expect(banner.getByRole('alert')).toContainText("This device holds Jo Hughes's work");
  expect(await waitingTickIds(page)).toEqual(ids);

  await banner.getByLabel('Email').fill('teacher@demo.school');
  await banner.getByLabel('Password').fill('demo-password');
  await banner.getByRole('button', { name: 'Sign in and sync' }).click();
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await expect(banner).toHaveCount(0);
  await expectExactlyOnceOnServer(page, ids, request);
  await context.close();
});
