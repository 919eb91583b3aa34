/**
 * A review that moves a child on the SEN register, as a teacher and the
 * SENCo do it on two devices: the teacher's "Step up support" is recorded
 * and sent to the SENCo, whose "This week" asks her to confirm; once she
 * moves the child to SEN support, the teacher's screens say so too.
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';

const synced = (page: Page) =>
  expect(page.getByText('All changes synced')).toBeVisible({ timeout: 60_000 });

test('a teacher steps a child up at a review and the SENCo confirms it', async ({ browser }) => {
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const teacher = await teacherContext.newPage();
  await new SignInPage(teacher).signIn('teacher@demo.school');
  await synced(teacher);

  // A focus child at Monitoring, with a plan to review.
  const focus = new FocusChildrenPage(teacher);
  const card = focus
    .children()
    .filter({ has: teacher.locator('.tag', { hasText: /^Monitoring$/ }) })
    .first();
  const name = (await card.getByRole('heading', { level: 2 }).innerText()).trim();
  await card.getByRole('link', { name }).click();
  await expect(teacher.getByRole('heading', { level: 1, name })).toBeVisible();
  await teacher.getByRole('link', { name: 'Review this plan' }).first().click();
  await teacher.getByLabel('Step up support').check();
  await expect(teacher.getByTestId('step-effect')).toHaveText(
    'SEN status: Monitoring → SEN support. The SENCo is asked to confirm it.',
  );
  await teacher.getByRole('button', { name: 'Save review' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name })).toBeVisible();
  // The review says what it asked for; the status waits for the SENCo.
  await expect(
    teacher.getByTestId('history-item').filter({ hasText: 'SEN status Monitoring → SEN support' }),
  ).toBeVisible();
  await expect(teacher.locator('.child-meta .tag').first()).toHaveText('Monitoring');
  await synced(teacher);

  const sencoContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const senco = await sencoContext.newPage();
  await new SignInPage(senco).signIn('senco@demo.school');
  await synced(senco);
  const reports = new ReportsPage(senco);
  await reports.open('This week');
  const step = senco.getByTestId('sen-step').filter({ hasText: name });
  await expect(step).toContainText('step up from Monitoring to SEN support');
  await senco.setViewportSize({ width: 390, height: 844 });
  await senco.screenshot({
    path: 'test-results/screenshots/sen-step-to-confirm-390x844.png',
    fullPage: true,
  });
  await senco.setViewportSize({ width: 1024, height: 768 });
  await step.getByRole('button', { name: 'Move to SEN support' }).click();
  await expect(step).toBeHidden();
  await synced(senco);

  // The teacher's device learns of it on its next sync.
  await teacher.getByRole('button', { name: 'Sync now' }).click();
  await synced(teacher);
  await expect(teacher.locator('.child-meta .tag').first()).toHaveText('SEN support');
  await focus.open();
  await expect(focus.child(name).locator('.tag').first()).toHaveText('SEN support');

  await teacherContext.close();
  await sencoContext.close();
});
