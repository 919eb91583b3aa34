/**
 * Two adults in one room: the teacher in a lesson on one tablet and the TA
 * on another tick the same child's targets while both are offline. Once
 * both reconnect, both tablets and the SENCo hold the same record, with
 * every tick kept (ticks are events: neither overwrites the other).
 */
import { expect, test, type Page } from '@playwright/test';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import { LessonPage } from './pages/lesson-page';

const ready = async (page: Page) => {
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
};

const historyOf = async (page: Page, childId: string): Promise<string[]> => {
  await page.goto(`/child/${childId}`);
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  return page.getByTestId('history-item').allInnerTexts();
};

test('a teacher and a TA tick the same child offline on two tablets, and everyone converges', async ({
  browser,
}) => {
  const teacher = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const ta = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const teacherPage = await teacher.newPage();
  const taPage = await ta.newPage();
  await new SignInPage(teacherPage).signIn('teacher@demo.school');
  await new SignInPage(taPage).signIn('ta@demo.school');
  await ready(teacherPage);
  await ready(taPage);
  // The TA's home is her sessions; the focus children are one tap away.
  await new FocusChildrenPage(taPage).open();

  await teacher.setOffline(true);
  await ta.setOffline(true);

  // The teacher starts a lesson and ticks the first child's first target.
  const lesson = new LessonPage(teacherPage);
  await lesson.start('Year 3 Hazel', 'English');
  const firstChild = lesson.children().first();
  const childName = (await firstChild.getByRole('heading', { level: 2 }).innerText()).trim();
  const childHref = await firstChild.getByRole('link', { name: childName }).getAttribute('href');
  const childId = childHref!.split('/').pop()!;
  const [targetId] = await lesson.targetIds();
  const targetText = await lesson.targetText(targetId!);
  await lesson.tick(targetId!, 'Achieved');
  await lesson.support(targetId!, 'Independent');

  // The TA, on the home screen of another tablet, ticks the same target and one more.
  const card = taPage.getByRole('article', { name: childName });
  await expect(card).toBeVisible();
  const same = card.getByRole('group', { name: targetText });
  await same.getByRole('button', { name: 'Partly', exact: true }).click();
  await expect(same.getByRole('button', { name: 'Partly', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const another = card.getByTestId('target').filter({ hasNotText: targetText }).first();
  await another.getByRole('button', { name: 'Not yet', exact: true }).click();
  await expect(another.getByRole('button', { name: 'Not yet', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(taPage.getByText('2 changes waiting to sync')).toBeVisible();

  // Both reconnect; each pushes, then pulls what the other sent.
  await teacher.setOffline(false);
  await ta.setOffline(false);
  await ready(teacherPage);
  await ready(taPage);
  await teacherPage.getByRole('button', { name: 'Sync now' }).click();
  await ready(teacherPage);

  // In the lesson, the TA's tick shows beside the teacher's, and the teacher's stands.
  await expect(lesson.target(targetId!).getByTestId('other-tick')).toContainText(
    'Alex Morgan: Partly',
  );
  await expect(lesson.pressedOutcome(targetId!)).toHaveText(/Achieved/);

  // The SENCo signs in on a third device.
  const senco = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const sencoPage = await senco.newPage();
  await new SignInPage(sencoPage).signIn('senco@demo.school');
  await ready(sencoPage);

  const fromTeacher = await historyOf(teacherPage, childId);
  await taPage.getByRole('button', { name: 'Sync now' }).click();
  await ready(taPage);
  const fromTa = await historyOf(taPage, childId);
  const fromSenco = await historyOf(sencoPage, childId);
  // Newest first; earlier tests may have left older ticks below these four.
  // The teacher's support tap was a correction of their own tick: kept, marked as changed.
  const latest = fromTeacher.slice(0, 4);
  expect(latest.filter((line) => line.includes(targetText))).toHaveLength(3);
  expect(latest.filter((line) => line.includes('(changed later)'))).toHaveLength(1);
  expect(latest.filter((line) => line.includes('Alex Morgan'))).toHaveLength(2);
  const standing = latest.filter((line) => !line.includes('(changed later)'));
  expect(standing.some((line) => /Achieved · independent · Jo Hughes/.test(line))).toBe(true);
  expect(standing.some((line) => line.includes(`${targetText}: Partly · Alex Morgan`))).toBe(true);
  expect(standing.some((line) => /Not yet · Alex Morgan/.test(line))).toBe(true);
  expect(fromTa).toEqual(fromTeacher);
  expect(fromSenco).toEqual(fromTeacher);

  await teacherPage.screenshot({ path: 'test-results/screenshots/child-1024x768.png' });
  await teacherPage.screenshot({
    path: 'test-results/screenshots/child-full-1024.png',
    fullPage: true,
  });
  await teacherPage.setViewportSize({ width: 390, height: 844 });
  await teacherPage.screenshot({ path: 'test-results/screenshots/child-390x844.png' });
  for (const width of [390, 768, 1024]) {
    await teacherPage.setViewportSize({ width, height: width === 768 ? 1024 : 768 });
    expect(
      await teacherPage.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(width);
  }
  await teacher.close();
  await ta.close();
  await senco.close();
});
