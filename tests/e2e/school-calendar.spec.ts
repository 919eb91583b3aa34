/**
 * The SENCo edits the school calendar and the reports follow: an INSET day
 * added takes a school day out of "This week", on this device at once and
 * on another SENCo device after sync; a term that ends before it starts is
 * refused beside its field, with nothing saved. The day is removed again at
 * the end, so the other specs' school is as it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';

const WEEK_OF = '2027-06-14';
const INSET = '2027-06-16';

const synced = (page: Page) =>
  expect(page.getByText('All changes synced')).toBeVisible({ timeout: 60_000 });

const schoolDaysIn = async (page: Page, weekOf: string) => {
  await new ReportsPage(page).open('This week');
  await page.getByLabel('Week of').fill(weekOf);
  return page.locator('.summary').first();
};

const openCalendar = async (page: Page) => {
  await page.getByRole('link', { name: 'School calendar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'School calendar' })).toBeVisible();
};

test('an INSET day added to the calendar comes out of every report', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn('senco@demo.school');
  await synced(page);
  await expect(await schoolDaysIn(page, WEEK_OF)).toHaveText('5 school days this week.');

  await openCalendar(page);
  await expect(page.getByTestId('calendar-term')).toHaveCount(3);
  // Refused beside the field, and nothing saved.
  const summer = page.getByTestId('calendar-term').filter({ hasText: 'Summer 2027' });
  const summerEnd = await summer.getByLabel('Last day').inputValue();
  await summer.getByLabel('Last day').fill('2027-04-01');
  await page.getByRole('button', { name: 'Save calendar' }).click();
  await expect(summer.getByText('The last day of term must be after the first.')).toBeVisible();
  await expect(summer.getByLabel('Last day')).toHaveAttribute('aria-invalid', 'true');
  await summer.getByLabel('Last day').fill(summerEnd);

  await page.getByRole('button', { name: 'Add an INSET day' }).click();
  const added = page.getByTestId('calendar-closure').last();
  await added.getByLabel('Date').fill(INSET);
  await page.getByRole('button', { name: 'Save calendar' }).click();
  await expect(page.getByText(/Calendar saved on this device/)).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: 'test-results/screenshots/school-calendar-390x844.png',
    fullPage: true,
  });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({
    path: 'test-results/screenshots/school-calendar-1024x768.png',
    fullPage: true,
  });
  await expect(await schoolDaysIn(page, WEEK_OF)).toHaveText('4 school days this week.');
  await synced(page);

  // Another device learns the calendar by sync.
  const other = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const second = await other.newPage();
  await new SignInPage(second).signIn('senco@demo.school');
  await synced(second);
  await expect(await schoolDaysIn(second, WEEK_OF)).toHaveText('4 school days this week.');
  await other.close();

  // Put the school back as it was.
  await openCalendar(page);
  await page.getByRole('button', { name: 'Remove 16/06/2027' }).click();
  await page.getByRole('button', { name: 'Save calendar' }).click();
  await expect(page.getByText(/Calendar saved on this device/)).toBeVisible();
  await expect(await schoolDaysIn(page, WEEK_OF)).toHaveText('5 school days this week.');
  await synced(page);
  await context.close();
});
