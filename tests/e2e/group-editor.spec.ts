/**
 * The SENCo starts an intervention group with no network: two Year 4
 * children, the TA, Precision Teaching on Mondays and Wednesdays. A form
 * with its end before its start says so beside the field and saves nothing.
 * Saved, the group survives a reload offline and syncs when the network is
 * back; then the TA, signing in on a fresh browser, finds its session in
 * "My sessions today" on a Monday and a Wednesday, and not on a Tuesday.
 *
 * Every browser's clock is fixed: Mon 16 Nov 2026 in the demo school's
 * Autumn term (ends Fri 18 Dec 2026), so the form's default dates and the
 * list's "delivered against planned" are known: the group starts today
 * at 11:00 and the clock says 08:30, so no session is due yet and none
 * is delivered (a slot later today is not yet missed).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { SignInPage } from './pages/app-pages';
import { GroupFormPage, GroupsPage } from './pages/group-pages';
import { MySessionsPage, PT_GROUP, RegisterPage } from './pages/session-pages';
import { startOwnServer, type OwnServer } from './own-server';

// Why a server of its own: the new group gives the demo TA a session on
// Mondays and Wednesdays, which other specs' counts of her day must not meet.
const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 9;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const MONDAY = new Date('2026-11-16T08:30:00');
const TUESDAY = new Date('2026-11-17T08:30:00');
const WEDNESDAY = new Date('2026-11-18T08:30:00');
const GROUP = 'Precision Teaching: Year 4 number facts';
const SHOTS = 'test-results/screenshots';

const syncStatus = (page: Page) => page.getByTestId('sync-status');

const signedInAt = async (context: BrowserContext, when: Date, email: string) => {
  await context.clock.setFixedTime(when);
  const page = await context.newPage();
  await new SignInPage(page).signIn(email);
  // Synced once, so the device holds the school (or the TA's groups).
  await expect(syncStatus(page)).toContainText('Last synced', { timeout: 30_000 });
  return page;
};

test('the SENCo starts a group offline; after sync the TA finds its sessions on its days', async ({
  browser,
}) => {
  // ---- the SENCo, signed in once with a network, then offline
  const senco = await browser.newContext({ locale: 'en-GB' });
  let page = await signedInAt(senco, MONDAY, 'senco@demo.school');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await senco.setOffline(true);
  await page.reload();
  const groups = new GroupsPage(page);
  await groups.open();
  await expect(groups.groups()).toHaveCount(2);
  await expect(groups.group(PT_GROUP)).toBeVisible();

  const form = await groups.newGroup();
  // Defaults: today to the end of the Autumn term.
  await expect(form.startDate()).toHaveValue('2026-11-16');
  await expect(form.endDate()).toHaveValue('2026-12-18');
  await form.chooseProvision('Precision Teaching');
  // From the provision: 10 minutes, five sessions a week.
  await expect(form.minutes()).toHaveValue('10');
  await expect(form.slots()).toHaveCount(5);
  await form.name().fill(GROUP);
  const children = await form.chooseChildrenOfClass('Year 4 Rowan', 2);
  expect(children).toHaveLength(2);
  await form.chooseStaff('Alex Morgan');
  await form.setSchedule([
    ['Monday', '11:00'],
    ['Wednesday', '11:00'],
  ]);
  // 16 Nov to 18 Dec, Mondays and Wednesdays, no closures: 10 sessions.
  await expect(form.plannedHint()).toHaveText(
    '10 sessions planned from 16/11/2026 to 18/12/2026, on school days only.',
  );

  // ---- a bad form: ends before it starts
  await form.endDate().fill('2026-11-13');
  await form.save().click();
  await expect(form.endDate()).toHaveAttribute('aria-invalid', 'true');
  await expect(form.endDate()).toBeFocused();
  expect(await form.fieldMessage(form.endDate())).toContain(
    'The end date must be on or after the start date.',
  );
  await expect(form.alert()).toContainText('Nothing was saved');
  await expect(form.heading()).toHaveText('New group');
  await expect(syncStatus(page)).not.toContainText('waiting to sync');
  await page.screenshot({ path: `${SHOTS}/group-editor-bad-dates.png`, fullPage: true });

  // ---- put right, saved on the device
  await form.endDate().fill('2026-12-18');
  await form.save().click();
  await expect(groups.heading()).toBeVisible();
  await expect(groups.flash()).toContainText(`${GROUP} saved on this device.`);
  await expect(syncStatus(page)).toContainText('1 change waiting to sync');
  const row = groups.group(GROUP);
  await expect(row).toContainText('Precision Teaching · Group · 2 children');
  await expect(row).toContainText('Run by Alex Morgan');
  await expect(row.getByTestId('group-schedule')).toHaveText('Mon 11:00, Wed 11:00 · 10 minutes');
  await expect(row.getByTestId('group-dates')).toHaveText('16/11/2026 to 18/12/2026');
  await expect(row.getByTestId('group-delivery')).toHaveText(
    '0 sessions delivered; no planned session due yet',
  );
  await expect(row.getByTestId('group-waiting')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/group-editor-list.png`, fullPage: true });

  // Still there after a reload with no network.
  await page.reload();
  await expect(groups.heading()).toBeVisible();
  await expect(groups.groups()).toHaveCount(3);

  // ---- back online: it syncs by itself
  await senco.setOffline(false);
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 30_000 });
  await expect(groups.group(GROUP).getByTestId('group-waiting')).toHaveCount(0);
  // The group's own page offers the SENCo the way back to change it.
  await groups.group(GROUP).getByRole('heading', { name: GROUP }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
  await page.getByRole('link', { name: 'Change this group' }).click();
  await expect(new GroupFormPage(page).heading()).toHaveText(`Change ${GROUP}`);
  await senco.close();

  // ---- the TA, on a fresh browser: Monday
  const ta = await browser.newContext({ locale: 'en-GB' });
  page = await signedInAt(ta, MONDAY, 'ta@demo.school');
  const home = new MySessionsPage(page);
  await expect(home.heading()).toBeVisible();
  const slot = home.slot(GROUP);
  await expect(slot).toBeVisible();
  await expect(slot).toContainText('11:00');
  await expect(slot).toContainText('2 children · 10 minutes');
  // In time order: the demo's Precision Teaching at 09:05 comes first.
  await expect(home.slots().nth(0)).toContainText(PT_GROUP);
  await expect(home.slots().nth(1)).toContainText(GROUP);
  // Its register holds the two children the SENCo chose (from a class the TA does not support).
  await home.logSessionLink(GROUP, '11:00').click();
  const register = new RegisterPage(page);
  await expect(register.heading()).toBeVisible();
  await expect(register.children()).toHaveCount(2);
  for (const name of children) {
    await expect(register.children().filter({ hasText: name })).toHaveCount(1);
  }

  // Tuesday: not one of its days.
  await ta.clock.setFixedTime(TUESDAY);
  await page.goto('/');
  await expect(home.slot(PT_GROUP)).toBeVisible();
  await expect(home.slot(GROUP)).toHaveCount(0);

  // Wednesday: there again.
  await ta.clock.setFixedTime(WEDNESDAY);
  await page.goto('/');
  await expect(home.slot(GROUP)).toBeVisible();
  await expect(home.logSessionLink(GROUP, '11:00')).toBeVisible();
  await ta.close();
});
