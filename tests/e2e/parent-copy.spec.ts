/**
 * The parent copy printed to PDF in a real Chromium: one A4 page, the
 * school's name and the date, the comments captured at the meeting, and no
 * ids, codes or JSON in its text. Screenshots of the parent copy and of the
 * annual review pack at tablet and phone sizes.
 */
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/app-pages';
import { startOwnServer, type OwnServer } from './own-server';

const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 16;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const SHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/**
 * Census and register codes as stored: none may reach a parent. ("Section E"
 * of an EHC plan is the plan's own wording, written by the school in the
 * demo's outcome text, not the census status code E.)
 */
const CODES =
  /(?<!Section )\b(SEMH|SLCN|SPLD|MLD|ASD|NSA|OTH|K|E|sen_support|ehcp_outcome|semh|communication_interaction|not_yet|carry_over)\b/;

const shots = async (page: Page, name: string) => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize(SIZES[0]!);
};

test('the parent copy prints on one side of A4 in plain words; the annual review pack prints', async ({
  page,
}) => {
  await page.setViewportSize(SIZES[0]!);
  await new SignInPage(page).signIn('senco@demo.school');
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  // The demo's child with an EHCP for autism.
  await page.goto('/focus-children');
  const card = page.getByTestId('focus-child').filter({ hasText: 'EHCP for autism' });
  await card.getByRole('link').first().click();
  const childUrl = new URL(page.url()).pathname;
  expect(childUrl).toMatch(/^\/child\//);

  await page.getByRole('link', { name: 'Parent copy of the plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /learning plan$/ })).toBeVisible();
  await page.getByLabel('What the child said').fill('I like the timer. Lunchtime is noisy.');
  await page
    .getByLabel('What the parents or carers said')
    .fill('Mornings at home go better with the same picture timetable.');
  await page.getByRole('button', { name: 'Save comments' }).click();
  await expect(page.getByText('Saved on this device.')).toBeVisible();
  await expect(page.getByText('Lunchtime is noisy.').first()).toBeVisible();
  await shots(page, 'parent-copy');

  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.screenshot({ path: `${SHOTS}/parent-copy-print.png`, fullPage: true });
  await page.setViewportSize(SIZES[0]!);
  const printed = await page.locator('main').innerText();
  expect(printed).toContain('Oakfield Primary School');
  expect(printed).toMatch(
    /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
  );
  expect(printed).toContain('What we said at the meeting');
  expect(printed).toContain('Lunchtime is noisy.');
  expect(printed).not.toMatch(UUID);
  expect(printed).not.toMatch(CODES);
  expect(printed).not.toMatch(/[{}[\]]|"\w+":/);
  // The form to capture comments is for the screen only.
  expect(printed).not.toContain('Save comments');

  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    path: `${SHOTS}/parent-copy.pdf`,
  });
  await page.emulateMedia({ media: 'screen' });
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);

  await page.goto(`${childUrl}/annual-review`);
  await expect(page.getByRole('heading', { level: 1, name: /^Annual review:/ })).toBeVisible();
  await expect(page.getByTestId('pack-outcome').first()).toBeVisible();
  await expect(page.getByText('I like the timer. Lunchtime is noisy.')).toBeVisible();
  await shots(page, 'annual-review-pack');
  await page.emulateMedia({ media: 'print' });
  const pack = await page.locator('main').innerText();
  expect(pack).not.toMatch(UUID);
  expect(pack).not.toContain('Save views');
  const packPdf = await page.pdf({ format: 'A4', path: `${SHOTS}/annual-review-pack.pdf` });
  expect(packPdf.toString('latin1').startsWith('%PDF-')).toBe(true);
});
