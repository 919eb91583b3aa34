/**
 * `npm run bench:profile-pull`: a CPU profile of the page while a SENCo
 * device applies 100 000 pulled changes into IndexedDB (the pull-and-apply
 * benchmark), summarised by bench/profile-summary.ts. IndexedDB does its
 * writing outside the page's JavaScript, so time the page spends waiting on
 * it shows as "(idle)" and "(program)", and the app's own share is the rest.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launchBrowser, startBenchPage } from './browser-benches';

const count = Number(process.env.PULL_COUNT ?? 100_000);
const dir = '.tmp/prof-pull';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const browser = await launchBrowser();
const { url, server } = await startBenchPage({ minify: false });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in globalThis);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await page.evaluate(
    (n) =>
      (
        globalThis as unknown as {
          bench: { pullAndApply(n: number): Promise<{ ms: number; stored: number }> };
        }
      ).bench.pullAndApply(n),
    count,
  );
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`${dir}/pull.cpuprofile`, JSON.stringify(profile));
  console.log(
    `pull and apply: ${result.stored} records stored of ${count} in ${Math.round(result.ms)} ms (${Math.round((count / result.ms) * 1000)} records/s, unminified)`,
  );
} finally {
  await browser.close();
  server.close();
}
