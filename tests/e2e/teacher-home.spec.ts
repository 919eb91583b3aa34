/**
 * The teacher's home leads with ticking: on a 1024×768 tablet the first
 * tick buttons are above the fold, the reviews due take one line that opens
 * to the list, and starting a lesson takes one row.
 */
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/app-pages';

test('on a landscape tablet the first tick buttons are above the fold, reviews due one line', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await new SignInPage(page).signIn('teacher@demo.school');
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  const firstTick = page
    .getByTestId('focus-child')
    .first()
    .getByRole('button', { name: 'Achieved' })
    .first();
  await expect(firstTick).toBeInViewport();
  const box = (await firstTick.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(768);

  // The demo's plans fall due within two weeks: one line, then the list on a tap.
  const reviews = page.getByTestId('reviews-due');
  await expect(reviews.locator('summary')).toContainText(/\d+ reviews? due/);
  expect((await reviews.boundingBox())!.height).toBeLessThan(60);
  await expect(reviews.getByTestId('review-due').first()).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/teacher-home-1024x768.png' });
  await reviews.locator('summary').click();
  await expect(reviews.getByTestId('review-due').first()).toBeVisible();
  await reviews.locator('summary').click();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/teacher-home-390x844.png' });
});
