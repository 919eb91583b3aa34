/**
 * The web manifest's screenshots (public/screenshots/), taken from the real
 * app on the demo school in the system Chromium: a teacher's focus children
 * on a phone (narrow) and the SENCo's week on a tablet (wide). Browsers show
 * them in the richer install dialog. Run with `npm run screenshots` after
 * `npm run build:client`; each PNG is reduced to a palette so it stays small.
 */
import { mkdirSync } from 'node:fs';
import { chromium, expect, type Browser } from '@playwright/test';
import sharp from 'sharp';
import { startServer, tempSqliteConfig, PASSWORD } from '../bench/support';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/chromium';

const OUT = 'public/screenshots';
/** A school day in the demo school's year, so the screens have a day's work on them. */
const SCHOOL_DAY = new Date('2026-11-18T10:30:00');

type Shot = {
  file: string;
  email: string;
  viewport: { width: number; height: number };
  path: string;
  /** What must be on the screen before it is taken. */
  ready: string;
};

export const SHOTS: Shot[] = [
  {
    file: 'narrow-focus-children.png',
    email: 'teacher@demo.school',
    viewport: { width: 390, height: 844 },
    path: '/',
    ready: '[data-testid="focus-child"]',
  },
  {
    file: 'wide-senco-week.png',
    email: 'senco@demo.school',
    viewport: { width: 1024, height: 768 },
    path: '/senco/this-week',
    ready: 'h1',
  },
];

const take = async (browser: Browser, url: string, shot: Shot) => {
  const context = await browser.newContext({
    baseURL: url,
    viewport: shot.viewport,
    locale: 'en-GB',
    deviceScaleFactor: 1,
  });
  await context.clock.setFixedTime(SCHOOL_DAY);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(shot.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 60_000 });
  await page.goto(shot.path);
  await expect(page.locator(shot.ready).first()).toBeVisible({ timeout: 30_000 });
  // Let the service worker's "ready" and any late layout settle.
  await page.waitForTimeout(1_000);
  const png = await page.screenshot();
  await sharp(png)
    .png({ palette: true, quality: 80, compressionLevel: 9 })
    .toFile(`${OUT}/${shot.file}`);
  await context.close();
};

const main = async () => {
  mkdirSync(OUT, { recursive: true });
  const db = tempSqliteConfig();
  const server = await startServer(db.config, { staticDir: 'dist/client' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    for (const shot of SHOTS) {
      await take(browser, server.url, shot);
      console.log(`${OUT}/${shot.file}`);
    }
  } finally {
    await browser.close();
    await server.close();
    db.cleanup();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
