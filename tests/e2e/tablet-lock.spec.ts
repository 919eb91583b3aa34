/**
 * A shared tablet left on a desk: the teacher sets a PIN, walks away, and
 * the tablet locks; a wrong PIN is refused, the right one unlocks with the
 * half-written work still there; signing out removes the PIN.
 */
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/app-pages';

const shoot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screenshots/${name}-390x844.png` });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `test-results/screenshots/${name}-1024x768.png` });
};

const ready = async (page: Page) => {
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
};

test('a tablet left idle locks with a PIN and unlocks with nothing lost', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.clock.install();
  await new SignInPage(page).signIn('teacher@demo.school');
  await ready(page);

  await page.getByRole('link', { name: 'This tablet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lock this tablet' })).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill('12');
  await page.getByLabel('The same PIN again').fill('12');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.getByRole('alert')).toHaveText('Use 4 to 8 digits.');
  await page.getByLabel('Lock after').selectOption('5');
  await page.getByLabel('PIN', { exact: true }).fill('2468');
  await page.getByLabel('The same PIN again').fill('2468');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'PIN set' })).toBeVisible();
  await shoot(page, 'tablet-lock-settings');

  // Half-way through writing something, the teacher walks away.
  await page.getByRole('link', { name: 'Focus children' }).click();
  const card = page.getByTestId('focus-child').first();
  await card.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const childName = await page.getByRole('heading', { level: 1 }).innerText();
  const pupilVoice = page.getByLabel('Pupil voice');
  await pupilVoice.fill('I like working with a partner');
  await page.clock.fastForward('06:00');
  const lockScreen = page.getByRole('dialog', { name: 'This tablet is locked' });
  await expect(lockScreen).toBeVisible();
  // Nothing of the child's page can be reached behind it.
  await expect(page.getByRole('heading', { level: 1, name: childName })).toBeHidden();
  await shoot(page, 'tablet-locked');

  await lockScreen.getByLabel('PIN').fill('1111');
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen.getByRole('alert')).toContainText('That PIN is not right. 4 tries left');
  await lockScreen.getByLabel('PIN').fill('2468');
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: childName })).toBeVisible();
  await expect(pupilVoice).toHaveValue('I like working with a partner');

  // A reloaded app may be in anyone's hands: it opens locked.
  await page.reload();
  await expect(lockScreen).toBeVisible();
  await lockScreen.getByLabel('PIN').fill('2468');
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen).toBeHidden();

  // Signing out takes the PIN with it: the next person is not locked out.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  await new SignInPage(page).signIn('ta@demo.school');
  await ready(page);
  await expect(lockScreen).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeHidden();
  await context.close();
});
