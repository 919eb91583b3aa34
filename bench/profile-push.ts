/**
 * Profiles the batched push of 10 000 ticks through the real server in this
 * process: `npm run bench:profile` writes a V8 CPU profile of the pushes
 * alone (not start-up, migrations or the demo seed) to .tmp/prof, then
 * summarises it with bench/profile-summary.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { newId } from '../src/domain';
import {
  push,
  signIn,
  startServer,
  teacherTargets,
  tempSqliteConfig,
  tickMutations,
} from './support';

const OUT_DIR = '.tmp/prof';

const db = tempSqliteConfig();
const server = await startServer(db.config);
const deviceId = newId();
const token = await signIn(server.url, 'teacher@demo.school', deviceId);
const mutations = tickMutations(10_000, deviceId, await teacherTargets(server.url, token));
const session = new Session();
session.connect();
await session.post('Profiler.enable');
// Every 100 µs (V8's default is 1 ms): a finer picture of a 1-2 s run.
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < mutations.length; i += 500)
  await push(server.url, token, deviceId, mutations.slice(i, i + 500));
const ms = performance.now() - started;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/push.cpuprofile`, JSON.stringify(profile));
console.log(`pushed 10 000 ticks in ${ms.toFixed(0)} ms (profile: ${OUT_DIR}/push.cpuprofile)`);
await server.close();
db.cleanup();
