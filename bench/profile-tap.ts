/**
 * `npm run bench:profile-tap`: where a tap on the teacher's focus children
 * spends its time, CPU 4x slower as in the tap benchmark. Writes a V8 CPU
 * profile of up to 20 taps (one per target offered) (summarised by bench/profile-summary.ts) and prints, per
 * tap, the browser's own Event Timing figures for pointerdown and click: when
 * each started, how long its handlers ran, and when the next frame was
 * painted. Set PROFILE_CLIENT_DIR to an unminified build
 * (`npx vite build --minify false --outDir .tmp/client-unmin`) to keep names.
 */
import { writeFileSync } from 'node:fs';
import { profileAsOfflineTeacher, waitForTappableTarget } from './browser-benches';

type Timing = { name: string; start: number; processing: number; duration: number };

const dir = '.tmp/prof-tap';
await profileAsOfflineTeacher(dir, async (context, url) => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await waitForTappableTarget(page);
  await page.evaluate(() => {
    const win = window as unknown as { timings: Timing[] };
    win.timings = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        win.timings.push({
          name: entry.name,
          start: entry.startTime,
          processing: entry.processingEnd - entry.processingStart,
          duration: entry.duration,
        });
      }
    }).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  // Up to 20 taps, one per target offered (termly steps only: 18 in the demo).
  const tapCount = Math.min(20, await page.locator('[data-testid="target"]').count());
  for (let i = 0; i < tapCount; i++) {
    const button = page
      .locator('[data-testid="target"]')
      .nth(i)
      .getByRole('button', { name: i % 2 ? 'Partly' : 'Achieved' });
    await button.click();
    await page.waitForFunction(
      (index) => {
        const target = document.querySelectorAll('[data-testid="target"]')[index];
        return !!target?.querySelector('button[aria-pressed="true"]');
      },
      i,
      { polling: 'raf' },
    );
  }
  const { profile } = await cdp.send('Profiler.stop');
  await page.waitForTimeout(500);
  writeFileSync(`${dir}/tap.cpuprofile`, JSON.stringify(profile));
  const timings = await page.evaluate(() => (window as unknown as { timings: Timing[] }).timings);
  for (const t of timings.filter((entry) => ['pointerdown', 'click'].includes(entry.name))) {
    console.log(
      `${t.name.padEnd(12)} at ${t.start.toFixed(0).padStart(7)} ms: handlers ${t.processing.toFixed(1).padStart(6)} ms, to next paint ${t.duration.toFixed(0).padStart(4)} ms`,
    );
  }
});
