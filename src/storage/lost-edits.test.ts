/**
 * The device's notices of changes that lost: kept from the push answer,
 * shown per record, dismissed by the person, gone with the device's data.
 */
import { describe, expect, it } from 'vitest';
import { newId, type LostField } from '../domain';
import { patchEntity } from './commands';
import type { LocalStore } from './local-store';
import { testStores } from './testing';
import { dismissLostEdit, lostEditsFor } from './lost-edits';
import { settlePushResults, takeOutboxBatch } from './outbox';
import { claimDevice, wipeDevice } from './owner';

const NOW = Date.parse('2026-11-23T10:45:00.000Z');
const SENCO = { staffId: newId(), name: 'Sam Patel' };
const newStore = testStores();
const openStore = () => newStore(() => NOW);

/** A target this device created and the server acknowledged, then an edit of it in the outbox. */
const editedTarget = async (store: LocalStore) => {
  const targetId = newId();
  await patchEntity(store, 'target', targetId, {
    childId: newId(),
    text: 'Reads ten words',
    startDate: '2026-11-23',
  });
  const [create] = await takeOutboxBatch(store);
  await settlePushResults(store, [{ id: create!.id, status: 'applied' }], 1);
  await patchEntity(store, 'target', targetId, {
    text: 'Reads eleven words',
    strategies: 'Flash cards',
  });
  const edit = (await takeOutboxBatch(store)).find((m) => m.data?.text === 'Reads eleven words');
  return { targetId, edit: edit! };
};

/** The server's answer to the edit: applied, with these of its fields lost. */
const answerLost = (store: LocalStore, edit: { id: string }, lost: LostField[]) =>
  settlePushResults(store, [{ id: edit.id, status: 'applied', lost }], 3);

describe('changes that lost', () => {
  it('keeps, from the push answer, what lost, what the person had set, who won and when', async () => {
    const store = openStore();
    const { targetId, edit } = await editedTarget(store);
    const at = '2026-11-23T10:42:00.000Z';
    const outcome = await answerLost(store, edit, [{ field: 'text', by: SENCO, at }]);
    expect(outcome).toEqual({ delivered: 1, rejected: 0 });
    expect(await lostEditsFor(store, 'target', targetId)).toEqual([
      {
        id: `${edit.id}/text`,
        entity: 'target',
        entityId: targetId,
        field: 'text',
        value: 'Reads eleven words',
        by: SENCO,
        at,
        noticedAt: new Date(NOW).toISOString(),
      },
    ]);
    // Another record of the same id in another table shows nothing.
    expect(await lostEditsFor(store, 'learningPlan', targetId)).toEqual([]);
  });

  it('keeps nothing for an answer without losses, and one notice for a repeated answer', async () => {
    const store = openStore();
    const { targetId, edit } = await editedTarget(store);
    await settlePushResults(store, [{ id: edit.id, status: 'applied' }], 3);
    expect(await store.db.lostEdits.count()).toBe(0);

    const again = await editedTarget(store);
    const answer = { id: again.edit.id, status: 'applied' as const, lost: [{ field: 'text' }] };
    await settlePushResults(store, [answer, answer], 4);
    const notices = await lostEditsFor(store, 'target', again.targetId);
    expect(notices).toHaveLength(1);
    // The server could not say who or when: the notice says only what lost.
    expect(notices[0]).not.toHaveProperty('by');
    expect(notices[0]).not.toHaveProperty('at');
    expect(await lostEditsFor(store, 'target', targetId)).toEqual([]);
  });

  it('marks a change that lost to the same person’s own newer change', async () => {
    const store = openStore();
    const me = { id: newId(), name: 'Jo Hughes' };
    expect(await claimDevice(store, me)).toEqual({ ok: true });
    const { targetId, edit } = await editedTarget(store);
    await answerLost(store, edit, [
      { field: 'text', by: { staffId: me.id, name: me.name } },
      { field: 'strategies', by: SENCO },
    ]);
    const notices = await lostEditsFor(store, 'target', targetId);
    expect(notices.map((n) => [n.field, n.isOwn ?? false])).toEqual([
      ['strategies', false],
      ['text', true],
    ]);
  });

  it('ignores a field the change never set, whatever the server names', async () => {
    const store = openStore();
    const { targetId, edit } = await editedTarget(store);
    await answerLost(store, edit, [
      { field: 'childId', by: SENCO },
      { field: '__proto__' },
      { field: 'strategies' },
    ]);
    const notices = await lostEditsFor(store, 'target', targetId);
    expect(notices.map((notice) => notice.field)).toEqual(['strategies']);
  });

  it('lets the person dismiss a notice, and leaves none behind when the device is wiped', async () => {
    const store = openStore();
    const { targetId, edit } = await editedTarget(store);
    await answerLost(store, edit, [
      { field: 'text', by: SENCO },
      { field: 'strategies', by: SENCO },
    ]);
    await dismissLostEdit(store, `${edit.id}/text`);
    expect((await lostEditsFor(store, 'target', targetId)).map((n) => n.field)).toEqual([
      'strategies',
    ]);
    await wipeDevice(store);
    expect(await store.db.lostEdits.count()).toBe(0);
  });
});
