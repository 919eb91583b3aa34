/**
 * A view of a child's page made with no network still reaches the audit
 * log: the teacher opens a child's page offline, reconnects, and the SENCo
 * sees who viewed that child's record, from which device.
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import { startOwnServer, type OwnServer } from './own-server';

// Why a server of its own: other specs open the same children's pages, and
// this one counts the views in the audit log.
const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 10;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const ready = async (page: Page) => {
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
};

test('a child page opened offline is in the audit log once the tablet reconnects', async ({
  browser,
}) => {
  const teacher = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const teacherPage = await teacher.newPage();
  await new SignInPage(teacherPage).signIn('teacher@demo.school');
  await ready(teacherPage);
  const focus = new FocusChildrenPage(teacherPage);
  await expect(focus.heading()).toBeVisible();
  const card = focus.children().first();
  const childName = (await card.getByRole('heading', { level: 2 }).innerText()).trim();

  await teacher.setOffline(true);
  await card.getByRole('link', { name: childName }).click();
  await expect(teacherPage.getByRole('heading', { level: 1, name: childName })).toBeVisible();
  // Back online: the next sync sends the view it kept.
  await teacher.setOffline(false);
  await teacherPage.getByRole('button', { name: 'Sync now' }).click();
  await ready(teacherPage);

  const senco = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const sencoPage = await senco.newPage();
  await new SignInPage(sencoPage).signIn('senco@demo.school');
  await ready(sencoPage);
  await sencoPage.getByRole('link', { name: 'Audit log' }).click();
  await expect(sencoPage.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const childFilter = sencoPage.getByLabel('Child', { exact: true });
  // Options read "Ethan Evans (Year 3 Hazel)": pick by the name the teacher saw.
  const childId = await childFilter
    .locator('option', { hasText: childName })
    .first()
    .getAttribute('value');
  await childFilter.selectOption(childId!);
  const viewed = sencoPage.getByTestId('audit-row').filter({ hasText: 'Viewed' });
  // The view is sent after a sync, so it may land just after the SENCo's first look.
  await expect(async () => {
    await childFilter.selectOption('');
    await childFilter.selectOption(childId!);
    await expect(viewed.filter({ hasText: 'Jo Hughes' })).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await teacher.close();
  await senco.close();
});
