import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../domain';
import { createLocalStore, pendingViews, type LocalStore, type PendingView } from '../storage';
import { ApiCallError } from './api';
import { createViewLog } from './view-log';

const stores: LocalStore[] = [];
const openStore = () => {
  const store = createLocalStore({ deviceId: newId(), dbName: `views-${newId()}` });
  stores.push(store);
  return store;
};
afterEach(async () => {
  for (const store of stores.splice(0)) await store.db.delete();
});

const offline = () =>
  Promise.reject(
    new ApiCallError({ status: 0, code: 'no_answer', message: 'You need a connection for this.' }),
  );

describe('the view log', () => {
  it('keeps a view made offline, with its time, and sends it once the server answers', async () => {
    const store = openStore();
    const sent: PendingView[] = [];
    let online = false;
    let clock = Date.parse('2026-11-23T10:00:00.000Z');
    const log = createViewLog({
      store,
      send: (view) => (online ? (sent.push(view), Promise.resolve()) : offline()),
      now: () => new Date(clock),
    });
    await log.record('child-1');
    await log.flush();
    clock += 15 * 60_000;
    await log.record('child-2', 'child_export');
    await log.flush();
    expect(sent).toEqual([]);
    expect(await pendingViews(store)).toHaveLength(2);

    online = true;
    await log.flush();
    expect(sent).toEqual([
      { childId: 'child-1', what: 'child_record', viewedAt: '2026-11-23T10:00:00.000Z' },
      { childId: 'child-2', what: 'child_export', viewedAt: '2026-11-23T10:15:00.000Z' },
    ]);
    expect(await pendingViews(store)).toEqual([]);
    await log.flush();
    expect(sent).toHaveLength(2);
  });

  it('counts opening the same record again within ten minutes as the same visit', async () => {
    const store = openStore();
    let clock = Date.parse('2026-11-23T10:00:00.000Z');
    const log = createViewLog({ store, send: offline, now: () => new Date(clock) });
    await log.record('child-1');
    clock += 5 * 60_000;
    await log.record('child-1');
    clock += 6 * 60_000;
    await log.record('child-1');
    expect((await pendingViews(store)).map((view) => view.viewedAt)).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T10:11:00.000Z',
    ]);
  });

  it('drops a view the server refuses for good, and keeps one it could not take just now', async () => {
    const store = openStore();
    let clock = Date.parse('2026-11-23T10:00:00.000Z');
    const answers: Record<string, () => Promise<void>> = {
      gone: () =>
        Promise.reject(new ApiCallError({ status: 404, code: 'not_found', message: 'Not found.' })),
      busy: () =>
        Promise.reject(
          new ApiCallError({ status: 503, code: 'internal_error', message: 'Server error.' }),
        ),
    };
    const log = createViewLog({
      store,
      send: (view) => answers[view.childId]!(),
      now: () => new Date((clock += 60_000)),
    });
    await log.record('gone');
    await log.record('busy');
    await log.flush();
    expect((await pendingViews(store)).map((view) => view.childId)).toEqual(['busy']);
  });
});
