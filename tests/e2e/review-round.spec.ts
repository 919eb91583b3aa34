/**
 * A review round done offline, as a SENCo does it on a laptop in a meeting
 * room with no signal: after the first sync the device goes offline, and
 * she reviews three of the school's focus children: one steps up from
 * Monitoring to SEN support, one steps down off the register, and one has
 * every target carried over. Back online, one sync sends it all; then the
 * teacher's screens, the SENCo's child record with its SEN register
 * history, the This week report and the CSV exports all say the same, in
 * words. On a server of this spec's own (the demo school with nothing
 * recorded), so its reviews meet no other spec's.
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';
import { startOwnServer, type OwnServer } from './own-server';

const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 15;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const SHOTS = 'test-results/screenshots';
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

const synced = (page: Page) =>
  expect(page.getByText('All changes synced')).toBeVisible({ timeout: 60_000 });

type Chosen = { name: string; id: string };

/** The first focus child with this status tag not yet chosen, opened on their page. */
const openChild = async (page: Page, status: string, taken: readonly string[]) => {
  const focus = new FocusChildrenPage(page);
  await focus.open();
  const cards = focus.children().filter({
    has: page.locator('.tag', { hasText: new RegExp(`^${status}$`) }),
  });
  await expect(cards.first()).toBeVisible();
  const names = (await cards.getByRole('heading', { level: 2 }).allInnerTexts()).map((n) =>
    n.trim(),
  );
  const name = names.find((n) => !taken.includes(n))!;
  expect(name, `a focus child at ${status}`).toBeTruthy();
  await focus.child(name).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').at(-1)!;
  return { name, id };
};

const review = async (page: Page, child: Chosen, decision: string, carryOver = false) => {
  await page.getByRole('link', { name: 'Review this plan' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Review: / })).toBeVisible();
  if (carryOver) {
    const outcomes = page.getByLabel(/^Outcome for /);
    for (let i = 0; i < (await outcomes.count()); i++) {
      await outcomes.nth(i).selectOption({ label: 'Carry over' });
    }
  }
  await page.getByLabel(decision).check();
};

