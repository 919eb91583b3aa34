/**
 * Every screen, reached the way the person who uses it reaches it, checked
 * by axe-core with real records on it: signed out, the teacher's lesson and
 * child pages, the TA's register, scores and week, and every SENCo screen.
 * Then what axe cannot see: the keyboard alone reaching and working the
 * controls, a visible focus ring at every tab stop, the page reflowing at
 * 200% zoom, reduced motion, and the install prompt. Screenshots of the
 * lesson and This week at tablet and phone sizes go to
 * test-results/screenshots/ for a person to look at.
 *
 * Every browser's clock is fixed in the demo school year (Wed 14 Oct and
 * Wed 18 Nov 2026, school days on which the TA's groups meet), on a server
 * of this spec's own, so its records meet no other spec's. The tests run in
 * order: the SENCo's reports show what the teacher and TA recorded.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  expectNoSeriousA11yViolations as axe,
  expectNoSidewaysScroll,
  expectTablesFit,
  expectTapTargets,
  expectVisibleFocusEverywhere,
  tabTo,
} from './pages/a11y';
import { FocusChildrenPage, SignInPage, DEMO_PASSWORD } from './pages/app-pages';
import { LessonPage } from './pages/lesson-page';
import { ReportsPage } from './pages/senco-pages';
import { GroupPage, MySessionsPage, PT_GROUP, RegisterPage, WeekPage } from './pages/session-pages';
import { startOwnServer, type OwnServer } from './own-server';

const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 9;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });
test.describe.configure({ mode: process.env.A11Y_ONLY ? 'default' : 'serial' });

const SHOTS = 'test-results/screenshots';
const FIRST_HALF_TERM = new Date('2026-10-14T10:30:00');
const TODAY = new Date('2026-11-18T10:30:00');
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };
/** A 1024x768 screen zoomed to 200%: the page has half the CSS pixels. */
const ZOOMED = { width: 512, height: 384 };

const signedIn = async (browser: Browser, email: string, at = TODAY) => {
  const context = await browser.newContext({ viewport: TABLET, locale: 'en-GB' });
  await context.clock.setFixedTime(at);
  const page = await context.newPage();
  await new SignInPage(page).signIn(email);
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  return { context, page };
};

