/**
 * A real school from nothing, in a real Chromium: a server with an empty
 * data dir (no demo), `create-school --json` run against the same data dir,
 * the SENCo activating with the printed code, importing an Arbor export,
 * adding a teacher and a TA with activation slips (the TA's replaced by a
 * fresh code), both activating in their own browsers, and the teacher
 * ticking a target that reaches the server.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startOwnServer, type OwnServer } from './own-server';
import { FocusChildrenPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';

const PORT = Number(process.env.E2E_PORT ?? 4310) + 13;
const BASE = `http://127.0.0.1:${PORT}`;
const ROSTER = fileURLToPath(new URL('../fixtures/rosters/arbor-students.csv', import.meta.url));
const SCREENSHOTS = 'test-results/new-school';
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

let server: OwnServer | undefined;

test.beforeAll(async () => {
  server = await startOwnServer(PORT, { isDemo: false });
});

test.afterAll(() => {
  server?.stop();
});

/** A fresh browser of a person's own: their own tablet, nothing shared. */
const newDevice = async (browser: Browser, viewport = TABLET) => {
  const context = await browser.newContext({ baseURL: BASE, viewport });
  return context.newPage();
};

/** "I have an activation code", the code from the slip, a password of one's own. */
const activate = async (page: Page, code: string, password: string, shot?: string) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'I have an activation code' }).click();
  await page.getByLabel('Activation code').fill(code);
  await page.getByLabel('Choose a password').fill(password);
  await page.getByLabel('Type it again').fill(password);
  if (shot) {
    await page.screenshot({ path: `${SCREENSHOTS}/activation-form-tablet-${shot}.png` });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SCREENSHOTS}/activation-form-phone-${shot}.png` });
    await page.setViewportSize(TABLET);
  }
  await page.getByRole('button', { name: 'Activate and sign in' }).click();
};

/** The SENCo adds one person on "Devices and staff" and reads the code off their slip. */
const addStaff = async (
  page: Page,
  person: { name: string; email: string; role: string; classLabel: string; className: string },
) => {
  const form = page.getByRole('region', { name: 'Add a member of staff' });
  await form.getByLabel('Name').fill(person.name);
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Role').selectOption({ label: person.role });
  await form.getByLabel(person.classLabel).selectOption({ label: person.className });
  await form.getByRole('button', { name: 'Add and make an activation code' }).click();
  const slip = page.getByRole('article', { name: `Activation slip for ${person.name}` });
  await expect(slip).toBeVisible();
  return (await slip.getByTestId('activation-code').textContent())!.trim();
};

test('a new school: create-school, activation, roster import, staff with activation codes, a tick that syncs', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The command line, on the running server's own data dir.
  const printed = execFileSync(
    'node',
    [
      'dist/server/main.js',
      'create-school',
      '--name',
      'Oakfield Primary School',
      '--senco-email',
      'sam.patel@oakfield.sch.uk',
      '--senco-name',
      'Sam Patel',
      '--urn',
      '123456',
      '--json',
    ],
    { env: { ...process.env, DATA_DIR: server!.dataDir }, encoding: 'utf8' },
  );
  const made = JSON.parse(printed.trim()) as {
    schoolId: string;
    sencoId: string;
    activationCode: string;
  };
  expect(made.activationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

  // The SENCo: the school exists now, so the sign-in screen, not the first-run page.
  const senco = await newDevice(browser);
  await senco.goto('/');
  await expect(senco.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(senco.getByText(/create-school/)).toHaveCount(0);
  await activate(senco, made.activationCode, 'oakfield sam own password', 'senco');
  await expect(senco.getByText('Sam Patel · SENCo')).toBeVisible();

  // The children, from the school's Arbor export.
  const reports = new ReportsPage(senco);
  await reports.open('Import');
  await senco.getByLabel('CSV file').setInputFiles(ROSTER);
  await senco.getByRole('button', { name: 'Check every row' }).click();
  await expect(senco.getByTestId('import-plan')).toContainText('3 new children');
  await senco.getByRole('button', { name: /^Import \d+ changes$/ }).click();
  await expect(senco.getByText(/^Imported: 3 new children/)).toBeVisible();

  // A teacher and a TA, one at a time, each with a slip.
  await senco
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Devices and staff' })
    .click();
  const teacherCode = await addStaff(senco, {
    name: 'Jo Hughes',
    email: 'jo.hughes@oakfield.sch.uk',
    role: 'Teacher',
    classLabel: 'Teaches class',
    className: '2 Oak',
  });
  const taCode = await addStaff(senco, {
    name: 'Alex Green',
    email: 'alex.green@oakfield.sch.uk',
    role: 'Teaching assistant',
    classLabel: 'Supports class',
    className: '2 Oak',
  });
  expect(teacherCode).not.toBe(taCode);
  await senco.screenshot({ path: `${SCREENSHOTS}/activation-slips-tablet.png`, fullPage: true });
  await senco.setViewportSize(PHONE);
  await senco
    .getByRole('article', { name: 'Activation slip for Alex Green' })
    .scrollIntoViewIfNeeded();
  await senco.screenshot({ path: `${SCREENSHOTS}/activation-slips-phone.png`, fullPage: true });
  await senco.setViewportSize(TABLET);

  // Both are on the staff list now. Alex's slip is lost: a fresh code replaces it.
  const staffList = senco.getByRole('region', { name: 'Devices and staff' });
  await expect(staffList.getByRole('heading', { name: 'Jo Hughes' })).toBeVisible();
  await staffList.getByRole('button', { name: 'New activation code for Alex Green' }).click();
  const freshSlip = staffList.getByRole('article', { name: 'Activation slip for Alex Green' });
  const freshCode = (await freshSlip.getByTestId('activation-code').textContent())!.trim();
  expect(freshCode).not.toBe(taCode);

  // The TA, on a device of their own: the lost slip's code no longer works, the new one does.
  const ta = await newDevice(browser);
  await activate(ta, taCode, 'alex green own password');
  await expect(ta.getByRole('alert')).toContainText('replaced by a newer one');
  await activate(ta, freshCode, 'alex green own password');
  await expect(ta.getByText('Alex Green · Teaching assistant')).toBeVisible();

  // The teacher activates, makes Millie (Amelia) a focus child of 2 Oak, sets a target, ticks it.
  const teacher = await newDevice(browser);
  await activate(teacher, teacherCode, 'jo hughes own password', 'teacher');
  await expect(teacher.getByText('Jo Hughes · Teacher')).toBeVisible();
  await teacher.getByRole('link', { name: 'Focus children in 2 Oak' }).click();
  const addFocus = teacher.getByRole('form', { name: 'Add a focus child' });
  const option = addFocus.locator('option', { hasText: 'Hughes' });
  await addFocus.getByLabel('Child').selectOption((await option.getAttribute('value'))!);
  await addFocus.getByLabel('Why').fill('Reading fluency: check in every lesson');
  await addFocus.getByRole('button', { name: 'Add focus child' }).click();
  await teacher
    .getByRole('link', { name: /Hughes/ })
    .first()
    .click();
  await teacher.getByRole('button', { name: 'New target outside a plan' }).click();
  const newTarget = teacher.getByRole('form', { name: 'New target' });
  await newTarget
    .getByRole('textbox', { name: 'Target' })
    .fill('Reads a short passage aloud with expression');
  await newTarget.getByRole('button', { name: 'Add target' }).click();
  await expect(newTarget).toHaveCount(0);
  await teacher.goto('/');
  const focus = new FocusChildrenPage(teacher);
  await expect(focus.targets()).toHaveCount(1);
  await focus.tick(0, 'Achieved');

  // On the server: the SENCo's pull holds the teacher's tick.
  const signIn = await fetch(`${BASE}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'sam.patel@oakfield.sch.uk',
      password: 'oakfield sam own password',
    }),
  });
  expect(signIn.status).toBe(200);
  const { token } = (await signIn.json()) as { token: string };
  await expect
    .poll(
      async () => {
        const res = await fetch(`${BASE}/api/v1/sync/pull?after=0&limit=1000`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const page = (await res.json()) as {
          changes: { entity: string; data?: { outcome?: string } }[];
        };
        return page.changes.filter((c) => c.entity === 'tick').map((c) => c.data?.outcome);
      },
      { timeout: 30_000 },
    )
    .toEqual(['achieved']);
});
