/**
 * A colleague with a client of their own cannot stop a real teacher's sync.
 * The TA, signed in through the API as any member of staff could be, learns
 * the teacher's device id from an HLC in their own pull, then pushes ticks
 * with an upper-case device id and a clock days ahead (which once stored an
 * HLC every reader refused), and pushes under the teacher's device id with
 * the largest seq (which once moved the teacher's counter, so her every
 * later push was refused). The teacher's tablet, in a real Chromium, goes
 * on pushing and pulling, and a SENCo signing in afresh syncs everything.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, FocusChildrenPage, SignInPage } from './pages/app-pages';
import { PROTOCOL_VERSION } from '../../src/domain/protocol';

const synced = async (page: Page) => {
  await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
};

type Change = { seq: number; entity: string; entityId: string; hlc: string; data: unknown };

const pullAll = async (request: APIRequestContext, token: string): Promise<Change[]> => {
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const res = await request.get(`/api/v1/sync/pull?after=${after}&limit=1000`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { changes: Change[]; cursor: number; hasMore: boolean };
    changes.push(...page.changes);
    if (!page.hasMore) return changes;
    after = page.cursor;
  }
};

const hlcAt = (wallMs: number, counter: number, deviceId: string) =>
  `${new Date(wallMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${deviceId}`;

test('a colleague’s hostile pushes leave a teacher’s tablet pushing and pulling', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await new SignInPage(page).signIn('teacher@demo.school');
  const home = new FocusChildrenPage(page);
  await expect(home.heading()).toBeVisible({ timeout: 45_000 });
  await synced(page);
  await home.tick(0, 'Achieved');
  await synced(page);

  // The TA, as a hostile client: signs in and reads the teacher's tick.
  const signIn = await request.post('/api/v1/auth/sign-in', {
    data: { email: 'ta@demo.school', password: DEMO_PASSWORD, deviceId: randomUUID() },
  });
  expect(signIn.status()).toBe(200);
  const ta = (await signIn.json()) as { token: string; deviceId: string };
  // Which tick is hers: the one made by this tablet (every HLC ends with its maker's device id).
  const ownDeviceId = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('keyval').objectStore('keyval').get('deviceId');
          req.onsuccess = () => resolve(req.result as string);
        };
      }),
  );
  const seen = await pullAll(request, ta.token);
  const teacherTick = seen.filter((c) => c.entity === 'tick' && c.hlc.endsWith(ownDeviceId)).at(-1);
  expect(teacherTick).toBeDefined();
  // What the TA learns from the pull alone.
  const teacherDeviceId = teacherTick!.hlc.slice(-36);
  const { targetId, childId } = teacherTick!.data as { targetId: string; childId: string };
  const headers = { Authorization: `Bearer ${ta.token}` };
  const tick = (deviceId: string, seq: number, hlc: string) => ({
    id: randomUUID(),
    deviceId,
    seq,
    hlc,
    kind: 'event',
    entity: 'tick',
    entityId: randomUUID(),
    data: { targetId, childId, outcome: 'partly', recordedAt: new Date().toISOString() },
  });

  // 1. Upper case, and a clock three days ahead.
  const ahead = Date.now() + 3 * 86_400_000;
  const upper = ta.deviceId.toUpperCase();
  const hostile = [
    tick(upper, 1, hlcAt(ahead, 0, ta.deviceId)),
    tick(upper, 2, hlcAt(ahead, 1, ta.deviceId)),
  ];
  const first = await request.post('/api/v1/sync/push', {
    headers,
    data: { protocolVersion: PROTOCOL_VERSION, deviceId: upper, mutations: hostile },
  });
  expect(first.status()).toBe(200);

  // 2. Under the teacher's device id, with the largest seq there is.
  const forged = await request.post('/api/v1/sync/push', {
    headers,
    data: {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: teacherDeviceId,
      mutations: [
        tick(teacherDeviceId, Number.MAX_SAFE_INTEGER, hlcAt(Date.now(), 0, teacherDeviceId)),
      ],
    },
  });

  // The teacher's tablet: a new tick is pushed, everything is pulled, and
  // nothing says the device lost its data.
  await home.tick(1, 'Partly');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await synced(page);
  await expect(page.getByText(/cleared the app/)).toHaveCount(0);
  const held = await page.evaluate(
    async (ids) => {
      const open = indexedDB.open('target-tracker');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const found = await Promise.all(
        ids.map(
          (id) =>
            new Promise<boolean>((resolve) => {
              const req = db.transaction('tick').objectStore('tick').get(id);
              req.onsuccess = () => resolve(req.result !== undefined);
            }),
        ),
      );
      const outbox = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return {
        found,
        pending: outbox.filter((e) => (e as { state: string }).state === 'pending').length,
      };
    },
    hostile.map((m) => m.entityId),
  );
  // Nothing of hers waits, and the TA's two ticks reached her by pull.
  expect(held).toEqual({ found: [true, true], pending: 0 });

  // A SENCo signing in afresh pulls every page the hostile push touched.
  const senco = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sencoPage = await senco.newPage();
  await new SignInPage(sencoPage).signIn('senco@demo.school');
  await synced(sencoPage);
  await expect(sencoPage.getByText('The server had a problem')).toHaveCount(0);
  // Checked last, so that a server that took it shows first what it did to the tablet.
  expect(forged.status()).toBe(403);
  await context.close();
  await senco.close();
});