/** The screen as a person first sees it (top of the page), at tablet and phone sizes. */
const screenshots = async (page: Page, name: string, fullPage = false) => {
  for (const size of [TABLET, PHONE]) {
    await page.setViewportSize(size);
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png`, fullPage });
  }
  await axe(page, `${name} at 390x844`);
  await expectNoSidewaysScroll(page, `${name} at 390x844`);
  await expectTapTargets(page, `${name} at 390x844`);
  await page.setViewportSize(TABLET);
};

test('before anything is recorded, every list says so plainly', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'senco@demo.school');
  for (const [path, empty] of [
    ['/ticks', 'No ticks have been recorded yet.'],
    ['/sessions', 'No intervention sessions have been logged yet.'],
    ['/attention', 'Nothing needs attention'],
    ['/senco/gaps', 'Nothing recorded in term time for this measure yet.'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByText(empty)).toBeVisible();
    await axe(page, `${path}, empty`);
  }
  await context.close();
});

test('signed out, and every screen the teacher uses, by keyboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: TABLET, locale: 'en-GB' });
  await context.clock.setFixedTime(FIRST_HALF_TERM);
  const page = await context.newPage();

  // Signing in with the keyboard alone; a wrong password first.
  await page.goto('/');
  await expect(page.getByLabel('Email')).toBeVisible();
  await axe(page, 'sign in');
  await expectVisibleFocusEverywhere(page, 'sign in');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type('teacher@demo.school');
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await axe(page, 'sign in, refused');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  const focus = new FocusChildrenPage(page);
  await expect(focus.heading()).toBeVisible();
  await expect(focus.children()).toHaveCount(6);
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  // One tick per child in the first half term (for the SENCo's gaps), by keyboard.
  const outcomes = ['Achieved', 'Not yet', 'Partly', 'Achieved', 'Not yet', 'Achieved'] as const;
  for (const [child, outcome] of outcomes.entries()) {
    const button = focus
      .children()
      .nth(child)
      .getByTestId('target')
      .first()
      .getByRole('button', { name: outcome });
    await tabTo(page, button);
    await page.keyboard.press('Space');
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }
  await axe(page, 'focus children, ticked');
  await expectVisibleFocusEverywhere(page, 'focus children');

  // Today, in the second half term: start a lesson with the keyboard.
  await context.clock.setFixedTime(TODAY);
  await page.reload();
  await expect(focus.heading()).toBeVisible();
  await tabTo(
    page,
    page.getByRole('group', { name: 'Class' }).getByRole('button', { name: 'Year 3 Hazel' }),
  );
  await page.keyboard.press('Enter');
  const subjects = page.getByRole('group', { name: 'Subject', exact: true });
  await expect(subjects).toBeVisible();
  await axe(page, 'start a lesson: the subject');
  await tabTo(page, subjects.getByRole('button', { name: 'Maths' }));
  await page.keyboard.press('Enter');
  const lesson = new LessonPage(page);
  await expect(lesson.heading()).toHaveText('Maths · Year 3 Hazel');
  await expect(lesson.targets()).toHaveCount(18);
  const ids = await lesson.targetIds();

  // A tick, a note, an undo and a hide, by keyboard: the focus is never lost.
  const first = lesson.target(ids[0]!);
  await tabTo(page, first.getByRole('button', { name: 'Partly', exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, first.getByRole('button', { name: 'Add note' }));
  await page.keyboard.press('Enter');
  await expect(lesson.noteField(ids[0]!)).toBeFocused();
  await page.keyboard.type('Used the number line');
  await tabTo(page, first.getByRole('button', { name: 'Save note' }));
  await page.keyboard.press('Enter');
  await expect(first.getByRole('button', { name: 'Edit note' })).toBeFocused();
  await expect(first.getByText('Note: Used the number line')).toBeVisible();
  const second = lesson.target(ids[1]!);
  await tabTo(page, second.getByRole('button', { name: 'Achieved', exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, second.getByRole('button', { name: 'Undo' }));
  await page.keyboard.press('Enter');
  await expect(second.getByRole('button', { name: 'Achieved', exact: true })).toBeFocused();
  await expect(second.getByTestId('tick-state')).toHaveText('Not ticked yet');
  await tabTo(
    page,
    lesson.target(ids[2]!).getByRole('button', { name: /^Hide for this lesson: / }),
  );
  await page.keyboard.press('Enter');
  // The keyboard lands on Undo, beside where the target was.
  await expect(page.getByRole('button', { name: /^Undo: show / })).toBeFocused();
  await expect(page.getByText('1 hidden target')).toBeVisible();
  await expect(lesson.targets()).toHaveCount(17);

  // The rest by tapping, as a teacher would.
  for (const [i, id] of ids.entries()) {
    if (i > 2 && i % 2 === 1) await lesson.tick(id, i % 4 === 1 ? 'Partly' : 'Achieved');
  }
  await lesson.support(ids[3]!, 'Prompted');
  await lesson.openNote(ids[5]!);
  await axe(page, 'lesson, a note open');
  await lesson.target(ids[5]!).getByRole('button', { name: 'Cancel' }).click();
  await expect(lesson.target(ids[5]!).getByRole('button', { name: 'Add note' })).toBeFocused();
  await expectVisibleFocusEverywhere(page, 'lesson');
  await screenshots(page, 'lesson-in-progress');
  await page.getByRole('button', { name: 'End lesson' }).focus();
  await page.keyboard.press('Enter');
  await expect(lesson.heading()).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Lesson ended' })).toBeVisible();
  await axe(page, 'lesson, ended');

  // The class's focus children.
  await page.goto('/');
  await page.getByRole('link', { name: 'Focus children in Year 3 Hazel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Year 3 Hazel');
  await axe(page, 'focus children in a class');

  // A child's page: passport, plan tree, history.
  await page.goto('/');
  const name = (await focus.children().first().getByRole('heading').innerText()).trim();
  await focus.children().first().getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('history-item').first()).toBeVisible();
  await page.getByTestId('tree-target').first().locator('summary').click();
  await axe(page, 'child');
  await page.getByLabel('What helps me').fill('A help card on the desk');
  await page.getByRole('button', { name: 'Save passport' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device.' })).toBeVisible();
  await page.getByRole('button', { name: 'New learning plan' }).click();
  await axe(page, 'child, new plan form');
  await expectVisibleFocusEverywhere(page, 'child');

  // Review.
  await page.getByRole('link', { name: 'Review this plan' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Review:/ })).toBeVisible();
  await axe(page, 'review');
  await page.getByRole('button', { name: 'Save review' }).click();
  await axe(page, 'review, refused');
  await context.close();
});

test('every screen the TA uses, the register by keyboard', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'ta@demo.school');
  const home = new MySessionsPage(page);
  await expect(home.heading()).toBeVisible();
  await axe(page, 'my sessions today');
  await expectVisibleFocusEverywhere(page, 'my sessions today');

  // The register with the keyboard alone: one child absent, unwell.
  await tabTo(page, home.logSessionLink(PT_GROUP, '09:05'));
  await page.keyboard.press('Enter');
  const register = new RegisterPage(page);
  await expect(register.children()).toHaveCount(6);
  const absent = register.children().nth(1);
  await tabTo(page, absent.getByRole('button'));
  await page.keyboard.press('Space');
  await expect(absent.getByRole('button')).toContainText('Absent');
  await tabTo(page, absent.getByRole('radio').first());
  await page.keyboard.press('Space');
  await expect(absent.getByRole('radio').first()).toBeChecked();
  await register.rate(0, 4);
  await axe(page, 'session register');
  await expectVisibleFocusEverywhere(page, 'session register');
  await register.minutes().fill('0');
  await register.saveButton().click();
  await expect(register.minutes()).toHaveAttribute('aria-invalid', 'true');
  await axe(page, 'session register, refused');
  await register.minutes().fill('10');
  await tabTo(page, register.saveButton());
  await page.keyboard.press('Enter');
  await expect(home.heading()).toBeVisible();
  // The confirmation is in a live region that was on the page before it.
  await expect(page.getByRole('status').filter({ hasText: 'saved on this device' })).toBeVisible();
  await axe(page, 'my sessions today, one logged');

  // Entry and exit scores for the group (the SENCo's impact report).
  await home.openGroup(PT_GROUP);
  const group = new GroupPage(page);
  const names = await group.children().getByRole('heading').allTextContents();
  await group.chooseScore('Entry');
  await page.getByLabel('Date taken').fill('2026-10-05');
  for (const [i, child] of names.entries()) await group.scoreInput(child).fill(String(20 + i));
  await group.saveScores().click();
  await expect(page.getByText(`${names.length} entry scores saved on this device.`)).toBeVisible();
  await group.chooseScore('Exit');
  await page.getByLabel('Date taken').fill('2026-11-18');
  for (const [i, child] of names.entries()) await group.scoreInput(child).fill(String(30 + 2 * i));
  await group.saveScores().click();
  await expect(page.getByText(`${names.length} exit scores saved on this device.`)).toBeVisible();
  await axe(page, 'group and scores');
  await expectVisibleFocusEverywhere(page, 'group and scores');

  const week = new WeekPage(page);
  await week.open();
  await axe(page, 'my week');
  await new FocusChildrenPage(page).open();
  await axe(page, 'focus children (TA)');
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await context.close();
});

test('every SENCo screen', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'senco@demo.school');
  await axe(page, 'all focus children (SENCo)');
  const reports = new ReportsPage(page);
  await reports.open('This week');
  await reports.expectHeading(/This week/);
  await expect(page.getByTestId('group-row')).toHaveCount(2);
  await axe(page, 'this week');
  await expectVisibleFocusEverywhere(page, 'this week');
  await screenshots(page, 'this-week', true);
  // A report's CSV says it is being made, then what was saved.
  await reports.download(page.getByRole('button', { name: 'Download CSV' }));
  await expect(
    page.getByRole('status').filter({ hasText: /^Downloaded this-week-/ }),
  ).toBeVisible();

  await reports.open('Provision map');
  await reports.expectHeading(/Provision map/);
  await axe(page, 'provision map');
  await reports.open('Impact');
  await reports.expectHeading(/Impact of provision/);
  await expect(reports.impactRow('Precision Teaching')).toBeVisible();
  await axe(page, 'impact');
  // The children behind a line, opened, so their table is laid out too.
  await reports.impactRow('Precision Teaching').getByRole('button').first().click();
  await expect(page.getByTestId('impact-children').first()).toBeVisible();
  await page.setViewportSize(PHONE);
  await expectTablesFit(page, 'impact at 390x844');
  await screenshots(page, 'impact', true);
  await reports.open('Gaps');
  await reports.expectHeading(/Gap analysis/);
  // The drill-down, by keyboard.
  await tabTo(page, page.getByTestId('gap-row').first().getByRole('button').first());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gap-children')).toBeVisible();
  await axe(page, 'gaps, drill-down');
  await expectVisibleFocusEverywhere(page, 'gaps');
  await page.setViewportSize(PHONE);
  await expectTablesFit(page, 'gaps at 390x844');
  await screenshots(page, 'gaps', true);
  await page.getByTestId('gap-children').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await axe(page, 'child record (reports)');

  await reports.open('Import');
  await reports.expectHeading(/Import/);
  await axe(page, 'import');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'children.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'UPN,Legal Forename,Legal Surname,Reg Group,Year,Date of Birth,SEN Status\n' +
        'A123456789012,Ada,Lovelace,Year 3 Hazel,3,2017-05-01,K\n' +
        'A123456789013,Alan,Turing,Year 3 Hazel,3,2017-06-01,N\n',
    ),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await axe(page, 'import, columns and preview');
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByTestId('import-plan').or(page.getByTestId('import-errors'))).toBeVisible();
  await axe(page, 'import, checked');

  await reports.open('Export');
  await reports.expectHeading(/Export/);
  await axe(page, 'export');
  await reports.download(page.getByRole('button', { name: 'Export the whole school (JSON)' }));
  await expect(
    page.getByRole('status').filter({ hasText: /^Downloaded send-record-school-.*\(\d+ KB\)/ }),
  ).toBeVisible();

  for (const link of [
    'Ticks recorded',
    'Sessions logged',
    'Provision library',
    'Devices and staff',
    'Audit log',
    'Child records',
  ]) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: link })).toBeVisible();
    await axe(page, link);
  }
  await page.getByLabel('Child', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Show full record' }).click();
  await expect(page.getByRole('heading', { name: /Full record:/ })).toBeVisible();
  await axe(page, 'child records, full record');
  await page.goto('/attention');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await axe(page, 'needs attention');

  // Intervention groups: the list, a new group refused, and changing one.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Groups' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible();
  await axe(page, 'groups');
  await page.getByRole('link', { name: 'New group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New group' })).toBeVisible();
  await axe(page, 'new group');
  await page.getByRole('button', { name: /Save/ }).first().click();
  await axe(page, 'new group, refused');
  await page.goBack();
  await page
    .getByRole('link', { name: /^Change/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /^Change / })).toBeVisible();
  await axe(page, 'change group');

  // This tablet: the PIN lock, and the locked screen itself.
  await page.getByRole('link', { name: 'This tablet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lock this tablet' })).toBeVisible();
  await axe(page, 'this tablet');
  await page.getByLabel('PIN', { exact: true }).fill('2468');
  await page.getByLabel('The same PIN again').fill('2468');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await page.getByRole('button', { name: 'Lock now' }).click();
  const locked = page.getByRole('dialog', { name: 'This tablet is locked' });
  await expect(locked).toBeVisible();
  await axe(page, 'locked tablet');
  await locked.getByRole('button', { name: 'Use my password instead' }).click();
  await axe(page, 'locked tablet, password');
  await context.close();
});

test('at 200% zoom every main screen reflows to the window, with no serious violation', async ({
  browser,
}) => {
  const check = async (page: Page, screenName: string) => {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, `${screenName} at 200%`);
    await axe(page, `${screenName} at 200%`);
  };
  const signedOut = await browser.newContext({ viewport: ZOOMED });
  const signInPage = await signedOut.newPage();
  await signInPage.goto('/');
  await check(signInPage, 'sign in');
  await signedOut.close();

  const teacher = await signedIn(browser, 'teacher@demo.school');
  const page = teacher.page;
  await page.setViewportSize(ZOOMED);
  await check(page, 'focus children');
  await new LessonPage(page).start('Year 3 Hazel', 'English');
  await check(page, 'lesson');
  await page.goto('/');
  await new FocusChildrenPage(page)
    .children()
    .first()
    .getByRole('heading')
    .getByRole('link')
    .click();
  await check(page, 'child');
  await teacher.context.close();

  const ta = await signedIn(browser, 'ta@demo.school');
  await ta.page.setViewportSize(ZOOMED);
  await check(ta.page, 'my sessions today');
  await new MySessionsPage(ta.page).unscheduledLink(PT_GROUP).click();
  await check(ta.page, 'session register');
  await ta.context.close();

  const senco = await signedIn(browser, 'senco@demo.school');
  await senco.page.setViewportSize(ZOOMED);
  const reports = new ReportsPage(senco.page);
  for (const report of ['This week', 'Provision map', 'Impact', 'Gaps', 'Import'] as const) {
    await reports.open(report);
    await check(senco.page, report);
  }
  for (const path of [
    '/ticks',
    '/devices',
    '/audit',
    '/child-records',
    '/provisions',
    '/calendar',
  ]) {
    await senco.page.goto(path);
    await check(senco.page, path);
  }
  await senco.context.close();
});

test('with reduced motion asked for, nothing on screen moves', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'teacher@demo.school');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const moving = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('*')]
        .filter((element) => {
          const style = getComputedStyle(element);
          const seconds = (value: string) => Math.max(...value.split(',').map(parseFloat));
          return (
            style.animationName !== 'none' ||
            seconds(style.transitionDuration) > 0 ||
            style.scrollBehavior === 'smooth'
          );
        })
        .map((element) => element.tagName.toLowerCase() + '.' + element.className),
    );
  expect(await moving()).toEqual([]);
  await new LessonPage(page).start('Year 3 Hazel', 'Science');
  await page.getByRole('button', { name: 'Achieved', exact: true }).first().click();
  expect(await moving()).toEqual([]);
  await context.close();
});

test('where the browser offers to install, a quiet button installs the app', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: TABLET });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByLabel('Email')).toBeVisible();
  const install = page.getByRole('button', { name: 'Install the app' });
  await expect(install).toHaveCount(0);

  // What Chromium does when the app may be installed: fire beforeinstallprompt.
  const offer = (outcome: 'accepted' | 'dismissed') =>
    page.evaluate((answer) => {
      const w = window as unknown as { prompts: number; offerPrevented: boolean };
      w.prompts = 0;
      const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => {
          w.prompts += 1;
        },
        userChoice: Promise.resolve({ outcome: answer, platform: 'web' }),
      });
      window.dispatchEvent(event);
      w.offerPrevented = event.defaultPrevented;
    }, outcome);
  const prompts = () => page.evaluate(() => (window as unknown as { prompts: number }).prompts);

  await offer('dismissed');
  await expect(install).toBeVisible();
  // The browser's own banner is held back: the app's button is the quiet way in.
  expect(
    await page.evaluate(() => (window as unknown as { offerPrevented: boolean }).offerPrevented),
  ).toBe(true);
  await axe(page, 'sign in, install offered');
  await install.click();
  expect(await prompts()).toBe(1);
  // An offer is used once: the button goes until the browser makes another.
  await expect(install).toHaveCount(0);

  await new SignInPage(page).signIn('teacher@demo.school');
  await expect(page.getByRole('heading', { level: 1, name: /focus children/ })).toBeVisible();
  await offer('accepted');
  const inHeader = page.getByRole('banner').getByRole('button', { name: 'Install the app' });
  await expect(inHeader).toBeVisible();
  await axe(page, 'focus children, install offered');
  await tabTo(page, inHeader);
  await page.keyboard.press('Enter');
  expect(await prompts()).toBe(1);
  await expect(inHeader).toHaveCount(0);

  // Installed some other way (the browser's menu): the offer is withdrawn.
  await offer('accepted');
  await expect(inHeader).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await expect(inHeader).toHaveCount(0);
  await context.close();
});
