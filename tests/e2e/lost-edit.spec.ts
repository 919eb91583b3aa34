/**
 * A change that lost, in a real Chromium: the teacher edits a target's
 * wording offline; the SENCo edits the same wording later on her laptop.
 * When the teacher's tablet reconnects, the SENCo's newer wording stands,
 * and the target on the teacher's screen says her change was overwritten,
 * by whom and when, until she dismisses it.
 */
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/app-pages';

const ready = async (page: Page) => {
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
};

/** Opens a target on the child's page and saves a new wording for it. */
const editWording = async (page: Page, current: string, wording: string) => {
  const line = page.getByTestId('tree-target').filter({ hasText: current }).first();
  await line.locator('summary').first().click();
  await line.getByRole('button', { name: 'Edit target' }).first().click();
  const form = page.getByRole('form', { name: 'Edit target' });
  await form.getByLabel('Target', { exact: true }).fill(wording);
  await form.getByRole('button', { name: 'Save target' }).click();
  await expect(form).toBeHidden();
};

test('a teacher whose offline edit lost is told on the target, by whom and when', async ({
  browser,
}) => {
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const teacher = await tablet.newPage();
  const senco = await laptop.newPage();
  await new SignInPage(teacher).signIn('teacher@demo.school');
  await new SignInPage(senco).signIn('senco@demo.school');
  await ready(teacher);
  await ready(senco);

  // The teacher's first focus child, and the first target in its plan.
  const link = teacher.getByTestId('focus-child').first().getByRole('link').first();
  const childId = (await link.getAttribute('href'))!.split('/').pop()!;
  await teacher.goto(`/child/${childId}`);
  const first = teacher.getByTestId('tree-target').first().locator('summary').first();
  const original = (await first.innerText()).trim();

  await tablet.setOffline(true);
  await editWording(teacher, original, 'Teacher wording, made offline');

  await senco.goto(`/child/${childId}`);
  await editWording(senco, original, 'SENCo wording, made later');
  await ready(senco);

  await tablet.setOffline(false);
  await teacher.getByRole('button', { name: 'Sync now' }).click();
  await ready(teacher);

  const notice = teacher.getByTestId('lost-edit');
  await expect(notice).toContainText(
    /Your change to the target’s wording \(“Teacher wording, made offline”\) was overwritten by Sam Patel at \d\d:\d\d\./,
  );
  // On the target that now shows the SENCo's wording.
  await expect(
    teacher.getByTestId('tree-target').filter({ has: notice }).locator('summary').first(),
  ).toHaveText('SENCo wording, made later');
  // The SENCo, whose change won, is told nothing.
  await expect(senco.getByTestId('lost-edit')).toHaveCount(0);

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(teacher.getByTestId('lost-edit')).toHaveCount(0);
  // Dismissed for good: not back after a reload.
  await teacher.reload();
  await expect(teacher.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  await expect(teacher.getByTestId('lost-edit')).toHaveCount(0);
});
