/**
 * A CSV opened with the installed app (the manifest's file handler) reaches
 * the SENCo's import screen as if chosen there, even when it was opened
 * before sign-in; a teacher is told that only the SENCo imports. Headless
 * Chromium cannot install the app, so the page's launch queue is a stand-in
 * with the same shape, handing over a real File.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './pages/app-pages';

const FILE =
  'Adno,UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year Taught In,Reg Group,SEN Status\n' +
  '004001,B820123450011,Brontë,Zoë,Zoe,14/03/2017,Year 4,4H,K\n' +
  '004002,D820123450022,Okafor,Chidi,,02/09/2016,Year 5,5W,N\n';

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    type Consumer = (params: unknown) => unknown;
    const page = window as unknown as {
      openWithApp: (name: string, text: string) => Promise<unknown>;
    };
    let consumer: Consumer | undefined;
    // Chromium has a launch queue of its own (read-only), which only an
    // installed app's launches reach: this one shadows it.
    Object.defineProperty(page, 'launchQueue', {
      value: { setConsumer: (next: Consumer) => void (consumer = next) },
    });
    page.openWithApp = async (name, text) =>
      consumer?.({
        targetURL: `${location.origin}/senco/import`,
        files: [
          {
            kind: 'file',
            name,
            getFile: async () => new File([text], name, { type: 'text/csv' }),
          },
        ],
      });
  });
});

const openWithApp = (page: Page, name: string, text: string) =>
  page.evaluate(
    ([n, t]) =>
      (
        window as unknown as { openWithApp: (n: string, t: string) => Promise<unknown> }
      ).openWithApp(n!, t!),
    [name, text],
  );

const signIn = async (page: Page, email: string) => {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

test('a CSV opened before the SENCo signs in is waiting on the import screen after', async ({
  page,
}) => {
  await page.goto('/');
  await openWithApp(page, 'sims-students.csv', FILE);
  await signIn(page, 'senco@demo.school');
  await expect(page).toHaveURL(/\/senco\/import$/, { timeout: 30_000 });
  // Read as if chosen in the file input: the columns are offered for checking.
  await expect(page.getByRole('button', { name: 'Check every row' })).toBeVisible();
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByTestId('import-plan')).toContainText('2 new children');
});

test('a teacher who opens a CSV is told only the SENCo imports, and stays where they were', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, 'teacher@demo.school');
  await expect(page.getByTestId('focus-child').first()).toBeVisible();
  await openWithApp(page, 'sims-students.csv', FILE);
  await expect(page.getByRole('alert')).toContainText('only the SENCo imports');
  await expect(page).toHaveURL(/\/$/);
});
