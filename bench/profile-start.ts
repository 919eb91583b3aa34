/**
 * `npm run bench:profile-start`: a CPU profile of the teacher's cold offline
 * start (the cold-start benchmark: service worker serving, CPU 4x slower),
 * summarised by bench/profile-summary.ts, to see where the time to the first
 * tappable target goes.
 */
import { writeFileSync } from 'node:fs';
import { profileAsOfflineTeacher, waitForTappableTarget } from './browser-benches';

const dir = '.tmp/prof-start';
await profileAsOfflineTeacher(dir, async (context, url) => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'commit' });
  await waitForTappableTarget(page);
  const ms = await page.evaluate(() => performance.now());
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`${dir}/start.cpuprofile`, JSON.stringify(profile));
  console.log(`cold offline start, CPU 4x slower: ${Math.round(ms)} ms to a tappable target`);
});
