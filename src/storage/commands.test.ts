import { describe, expect, it } from 'vitest';
import { newId, type Change } from '../domain';
import { applyPulledPage } from './apply';
import { patchEntity, tickTarget } from './commands';
import { testStores } from './testing';
import { settlePushResults, takeOutboxBatch } from './outbox';
import { focusChildrenFor, syncOverview } from './queries';
import { claimDevice } from './owner';
import { ValidationError } from './validation';

const newStore = testStores();
const openStore = (now = () => Date.parse('2026-11-23T09:15:00.000Z')) => newStore(now);

const serverHlc = (ms: number) =>
  `${new Date(Date.parse('2026-11-23T09:00:00.000Z') + ms).toISOString()}-0000-0192f0c4-8a1e-7c3b-9d2f-5b6a7c8d9e0f`;

describe('tickTarget', () => {
  it('writes the tick and its outbox mutation together, with rising seq and HLC', async () => {
    const store = openStore();
    const targetId = newId();
    const childId = newId();
    const first = await tickTarget(store, { targetId, childId, outcome: 'achieved' });
    const second = await tickTarget(store, {
      targetId,
      childId,
      outcome: 'partly',
      support: 'prompted',
    });
    expect(await store.db.records('tick').count()).toBe(2);
    const outbox = await store.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((entry) => entry.mutation.entityId)).toEqual([first, second]);
    expect(outbox.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(outbox[0]!.mutation.hlc < outbox[1]!.mutation.hlc).toBe(true);
    expect(outbox[1]!.mutation).toMatchObject({
      kind: 'event',
      entity: 'tick',
      deviceId: store.deviceId,
      data: { targetId, childId, outcome: 'partly', support: 'prompted' },
    });
  });

  it('leaves neither record nor outbox entry when the outbox write fails (one transaction)', async () => {
    const store = openStore();
    // Make the second half of the command fail, as a crash or a full disk would.
    store.db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(
      tickTarget(store, { targetId: newId(), childId: newId(), outcome: 'achieved' }),
    ).rejects.toThrow();
    expect(await store.db.records('tick').count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('writes nothing for bad input and says what is wrong', async () => {
    const store = openStore();
    const error = await tickTarget(store, {
      targetId: newId(),
      childId: newId(),
      outcome: 'achieved',
      note: 'x'.repeat(100_000),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.note).toMatch(/1,000 characters/);
    expect(await store.db.records('tick').count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('patchEntity', () => {
  it('refuses a field the record type does not have, even one every object inherits', async () => {
    const store = openStore();
    for (const field of ['constructor', 'toString', 'colour']) {
      const error = await patchEntity(store, 'target', newId(), {
        [field]: 'x',
      } as Record<string, unknown>).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field]).toBe(`Unknown field ${field}`);
    }
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('push results', () => {
  it('removes delivered events, keeps rejected ones visible and lists them for attention', async () => {
    const store = openStore();
    const ok = await tickTarget(store, {
      targetId: newId(),
      childId: newId(),
      outcome: 'achieved',
    });
    const bad = await tickTarget(store, { targetId: newId(), childId: newId(), outcome: 'absent' });
    const batch = await takeOutboxBatch(store);
    expect(batch).toHaveLength(2);
    const [okMutation, badMutation] = batch;
    await settlePushResults(
      store,
      [
        { id: okMutation!.id, status: 'applied' },
        { id: badMutation!.id, status: 'rejected', code: 'forbidden', message: 'Not your class' },
      ],
      2,
    );
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.db.records('tick').get(ok)).toBeDefined();
    expect((await store.db.records('tick').get(bad))?._rejected?.code).toBe('forbidden');
    const overview = await syncOverview(store);
    expect(overview.waiting).toBe(0);
    expect(overview.needsAttention).toBe(1);
  });

  it('ignores an answer for a mutation it no longer holds (a retried push)', async () => {
    const store = openStore();
    await tickTarget(store, { targetId: newId(), childId: newId(), outcome: 'achieved' });
    const result = await settlePushResults(store, [{ id: newId(), status: 'duplicate' }], 1);
    expect(result).toEqual({ delivered: 0, rejected: 0 });
    expect(await store.db.outbox.count()).toBe(1);
  });
});

describe('pulled changes', () => {
  const targetChange = (
    seq: number,
    id: string,
    data: Record<string, unknown>,
    ms = seq,
  ): Change => ({
    seq,
    kind: 'patch',
    entity: 'target',
    entityId: id,
    data,
    hlc: serverHlc(ms),
  });

  it('applies a page and its cursor together, and skips changes it already has', async () => {
    const store = openStore();
    const id = newId();
    const childId = newId();
    await applyPulledPage(
      store,
      [
        targetChange(1, id, {
          childId,
          text: 'Count to 20',
          startDate: '2026-11-02',
          level: 'termly',
          isArchived: false,
        }),
      ],
      1,
    );
    await applyPulledPage(store, [targetChange(1, id, { text: 'stale replay' })], 1);
    expect((await store.db.records('target').get(id))?.text).toBe('Count to 20');
    expect((await syncOverview(store)).cursor).toBe(1);
  });

  it('never lets a pulled value overwrite a newer change still waiting on the device', async () => {
    const store = openStore(() => Date.parse('2026-11-23T10:00:00.000Z'));
    const id = newId();
    const base = {
      childId: newId(),
      text: 'Count to 20',
      startDate: '2026-11-02',
      level: 'termly',
      isArchived: false,
    };
    await applyPulledPage(store, [targetChange(1, id, base)], 1);
    await patchEntity(store, 'target', id, { text: 'Count to 50' });
    // Someone else's older edit arrives while ours waits.
    await applyPulledPage(
      store,
      [targetChange(2, id, { text: 'Count to 30', strategies: 'Bead string' })],
      2,
    );
    const row = await store.db.records('target').get(id);
    expect(row?.text).toBe('Count to 50');
    expect(row?.strategies).toBe('Bead string');

    // The server accepts ours; once a pull passes that point the row is the server's.
    const [mutation] = await takeOutboxBatch(store);
    await settlePushResults(store, [{ id: mutation!.id, status: 'applied' }], 3);
    expect((await store.db.records('target').get(id))?.text).toBe('Count to 50');
    await applyPulledPage(
      store,
      [{ ...targetChange(3, id, { text: 'Count to 50' }), hlc: mutation!.hlc }],
      3,
    );
    expect(await store.db.outbox.count()).toBe(0);
    expect((await store.db.records('target').get(id))?.text).toBe('Count to 50');
  });

  it('ends at the server’s value when our acknowledged edit lost to a newer one', async () => {
    const store = openStore(() => Date.parse('2026-11-23T09:00:00.005Z'));
    const id = newId();
    const base = {
      childId: newId(),
      text: 'A',
      startDate: '2026-11-02',
      level: 'termly',
      isArchived: false,
    };
    await applyPulledPage(store, [targetChange(1, id, base, 1)], 1);
    await patchEntity(store, 'target', id, { text: 'ours' });
    const [mutation] = await takeOutboxBatch(store);
    await settlePushResults(store, [{ id: mutation!.id, status: 'applied' }], 3);
    // Seq 2 is a newer edit by someone else; our patch (seq 3) lost, so the server sent nothing for it.
    await applyPulledPage(store, [targetChange(2, id, { text: 'theirs' }, 900)], 3);
    expect((await store.db.records('target').get(id))?.text).toBe('theirs');
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('focus children and the device owner', () => {
  it('shows a teacher their focus children with today’s latest tick per target', async () => {
    const store = openStore(() => Date.now());
    const staffId = newId();
    const childId = newId();
    const classId = newId();
    const targetId = newId();
    await applyPulledPage(
      store,
      [
        {
          seq: 1,
          kind: 'patch',
          entity: 'child',
          entityId: childId,
          hlc: serverHlc(1),
          data: {
            firstName: 'Ava',
            lastName: 'Khan',
            yearGroup: 3,
            classId,
            senStatus: 'sen_support',
            groups: ['eal'],
            areasOfNeed: [],
            gender: 'female',
          },
        },
        {
          seq: 2,
          kind: 'patch',
          entity: 'focusChild',
          entityId: newId(),
          hlc: serverHlc(2),
          data: {
            childId,
            classId,
            staffId,
            reason: 'Phonics gap',
            until: '2026-12-18',
            isArchived: false,
          },
        },
        {
          seq: 3,
          kind: 'patch',
          entity: 'target',
          entityId: targetId,
          hlc: serverHlc(3),
          data: {
            childId,
            text: 'Blend CVC words',
            startDate: '2026-11-02',
            level: 'termly',
            isArchived: false,
          },
        },
      ],
      3,
    );
    const first = await tickTarget(store, { targetId, childId, outcome: 'not_yet' });
    await tickTarget(store, { targetId, childId, outcome: 'partly', supersedesId: first });
    const views = await focusChildrenFor(
      store,
      { id: staffId, role: 'teacher' },
      '2000-01-01T00:00:00.000Z',
    );
    expect(views).toHaveLength(1);
    expect(views[0]!.targets[0]!.latestTick).toMatchObject({ outcome: 'partly', isWaiting: true });
  });

  it('will not hand a device with someone’s unsynced work to another person', async () => {
    const store = openStore();
    expect(await claimDevice(store, { id: 'a', name: 'Jo Hughes' })).toEqual({ ok: true });
    await tickTarget(store, { targetId: newId(), childId: newId(), outcome: 'achieved' });
    expect(await claimDevice(store, { id: 'b', name: 'Sam Patel' })).toEqual({
      ok: false,
      waiting: 1,
      ownerName: 'Jo Hughes',
    });
    await store.db.outbox.clear();
    expect(await claimDevice(store, { id: 'b', name: 'Sam Patel' })).toEqual({ ok: true });
    expect(await store.db.records('tick').count()).toBe(0);
  });
});
