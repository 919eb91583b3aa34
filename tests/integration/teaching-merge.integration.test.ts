/**
 * Two staff edit the same learning plan, target and passport on two devices
 * while offline. Through the real client commands and sync engine against
 * the real server: each field keeps the latest edit, a field both changed
 * keeps the later one with the other in the server's history, and both
 * devices end with the same record.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { seedDemoSchool } from '../../server/demo/seed';
import type { Db } from '../../server/db/connection';
import { listHistory } from '../../server/store/sync-store';
import { newId } from '../../src/domain';
import {
  childPage,
  createLocalStore,
  focusChildrenFor,
  saveLearningPlan,
  savePassport,
  saveTarget,
  type LocalStore,
} from '../../src/storage';
import { createSyncEngine, requestSignIn } from '../../src/sync';
import { testEngines } from './support';

type Network = { online: boolean };

const deviceFor = async (app: App, email: string, network: Network, clock: { ms: number }) => {
  const doFetch: typeof fetch = async (input, init) => {
    if (!network.online) throw new TypeError('Failed to fetch');
    return app.request(String(input), init);
  };
  const deviceId = newId();
  const signIn = await requestSignIn(
    { email, password: 'demo-password', deviceId },
    'http://test',
    doFetch,
  );
  const store: LocalStore = createLocalStore({
    deviceId,
    dbName: `merge-${deviceId}`,
    now: () => clock.ms,
  });
  const engine = createSyncEngine({
    store,
    getToken: async () => signIn.token,
    baseUrl: 'http://test',
    fetch: doFetch,
  });
  return { store, engine, staff: signIn.staff };
};

describe.each(testEngines())('edits by two staff merge field by field on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: App;

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: 'demo-password' });
    app = createApp({ db });
  });
  afterAll(async () => {
    await close();
  });

  it('keeps each person’s change to a different field, and the later one to the same field', async () => {
    const clock = { ms: Date.now() };
    const teacherNet = { online: true };
    const sencoNet = { online: true };
    const teacher = await deviceFor(app, 'teacher@demo.school', teacherNet, clock);
    const senco = await deviceFor(app, 'senco@demo.school', sencoNet, clock);
    expect((await teacher.engine.sync()).ok).toBe(true);
    expect((await senco.engine.sync()).ok).toBe(true);

    const [focus] = await focusChildrenFor(teacher.store, teacher.staff, '2000-01-01T00:00:00Z');
    const childId = focus!.child.id;
    const page = (await childPage(teacher.store, childId, '2026-11-23'))!;
    const plan = page.plans[0]!.plan;
    const target = page.activeTargets[0]!;

    teacherNet.online = false;
    sencoNet.online = false;
    // The teacher rewords the target and renames the plan...
    await saveTarget(teacher.store, target.id, {
      text: 'Use a number line to add two 2-digit numbers, crossing a ten',
      successCriteria: 'Teacher’s criteria',
    });
    await saveLearningPlan(teacher.store, plan.id, { title: 'Autumn plan (updated)' });
    await savePassport(teacher.store, undefined, childId, {
      strengths: 'Kind to others',
      needs: '',
      whatHelpsMe: '',
      pupilVoice: '',
      parentVoice: '',
    });
    clock.ms += 1_000;
    // ...while the SENCo, a second later, changes other fields and one of the same.
    await saveTarget(senco.store, target.id, {
      strategies: 'Bead string before the number line',
      areaOfNeed: 'cognition_learning',
      successCriteria: 'SENCo’s criteria',
    });
    await saveLearningPlan(senco.store, plan.id, { reviewDate: '2026-12-16' });

    teacherNet.online = true;
    sencoNet.online = true;
    expect((await teacher.engine.sync()).ok).toBe(true);
    expect((await senco.engine.sync()).ok).toBe(true);
    expect((await teacher.engine.sync()).ok).toBe(true);

    for (const device of [teacher, senco]) {
      const row = await device.store.db.records('target').get(target.id);
      expect(row).toMatchObject({
        text: 'Use a number line to add two 2-digit numbers, crossing a ten',
        strategies: 'Bead string before the number line',
        areaOfNeed: 'cognition_learning',
        successCriteria: 'SENCo’s criteria',
      });
      const planRow = await device.store.db.records('learningPlan').get(plan.id);
      expect(planRow).toMatchObject({ title: 'Autumn plan (updated)', reviewDate: '2026-12-16' });
      const passport = (await childPage(device.store, childId, '2026-11-23'))!.passport;
      expect(passport?.strengths).toBe('Kind to others');
    }
    // The teacher's losing criteria are not silently gone: the server's history keeps them.
    const history = await listHistory(db, teacher.staff.schoolId, 'target', target.id);
    expect(history.map((entry) => entry.value)).toContain('Teacher’s criteria');
  });

  it('refuses a learning plan whose review date is before its start date and writes nothing', async () => {
    const clock = { ms: Date.now() };
    const teacher = await deviceFor(app, 'teacher@demo.school', { online: true }, clock);
    const before = await teacher.store.db.outbox.count();
    await expect(
      saveLearningPlan(teacher.store, undefined, {
        childId: newId(),
        title: 'Spring plan',
        startDate: '2027-01-10',
        reviewDate: '2027-01-05',
        isArchived: false,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { reviewDate: 'The review date must be on or after the start date.' },
    });
    expect(await teacher.store.db.outbox.count()).toBe(before);
  });
});
