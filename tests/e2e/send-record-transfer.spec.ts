/**
 * A child moves school with their SEND record. School A (the demo school,
 * with its half term of history) exports one child's record from the
 * SENCo's child record; school B is made with `create-school` on the same
 * server, its SENCo activates, puts the child on roll from an MIS export,
 * then brings in the record. It is matched on UPN, shown before anything is
 * added, and then sits on the child's record under "From previous school"
 * with the other school's name, its plans, targets and history, read-only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoId } from '../../server/demo/seed';
import { SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';
import { startOwnServer, type OwnServer } from './own-server';

// Why a server of its own: this spec makes a second school in its database.
const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 14;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT, { withHistory: true });
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const synced = (page: Page) =>
  expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });

type Exported = {
  school: { name: string };
  records: {
    children: { upn: string; firstName: string; lastName: string; dateOfBirth: string }[];
    learningPlans: { title: string }[];
    targets: { text: string }[];
    ticks: unknown[];
  };
};

test('school B’s SENCo brings in a child’s SEND record from school A, marked as from the previous school', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // School A: the SENCo exports one child's record.
  const a = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const aPage = await a.newPage();
  await new SignInPage(aPage).signIn('senco@demo.school');
  await synced(aPage);
  const childId = demoId('child:y3:1');
  await aPage.goto(`/senco/child/${childId}`);
  await expect(aPage.getByRole('heading', { level: 1 })).toBeVisible();
  const [download] = await Promise.all([
    aPage.waitForEvent('download'),
    aPage.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const file = readFileSync((await download.path())!, 'utf8');
  const exported = JSON.parse(file) as Exported;
  const child = exported.records.children[0]!;
  expect(exported.records.learningPlans.length).toBeGreaterThan(0);
  expect(exported.records.ticks.length).toBeGreaterThan(0);
  await a.close();

  // School B, made on the same server, and its first SENCo's activation.
  const made = JSON.parse(
    execFileSync(
      'node',
      [
        'dist/server/main.js',
        'create-school',
        '--name',
        'Riverside Primary School',
        '--senco-email',
        'senco@riverside.example',
        '--senco-name',
        'Rae Rivers',
        '--json',
      ],
      { env: { ...process.env, DATA_DIR: server!.dataDir }, encoding: 'utf8' },
    ).trim(),
  ) as { activationCode: string };
  const activated = await fetch(`${server!.url}/api/v1/auth/activate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: made.activationCode, password: 'riverside-password-1' }),
  });
  expect(activated.status).toBe(200);

  const b = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await b.newPage();
  await new SignInPage(page).signIn('senco@riverside.example', 'riverside-password-1');
  await synced(page);
  await new ReportsPage(page).open('Import');

  // The child joins school B's roll from its MIS, under the same UPN.
  const [y, m, d] = child.dateOfBirth.split('-');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'sims-students.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `UPN,Legal Surname,Legal Forename,DOB,Year Taught In,Reg Group\n${child.upn},${child.lastName},${child.firstName},${d}/${m}/${y},Year 3,3R\n`,
    ),
  });
  await page.getByRole('button', { name: 'Check every row' }).click();
  await page.getByRole('button', { name: /^Import \d+ changes$/ }).click();
  await expect(page.getByText(/^Imported: 1 new children/)).toBeVisible();

  // The SEND record: shown, matched, and nothing added until the SENCo says.
  await page.getByLabel('SEND record file (.json)').setInputFiles({
    name: 'send-record.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  const preview = page.getByTestId('transfer-preview');
  const name = `${child.firstName} ${child.lastName}`;
  await expect(preview).toContainText(`The SEND record of ${name} from Oakfield Primary School`);
  await expect(preview).toContainText(`It matches ${name} (Year 3) on your roll, by UPN.`);
  await expect(preview).toContainText(`${exported.records.learningPlans.length} plan`);
  await page.screenshot({ path: 'test-results/send-record-transfer-preview.png', fullPage: true });
  await page.getByRole('button', { name: `Add to ${name}’s record` }).click();
  await expect(
    page.getByText(`Added to ${name}’s record, under “From previous school”.`),
  ).toBeVisible();
  await synced(page);

  await page.getByRole('link', { name: `Open ${name}’s record` }).click();
  const previous = page.getByTestId('previous-school-record');
  await expect(previous.getByRole('heading', { level: 2 })).toHaveText(
    'From previous school: Oakfield Primary School',
  );
  await expect(previous).toContainText(/Exported by that school on \d{2}\/\d{2}\/\d{4}/);
  await expect(previous).toContainText(exported.records.learningPlans[0]!.title);
  await expect(previous).toContainText(exported.records.targets[0]!.text);
  await expect(previous).toContainText(/\d+ achieved, \d+ partly/);
  // Read-only: nothing in it to type into or press.
  await expect(previous.getByRole('button')).toHaveCount(0);
  await expect(previous.getByRole('textbox')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/send-record-transfer-child.png', fullPage: true });

  // A second device of school B gets it by sync, like any record.
  const again = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await again.newPage();
  await new SignInPage(phone).signIn('senco@riverside.example', 'riverside-password-1');
  await synced(phone);
  const heldId = new URL(page.url()).pathname.split('/').pop()!;
  await phone.goto(`/senco/child/${heldId}`);
  await expect(
    phone.getByTestId('previous-school-record').getByRole('heading', { level: 2 }),
  ).toHaveText('From previous school: Oakfield Primary School');
  await phone.screenshot({ path: 'test-results/send-record-transfer-phone.png', fullPage: true });
  await again.close();
  await b.close();
});
