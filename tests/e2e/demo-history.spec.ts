/**
 * The demo as `npm start` shows it: a SENCo signing in for the first time
 * finds half a term of history behind every report, not "No data": ticks and
 * sessions recorded, a provision map costed from sessions delivered, an
 * impact line from entry to exit scores, gaps by group, and a child stepped
 * up to SEN support at a review.
 *
 * Runs against the second server of playwright.config.ts (the demo with its
 * history, seeded relative to today), with the browser on the real clock.
 */
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';

const HISTORY_URL = process.env.DEMO_HISTORY_URL;
test.use({ baseURL: HISTORY_URL });

const shoot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screenshots/${name}-390x844.png`, fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1024x768.png`, fullPage: true });
};

test('a SENCo trying the demo sees half a term of history in every report', async ({ browser }) => {
  expect(HISTORY_URL, 'playwright.config.ts starts the demo with its history').toBeTruthy();
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn('senco@demo.school');
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('link', { name: 'Ticks recorded' }).click();
  await expect(page.getByText('No ticks have been recorded yet.')).toBeHidden();
  await expect(page.getByText('Achieved').first()).toBeVisible();

  await page.getByRole('link', { name: 'Sessions logged' }).click();
  await expect(page.getByText('No intervention sessions have been logged yet.')).toBeHidden();
  await expect(page.getByText('Precision Teaching: Year 3 sight words').first()).toBeVisible();

  const reports = new ReportsPage(page);
  await page.getByRole('link', { name: 'Reports' }).click();
  await reports.open('Provision map');
  await reports.expectHeading('Provision map');
  // Costed from the sessions delivered: not nothing.
  await expect(reports.stat('school-delivered')).not.toContainText('£0.00');
  await expect(reports.stat('school-delivered')).not.toContainText(/^\D*0 minutes/);
  await shoot(page, 'demo-history-provision-map');

  await reports.open('Impact');
  const pt = reports.impactRow('Precision Teaching');
  await expect(pt).toBeVisible();
  await expect(pt.getByTestId('mean-change')).toContainText(/\+\s?\d/);
  await shoot(page, 'demo-history-impact');

  await reports.open('Gaps');
  await expect(page.getByText('Nothing recorded in term time for this measure yet.')).toBeHidden();
  await expect(reports.gapRow('SEN').first()).toBeVisible();
  await shoot(page, 'demo-history-gaps');

  // Rosie was stepped up at a review: her record says SEN support, and the
  // review and its decisions are on her page.
  await page.getByRole('link', { name: 'Child records' }).click();
  await page
    .getByRole('combobox', { name: 'Child', exact: true })
    .selectOption({ label: 'Rosie Cooper (Year 4 Rowan)' });
  await page.getByRole('button', { name: 'Show full record' }).click();
  // In words a parent can read: labels, not field names; no codes or ids.
  const record = page.getByRole('article', { name: 'Full record: Rosie Cooper' });
  const field = (label: string) => record.locator(`dt:text-is("${label}") + dd`);
  await expect(field('SEN status')).toHaveText('SEN support');
  await expect(field('SEN status before')).toHaveText('Monitoring');
  await expect(
    record.getByRole('definition').filter({ hasText: 'Step up support, Seek outside advice' }),
  ).toBeVisible();
  await expect(
    record
      .getByRole('definition')
      .filter({ hasText: /^Year 4 Rowan$/ })
      .first(),
  ).toBeVisible();
  await expect(record).not.toContainText('sen_support');
  await expect(record).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await shoot(page, 'demo-history-child-record');
  await context.close();
});
