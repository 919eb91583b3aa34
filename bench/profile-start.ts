/**
 * `npm run bench:profile-start`: a CPU profile of the teacher's cold offline
 * start (the cold-start benchmark: service worker serving, CPU 4x slower),
 * summarised by bench/profile-summary.ts, to see where the time to the first
 * tappable target goes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launchBrowser } from './browser-benches';
import { startServer, tempSqliteConfig } from './support';

const dir = '.tmp/prof-start';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const browser = await launchBrowser();
const db = tempSqliteConfig();
const server = await startServer(db.config, { staticDir: 'dist/client' });
try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const first = await context.newPage();
  await first.goto(server.url);
  await first.getByLabel('Email').fill('teacher@demo.school');
  await first.getByLabel('Password').fill('demo-password');
  await first.getByRole('button', { name: 'Sign in' }).click();
  await first.getByText('All changes synced').waitFor();
  await first.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await first.close();
  await context.setOffline(true);

  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const button = document.querySelector('[data-testid="target"] button');
      return !!button && !(button as HTMLButtonElement).disabled;
    },
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  const ms = await page.evaluate(() => performance.now());
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`${dir}/start.cpuprofile`, JSON.stringify(profile));
  console.log(`cold offline start, CPU 4x slower: ${Math.round(ms)} ms to a tappable target`);
} finally {
  await browser.close();
  await server.close();
  db.cleanup();
}
