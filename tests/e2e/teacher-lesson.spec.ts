/**
 * A whole lesson offline: the teacher starts it in two taps, records an
 * outcome for every target of every focus child (some with support and a
 * note), changes two, ends the lesson and reloads, all without a network.
 * Back online, the SENCo sees exactly the final outcomes and every change.
 */
import { expect, test } from '@playwright/test';
import { SignInPage, TicksPage } from './pages/app-pages';
import { LessonPage, type OutcomeName } from './pages/lesson-page';

const OUTCOMES: OutcomeName[] = ['Achieved', 'Partly', 'Not yet', 'Absent'];

type Expected = { text: string; outcome: OutcomeName; support?: string; note?: string };

test('a lesson of 18 ticks made offline survives a reload and reaches the SENCo as recorded', async ({
  browser,
}) => {
  const teacher = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  let page = await teacher.newPage();
  await new SignInPage(page).signIn('teacher@demo.school');
  await expect(page.getByText('All changes synced')).toBeVisible();
  await expect(page.getByTestId('focus-child')).toHaveCount(6);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // Offline from here to the end of the lesson.
  await teacher.setOffline(true);
  await page.reload();
  const lesson = new LessonPage(page);
  await lesson.start('Year 3 Hazel', 'Maths');
  await expect(lesson.children()).toHaveCount(6);
  await expect(lesson.targets()).toHaveCount(18);
  for (let child = 0; child < 6; child++) {
    await expect(lesson.children().nth(child).getByTestId('lesson-target')).toHaveCount(3);
  }

  const ids = await lesson.targetIds();
  const expected = new Map<string, Expected>();
  let events = 0;
  for (const [i, id] of ids.entries()) {
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    await lesson.tick(id, outcome);
    events++;
    const entry: Expected = { text: await lesson.targetText(id), outcome };
    if (i % 3 === 0 && outcome !== 'Absent') {
      await lesson.support(id, 'Prompted');
      entry.support = 'Prompted';
      events++;
    }
    if (i % 5 === 0) {
      await lesson.note(id, `Needed the number line (${i})`);
      entry.note = `Needed the number line (${i})`;
      events++;
    }
    expected.set(id, entry);
  }

  // Two mistakes put right: each is a new tick superseding the first.
  const changed = [ids[1]!, ids[6]!];
  await lesson.tick(changed[0]!, 'Achieved');
  expected.get(changed[0]!)!.outcome = 'Achieved';
  await lesson.tick(changed[1]!, 'Absent');
  // Support means nothing for a child who was absent, so it is dropped.
  expected.get(changed[1]!)!.outcome = 'Absent';
  delete expected.get(changed[1]!)!.support;
  events += 2;
  await expect(page.getByText(`${events + 1} changes waiting to sync`)).toBeVisible();

  // A note of 100 000 characters is refused beside the field, and nothing is written.
  await lesson.openNote(ids[2]!);
  await lesson.noteField(ids[2]!).fill('x'.repeat(100_000));
  await lesson.target(ids[2]!).getByRole('button', { name: 'Save note' }).click();
  await expect(
    lesson.target(ids[2]!).getByText('Keep a note under 1,000 characters'),
  ).toBeVisible();
  await expect(lesson.noteField(ids[2]!)).toHaveAttribute('aria-invalid', 'true');
  await lesson.target(ids[2]!).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(`${events + 1} changes waiting to sync`)).toBeVisible();

  await lesson.end();
  await page.screenshot({ path: 'test-results/screenshots/lesson-1024x768.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/lesson-390x844.png' });
  await page.setViewportSize({ width: 768, height: 1024 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await page.setViewportSize({ width: 1024, height: 768 });

  // Reload, still offline: everything is there, exactly as recorded.
  const url = page.url();
  await page.close();
  page = await teacher.newPage();
  await page.goto(url);
  const again = new LessonPage(page);
  await expect(page.getByText('Lesson ended')).toBeVisible();
  await expect(again.targets()).toHaveCount(18);
  for (const [id, entry] of expected) {
    await expect(again.pressedOutcome(id)).toHaveText(new RegExp(entry.outcome));
    if (entry.support) await expect(again.pressedSupport(id)).toHaveText(/Prompted/);
    else await expect(again.pressedSupport(id)).toHaveCount(0);
    if (entry.note) await expect(again.target(id).getByText(`Note: ${entry.note}`)).toBeVisible();
  }
  // events ticks + the lesson itself (one new record, then ended: two patches).
  await expect(page.getByText(`${events + 2} changes waiting to sync`)).toBeVisible();

  // Back online: the app syncs by itself.
  await teacher.setOffline(false);
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });

  // The SENCo sees every tick event once, and exactly the final outcomes as current.
  const senco = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const sencoPage = await senco.newPage();
  await new SignInPage(sencoPage).signIn('senco@demo.school');
  const lessonId = url.split('/').pop()!;
  const ticks = new TicksPage(sencoPage);
  await ticks.open();
  // Only this lesson's ticks: other tests may have ticked today too.
  const rows = ticks.rows().and(sencoPage.locator(`[data-lesson-id="${lessonId}"]`));
  await expect(rows).toHaveCount(events, { timeout: 45_000 });
  const current = rows.filter({
    has: sencoPage.getByTestId('tick-status').getByText('Current', { exact: true }),
  });
  await expect(current).toHaveCount(18);
  await expect(
    rows.filter({
      has: sencoPage.getByTestId('tick-status').getByText('Changed', { exact: true }),
    }),
  ).toHaveCount(events - 18);
  for (const entry of expected.values()) {
    const row = current.filter({ hasText: entry.text });
    await expect(row).toHaveCount(1);
    const outcomeCell = row.locator('td').nth(3);
    await expect(outcomeCell).toContainText(entry.outcome);
    if (entry.support) await expect(outcomeCell).toContainText('prompted');
    if (entry.note) await expect(outcomeCell).toContainText(entry.note);
  }
  // The two corrections keep what was first recorded in the history.
  const first = rows.filter({ hasText: expected.get(changed[0]!)!.text });
  await expect(first).toHaveCount(2);
  await expect(first.filter({ hasText: 'Changed' })).toContainText('Partly');
  const second = rows.filter({ hasText: expected.get(changed[1]!)!.text });
  await expect(second).toHaveCount(3);
  await expect(second.filter({ hasText: 'Changed' })).toHaveCount(2);
  await expect(second.filter({ hasText: 'Current' })).toContainText('Absent');
  await teacher.close();
  await senco.close();
});
