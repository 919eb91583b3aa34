/**
 * An intervention group changed on two SENCo devices while both are
 * offline (the laptop and the tablet): through the real client commands and
 * sync engine against the real server, each field keeps the latest edit, a
 * field both changed keeps the later one with the other in the server's
 * history, and the TA who runs the group finds its sessions on the days the
 * merged schedule says.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { demoId, seedDemoSchool } from '../../server/demo/seed';
import type { Db } from '../../server/db/connection';
import { listHistory } from '../../server/store/sync-store';
import { newId } from '../../src/domain';
import {
  createLocalStore,
  groupsOverview,
  mySessionsToday,
  provisionLibrary,
  saveGroup,
  saveProvision,
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
    dbName: `group-merge-${deviceId}`,
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

/** The SENCo's laptop and tablet, on one clock, each with a network that can be cut. */
const twoSencoDevices = async (app: App) => {
  const clock = { ms: Date.now() };
  const laptopNet = { online: true };
  const tabletNet = { online: true };
  const laptop = await deviceFor(app, 'senco@demo.school', laptopNet, clock);
  const tablet = await deviceFor(app, 'senco@demo.school', tabletNet, clock);
  return { clock, laptop, tablet, laptopNet, tabletNet };
};

const ALEX = demoId('staff:ta@demo.school');
const JO = demoId('staff:teacher@demo.school');
const PHONICS_CHILDREN = [demoId('child:y4:2'), demoId('child:y4:5')];

describe.each(testEngines())(
  'a group edited on two devices merges field by field on $name',
  (engine) => {
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

    it('keeps the laptop’s schedule and the tablet’s staff; the TA sees the merged timetable', async () => {
      const { clock, laptop, tablet, laptopNet, tabletNet } = await twoSencoDevices(app);
      expect((await laptop.engine.sync()).ok).toBe(true);

      const groupId = await saveGroup(laptop.store, undefined, {
        provisionId: demoId('provision:precision-teaching'),
        name: 'Precision Teaching: Year 4 number facts',
        childIds: PHONICS_CHILDREN,
        staffIds: [ALEX],
        schedule: [
          { weekday: 'mon', time: '11:00' },
          { weekday: 'wed', time: '11:00' },
        ],
        sessionMinutes: 10,
        startDate: '2026-09-07',
        endDate: '2027-07-21',
      });
      expect((await laptop.engine.sync()).ok).toBe(true);
      expect((await tablet.engine.sync()).ok).toBe(true);

      laptopNet.online = false;
      tabletNet.online = false;
      await saveGroup(laptop.store, groupId, {
        name: 'PT: Year 4 (laptop)',
        schedule: [
          { weekday: 'tue', time: '11:00' },
          { weekday: 'thu', time: '11:00' },
        ],
      });
      clock.ms += 1_000;
      await saveGroup(tablet.store, groupId, { name: 'PT: Year 4 (tablet)', staffIds: [ALEX, JO] });

      laptopNet.online = true;
      tabletNet.online = true;
      expect((await laptop.engine.sync()).ok).toBe(true);
      expect((await tablet.engine.sync()).ok).toBe(true);
      expect((await laptop.engine.sync()).ok).toBe(true);

      for (const device of [laptop, tablet]) {
        expect(await device.store.db.records('intervention').get(groupId)).toMatchObject({
          name: 'PT: Year 4 (tablet)',
          staffIds: [ALEX, JO],
          schedule: [
            { weekday: 'tue', time: '11:00' },
            { weekday: 'thu', time: '11:00' },
          ],
          childIds: PHONICS_CHILDREN,
        });
        const { active } = await groupsOverview(device.store);
        const row = active.find((group) => group.id === groupId);
        expect(row).toMatchObject({ isWaiting: false, problems: [] });
      }
      const history = await listHistory(db, laptop.staff.schoolId, 'intervention', groupId);
      expect(history.map((entry) => entry.value)).toContain('PT: Year 4 (laptop)');

      // The TA runs it: on Tuesday 1 Dec it is among her sessions, not on Monday 30 Nov.
      const taClock = { ms: new Date('2026-12-01T10:00:00').getTime() };
      const ta = await deviceFor(app, 'ta@demo.school', { online: true }, taClock);
      expect((await ta.engine.sync()).ok).toBe(true);
      const tuesday = await mySessionsToday(ta.store, ta.staff.id);
      expect(
        tuesday.slots.filter((slot) => slot.interventionId === groupId).map((slot) => slot.time),
      ).toEqual(['11:00']);
      taClock.ms = new Date('2026-11-30T10:00:00').getTime();
      const monday = await mySessionsToday(ta.store, ta.staff.id);
      expect(monday.slots.some((slot) => slot.interventionId === groupId)).toBe(false);
      // The group's children reached her device with it: she can take the register.
      for (const childId of PHONICS_CHILDREN) {
        expect(await ta.store.db.records('child').get(childId)).toBeDefined();
      }
    });

    it('removes a provision’s measure on one device while another changes its cost: both stand', async () => {
      const { clock, laptop, tablet, laptopNet, tabletNet } = await twoSencoDevices(app);
      expect((await laptop.engine.sync()).ok).toBe(true);
      expect((await tablet.engine.sync()).ok).toBe(true);
      const provisionId = demoId('provision:elsa');
      const entryOn = async (store: LocalStore) =>
        (await provisionLibrary(store)).find((entry) => entry.id === provisionId)!;
      const before = await entryOn(laptop.store);
      expect(before.measure).toBeTruthy();
      const { id: _id, groupCount: _groups, isArchived: _archived, ...fields } = before;

      laptopNet.online = false;
      tabletNet.online = false;
      await saveProvision(laptop.store, provisionId, { ...fields, measure: null });
      clock.ms += 1_000;
      await saveProvision(tablet.store, provisionId, { ...fields, staffHourlyCostPence: 1_600 });

      laptopNet.online = true;
      tabletNet.online = true;
      expect((await laptop.engine.sync()).ok).toBe(true);
      expect((await tablet.engine.sync()).ok).toBe(true);
      expect((await laptop.engine.sync()).ok).toBe(true);
      for (const device of [laptop, tablet]) {
        const after = await entryOn(device.store);
        expect(after.measure).toBeNull();
        expect(after.staffHourlyCostPence).toBe(1_600);
        expect(after.name).toBe(before.name);
      }
    });
  },
);