test('an offline review round moves the register, and every screen and file agrees', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: TABLET, locale: 'en-GB' });
  const senco = await context.newPage();
  await new SignInPage(senco).signIn('senco@demo.school');
  await synced(senco);
  await context.setOffline(true);

  // One steps up: Monitoring to SEN support.
  const up = await openChild(senco, 'Monitoring', []);
  await review(senco, up, 'Step up support');
  await expect(senco.getByTestId('step-effect')).toHaveText(
    'SEN status: Monitoring → SEN support, when you save this review.',
  );
  for (const size of [TABLET, PHONE]) {
    await senco.setViewportSize(size);
    await senco.screenshot({
      path: `${SHOTS}/review-round-step-up-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
  await senco.setViewportSize(TABLET);
  await senco.getByRole('button', { name: 'Save review' }).click();
  await expect(senco.getByRole('heading', { level: 1, name: up.name })).toBeVisible();
  await expect(senco.locator('.child-meta .tag').first()).toHaveText('SEN support');

  // One steps down off the register: Monitoring to No SEN.
  const down = await openChild(senco, 'Monitoring', [up.name]);
  await review(senco, down, 'Step down support');
  await expect(senco.getByTestId('step-effect')).toHaveText(
    'SEN status: Monitoring → No SEN, when you save this review.',
  );
  await senco.getByRole('button', { name: 'Save review' }).click();
  await expect(senco.getByRole('heading', { level: 1, name: down.name })).toBeVisible();
  await expect(senco.locator('.child-meta .tag').first()).toHaveText('No SEN');

  // One has every target carried over, and stays at SEN support.
  const carried = await openChild(senco, 'SEN support', [up.name]);
  const targetsBefore = await senco.getByTestId('active-target').allTextContents();
  expect(targetsBefore.length).toBeGreaterThan(0);
  await review(senco, carried, 'Continue', true);
  await expect(senco.getByTestId('review-target').first()).toContainText(
    'Carried over: stays on the plan',
  );
  for (const size of [TABLET, PHONE]) {
    await senco.setViewportSize(size);
    await senco.screenshot({
      path: `${SHOTS}/review-round-carry-over-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
  await senco.setViewportSize(TABLET);
  await senco.getByRole('button', { name: 'Save review' }).click();
  await expect(senco.getByRole('heading', { level: 1, name: carried.name })).toBeVisible();
  await expect(senco.getByTestId('active-target')).toHaveText(targetsBefore);

  // Nothing has left the device yet.
  await expect(senco.getByText(/changes? waiting to sync/).first()).toBeVisible();
  await expect(senco.getByText(/Offline: saved on this device/).first()).toBeVisible();

  await context.setOffline(false);
  await senco.getByRole('button', { name: 'Sync now' }).click();
  await synced(senco);
  await expect(senco.getByRole('link', { name: /Needs attention/ })).toHaveCount(0);

  // The SENCo's child record: the register history, dated, in words.
  const today = new Intl.DateTimeFormat('en-GB').format(new Date());
  await senco.goto(`/senco/child/${up.id}`);
  const upHistory = senco.locator('.sen-history li');
  await expect(upHistory.last()).toContainText(`SEN support from ${today} (now)`);
  await expect(upHistory.last()).toContainText('At a review');
  const history = senco.getByRole('region', { name: 'SEN register history' });
  for (const size of [TABLET, PHONE]) {
    await senco.setViewportSize(size);
    await history.screenshot({ path: `${SHOTS}/sen-history-${size.width}x${size.height}.png` });
  }
  await senco.setViewportSize(TABLET);
  await senco.goto(`/senco/child/${down.id}`);
  const downHistory = senco.locator('.sen-history li');
  // Off the register, and the history is kept.
  await expect(downHistory.last()).toContainText(`No SEN from ${today} (now)`);
  await expect(senco.locator('.summary').first()).toContainText('No SEN');
  await senco.goto(`/senco/child/${carried.id}`);
  await expect(
    senco.getByText('No change of SEN status recorded yet. Status now: SEN support.'),
  ).toBeVisible();

  // This week: none of the three is due a review any more.
  const reports = new ReportsPage(senco);
  await reports.open('This week');
  await expect(senco.getByRole('heading', { name: 'Reviews due or overdue' })).toBeVisible();
  const reviewsDue = senco.getByTestId('reviews');
  for (const child of [up, down, carried]) {
    await expect(reviewsDue.getByRole('link', { name: child.name })).toHaveCount(0);
  }

  // The exports say the same, by name and in words.
  await reports.open('Export');
  const download = async (label: string) => {
    const [file] = await Promise.all([
      senco.waitForEvent('download'),
      senco.getByRole('button', { name: label, exact: true }).click(),
    ]);
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    return readFileSync(path!, 'utf8');
  };
  const register = await download('SEN register history CSV');
  expect(register).toContain(`${up.name},SEN support,Monitoring`);
  expect(register).toContain(`${down.name},No SEN,Monitoring`);
  expect(register).not.toContain(carried.name);
  const children = await download('Children CSV');
  const rowOf = (name: string) =>
    children
      .split(/\r?\n/)
      .find(
        (line) => line.includes(name.split(' ')[0]!) && line.includes(name.split(' ').at(-1)!),
      )!;
  expect(rowOf(up.name)).toContain('SEN support');
  expect(rowOf(down.name)).toContain('No SEN');
  expect(rowOf(carried.name)).toContain('SEN support');
  await context.close();

  // The teacher's screens, on her own device after its sync.
  const teacherContext = await browser.newContext({ viewport: TABLET, locale: 'en-GB' });
  const teacher = await teacherContext.newPage();
  await new SignInPage(teacher).signIn('teacher@demo.school');
  await synced(teacher);
  const focus = new FocusChildrenPage(teacher);
  await expect(focus.child(up.name).locator('.tag').first()).toHaveText('SEN support');
  // Off the register: the card shows no SEN status, and the child's page says so.
  await expect(
    focus.child(down.name).locator('.tag', { hasText: /^(Monitoring|SEN support|EHCP)$/ }),
  ).toHaveCount(0);
  await expect(focus.child(carried.name).locator('.tag').first()).toHaveText('SEN support');
  await focus.child(down.name).getByRole('link', { name: down.name }).click();
  await expect(teacher.locator('.child-meta .tag').first()).toHaveText('No SEN');
  await focus.open();
  await focus.child(carried.name).getByRole('link', { name: carried.name }).click();
  await expect(teacher.getByTestId('active-target')).toHaveText(targetsBefore);
  await expect(
    teacher.getByTestId('history-item').filter({ hasText: 'Continue' }).first(),
  ).toBeVisible();
  await teacherContext.close();
});
