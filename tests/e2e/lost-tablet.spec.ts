/**
 * A lost tablet goes dark, in a real Chromium with its service worker: a
 * teacher's tablet holds the class and three ticks it has not synced; the
 * SENCo marks it lost on the devices list; the tablet reconnects, removes
 * every child's record without sending them, and shows a plain screen that
 * stays after a reload; the SENCo's list shows the three dropped changes.
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';

const PLAIN = 'This tablet was signed out by the school. Nothing about children is kept on it.';

/** Rows in every object store of the device database, by store name. */
const deviceRows = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('target-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const counts: Record<string, number> = {};
          for (const name of names) {
            const count = tx.objectStore(name).count();
            count.onsuccess = () => (counts[name] = count.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );

/** The keys left in the device database's meta table. */
const metaKeys = (page: Page): Promise<string[]> =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('target-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction('meta').objectStore('meta').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve((keys.result as string[]).sort());
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
  );

const deviceId = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('keyval').objectStore('keyval').get('deviceId');
          get.onsuccess = () => {
            db.close();
            resolve(get.result as string);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );

test('a tablet marked lost holds no child data once it reconnects, and the SENCo sees what it dropped', async ({
  browser,
}) => {
  const tabletContext = await browser.newContext();
  const tablet = await tabletContext.newPage();
  await new SignInPage(tablet).signIn('teacher@demo.school');
  const lesson = new FocusChildrenPage(tablet);
  await expect(lesson.children()).toHaveCount(6);
  await expect(tablet.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  const childName = await lesson.children().first().getByRole('heading', { level: 2 }).innerText();
  const tabletId = await deviceId(tablet);

  // Three ticks recorded with no connection: on the tablet only.
  await tabletContext.setOffline(true);
  for (let i = 0; i < 3; i++) await lesson.tick(i, 'Partly');
  await expect(tablet.getByText('3 changes waiting to sync')).toBeVisible();
  const before = await deviceRows(tablet);
  expect(before.child).toBeGreaterThan(0);
  expect(before.target).toBeGreaterThan(0);
  expect(before.outbox).toBe(3);

  // The SENCo marks it lost.
  const sencoContext = await browser.newContext();
  const senco = await sencoContext.newPage();
  await new SignInPage(senco).signIn('senco@demo.school');
  await expect(senco.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await senco.getByRole('link', { name: 'Devices and staff' }).click();
  const row = senco
    .getByTestId('staff-card')
    .filter({ hasText: 'Jo Hughes' })
    .getByTestId('device-row')
    .filter({ hasText: tabletId.slice(-6) });
  await row.getByRole('button', { name: /^Lost or stolen/ }).click();
  await row.getByRole('button', { name: 'Yes, it is lost' }).click();
  await expect(row.getByTestId('device-state')).toContainText('waiting for it to connect');
  await senco.screenshot({ path: 'test-results/screenshots/lost-tablet-marked-1024x768.png' });

  // The tablet reconnects: its 'online' trigger syncs, as in a classroom.
  await tabletContext.setOffline(false);
  await expect(tablet.getByRole('heading', { level: 1, name: PLAIN })).toBeVisible();
  await expect(tablet.getByText(childName)).toHaveCount(0);
  const after = await deviceRows(tablet);
  const { meta, ...records } = after;
  expect(
    Object.values(records).every((count) => count === 0),
    JSON.stringify(after),
  ).toBe(true);
  expect(Object.keys(records).length).toBeGreaterThan(15);
  // Only the device's own counters are left: nothing about a child.
  expect(meta).toBe(2);
  expect(await metaKeys(tablet)).toEqual(['lastHlc', 'lastSeq']);
  await tablet.screenshot({ path: 'test-results/screenshots/lost-tablet-dark-1024x768.png' });

  // A reload still shows the plain screen, until someone signs in.
  await tablet.reload();
  await expect(tablet.getByRole('heading', { level: 1, name: PLAIN })).toBeVisible();
  await expect(tablet.getByText(childName)).toHaveCount(0);
  expect(Object.values(await deviceRows(tablet)).reduce((a, b) => a + b, 0)).toBe(2);

  // The SENCo sees that it wiped, and the three changes it never sent.
  await senco.reload();
  await expect(row.getByTestId('device-state')).toContainText('3 unsent changes dropped');
  await senco.screenshot({ path: 'test-results/screenshots/lost-tablet-dropped-1024x768.png' });

  // Someone signing in makes it an ordinary tablet again.
  await tablet.getByRole('button', { name: 'Sign in' }).click();
  await tablet.getByLabel('Email').fill('teacher@demo.school');
  await tablet.getByLabel('Password').fill('demo-password');
  await tablet.getByRole('button', { name: 'Sign in' }).click();
  await expect(lesson.children()).toHaveCount(6);
  await tablet.reload();
  await expect(lesson.children()).toHaveCount(6);
  await tabletContext.close();
  await sencoContext.close();
});
