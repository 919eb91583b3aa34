/**
 * Profiles the batched push of 10 000 ticks through the real server in this
 * process: run with `npx tsx --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile-push.ts`,
 * then summarise with `npx tsx bench/profile-summary.ts .tmp/prof`.
 */
import { newId } from '../src/domain';
import {
  push,
  signIn,
  startServer,
  teacherTargets,
  tempSqliteConfig,
  tickMutations,
} from './support';

const db = tempSqliteConfig();
const server = await startServer(db.config);
const deviceId = newId();
const token = await signIn(server.url, 'teacher@demo.school', deviceId);
const mutations = tickMutations(10_000, deviceId, await teacherTargets(server.url, token));
const started = performance.now();
for (let i = 0; i < mutations.length; i += 500)
  await push(server.url, token, deviceId, mutations.slice(i, i + 500));
console.log(`pushed 10 000 ticks in ${(performance.now() - started).toFixed(0)} ms`);
await server.close();
db.cleanup();
