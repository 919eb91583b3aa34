/**
 * One truth for the TA and the SENCo: on Wednesday a TA logs Monday's missed
 * Precision Teaching session from My week, against its own slot. Her week
 * then shows it logged and not unscheduled, and the SENCo's This week and
 * Sessions logged count it as a planned session delivered.
 *
 * Every browser's clock is fixed on Wed 25 Nov 2026, 10:00 London time.
 * Precision Teaching runs Mon to Fri at 09:05, and the demo school's Friday
 * 27 November is an INSET day, so by then Monday's, Tuesday's and
 * Wednesday's slots have come and Thursday's has not: 3 due so far of 4
 * planned this week.
 */
import { expect, test, type Browser } from '@playwright/test';
import { SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';
import { PT_GROUP, RegisterPage, SessionsLoggedPage, WeekPage } from './pages/session-pages';
import { startOwnServer, type OwnServer } from './own-server';

// Why a server of its own: the spec counts the group's sessions this week,
// and other specs log sessions of the same demo group.
const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 12;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const WEDNESDAY = new Date('2026-11-25T10:00:00.000Z');

const openAs = async (browser: Browser, email: string) => {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1024, height: 768 },
  });
  await context.clock.setFixedTime(WEDNESDAY);
  const page = await context.newPage();
  await new SignInPage(page).signIn(email);
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  return { context, page };
};

test("on Wednesday a TA logs Monday's missed session against its slot; both screens show it delivered", async ({
  browser,
}) => {
  const ta = await openAs(browser, 'ta@demo.school');
  const week = new WeekPage(ta.page);
  await week.open();
  const pt = week.group(PT_GROUP);
  await expect(pt).toContainText('0 logged · 4 sessions planned this week, 3 up to today');
  await expect(pt).toContainText('3 planned sessions not logged yet');
  await expect(pt.getByRole('link', { name: /^Log / })).toHaveText([
    'Log Mon 23 Nov 09:05',
    'Log Tue 24 Nov 09:05',
    'Log Wed 25 Nov 09:05',
  ]);
  await ta.page.screenshot({ path: 'test-results/screenshots/missed-slot-week-1024x768.png' });

  // Monday's register opens on Monday, at its slot, not as an extra session.
  await pt.getByRole('link', { name: `Log ${PT_GROUP}: Monday 23 November 2026 at 09:05` }).click();
  const register = new RegisterPage(ta.page);
  await expect(register.heading()).toHaveText(`Register: ${PT_GROUP}`);
  await expect(ta.page.getByText('Monday 23 November 2026 at 09:05')).toBeVisible();
  await expect(register.date()).toHaveValue('2026-11-23');
  await register.saveButton().click();

  // Back on My week: Monday's slot is logged against the plan.
  await expect(week.page.getByRole('heading', { level: 1, name: 'My week' })).toBeVisible();
  await expect(pt).toContainText('1 logged · 4 sessions planned this week, 3 up to today');
  await expect(pt).not.toContainText('unscheduled');
  await expect(pt).toContainText('2 planned sessions not logged yet');
  await expect(pt.getByRole('link', { name: /^Log / })).toHaveText([
    'Log Tue 24 Nov 09:05',
    'Log Wed 25 Nov 09:05',
  ]);
  await ta.page.setViewportSize({ width: 390, height: 844 });
  await ta.page.screenshot({ path: 'test-results/screenshots/missed-slot-week-390x844.png' });
  await expect(ta.page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });

  // The SENCo: the same session, delivered against the plan.
  const senco = await openAs(browser, 'senco@demo.school');
  const logged = new SessionsLoggedPage(senco.page);
  await logged.open();
  const monday = logged.sessions().filter({ hasText: 'Mon 23 Nov' }).filter({ hasText: PT_GROUP });
  await expect(monday).toHaveCount(1);
  await expect(monday).not.toContainText('unscheduled');
  const reports = new ReportsPage(senco.page);
  await reports.open('This week');
  // Planned this week, due so far, delivered, dosage.
  await expect(reports.groupRow(PT_GROUP).locator('td').nth(1)).toHaveText('4');
  await expect(reports.groupRow(PT_GROUP).locator('td').nth(2)).toHaveText('3');
  await expect(reports.groupRow(PT_GROUP).locator('td').nth(3)).toHaveText('1');
  await expect(reports.groupRow(PT_GROUP).locator('td').nth(4)).toHaveText('33%');
  await ta.context.close();
  await senco.context.close();
});
