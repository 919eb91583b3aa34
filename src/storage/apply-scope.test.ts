/**
 * Pull pages that change what this device may hold: `revoked` records are
 * deleted in the page's transaction (the outbox is kept), and a `restart`
 * page may move the cursor back.
 */
import { describe, expect, it } from 'vitest';
import { newId, type Change } from '../domain';
import { applyPulledPage, getCursor } from './apply';
import { tickTarget } from './commands';
import { testStores } from './testing';

const openStore = testStores();

const hlc = `2026-11-23T09:00:00.000Z-0000-0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e0f`;
const childPatch = (seq: number, entityId: string): Change => ({
  seq,
  kind: 'patch',
  entity: 'child',
  entityId,
  data: { firstName: 'Ada', lastName: 'Lovelace', yearGroup: 3 },
  hlc,
});

describe('applyPulledPage with a change of scope', () => {
  it('deletes revoked records with the page, and keeps unsynced work in the outbox', async () => {
    const store = openStore();
    const kept = newId();
    const gone = newId();
    await applyPulledPage(store, [childPatch(1, kept), childPatch(2, gone)], 2);
    const tickId = await tickTarget(store, { targetId: newId(), childId: gone, outcome: 'partly' });
    await applyPulledPage(store, [], 5, {
      revoked: [
        { entity: 'child', entityId: gone },
        { entity: 'tick', entityId: tickId },
        { entity: 'not-a-type', entityId: newId() },
      ],
    });
    expect(await store.db.records('child').get(gone)).toBeUndefined();
    expect(await store.db.records('child').get(kept)).toBeDefined();
    expect(await store.db.records('tick').get(tickId)).toBeUndefined();
    expect(await store.db.outbox.count()).toBe(1);
    expect(await getCursor(store)).toBe(5);
  });

  it('moves the cursor back on a restart page and applies its changes', async () => {
    const store = openStore();
    await applyPulledPage(store, [childPatch(40, newId())], 40);
    const arrived = newId();
    await applyPulledPage(store, [childPatch(3, arrived)], 3, { restart: true });
    expect(await getCursor(store)).toBe(3);
    expect(await store.db.records('child').get(arrived)).toMatchObject({ firstName: 'Ada' });
    // Without restart the cursor never goes back.
    await applyPulledPage(store, [], 1);
    expect(await getCursor(store)).toBe(3);
  });
});
