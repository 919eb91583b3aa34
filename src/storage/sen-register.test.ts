import { describe, expect, it } from 'vitest';
import { newId, senRegisterHistory, type StoredRecord } from '../domain';
import { patchEntities, patchEntity } from './commands';
import {
  changeSenStatus,
  correctSenRegisterEntry,
  recordReview,
  settleSenStatusStep,
} from './teaching-commands';
import { testStores, tickingClock } from './testing';

const newStore = testStores();
const openStore = () => newStore(tickingClock(Date.parse('2026-11-23T09:15:00.000Z')));

const putChild = async (
  store: ReturnType<typeof openStore>,
  fields: Partial<StoredRecord<'child'>> = {},
) => {
  const id = newId();
  await patchEntity(store, 'child', id, {
    firstName: 'Amelia',
    lastName: 'Hughes',
    yearGroup: 3,
    senStatus: 'monitoring',
    senNeedTypes: ['SLCN'],
    ...fields,
  });
  return id;
};

const entriesOf = async (store: ReturnType<typeof openStore>, childId: string) =>
  store.db.records('senRegisterEntry').where('childId').equals(childId).toArray();

/** The lines after the one a new child on the register starts with. */
const reviewLinesOf = async (store: ReturnType<typeof openStore>, childId: string) =>
  (await entriesOf(store, childId)).filter((e) => e.source !== 'edit');

const outboxEntities = async (store: ReturnType<typeof openStore>) =>
  (await store.db.outbox.orderBy('seq').toArray()).map((e) => e.mutation.entity);

describe('the SEN register history on the device', () => {
  it("a SENCo's review that steps a child up writes a dated line with the review, in the review's push", async () => {
    const store = openStore();
    const childId = await putChild(store, {});
    await store.db.outbox.clear();
    const reviewId = await recordReview(
      store,
      { childId, date: '2026-11-20', targetOutcomes: [], decisions: ['step_up'] },
      { setsSenStatus: true },
    );
    const [entry, ...more] = await reviewLinesOf(store, childId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      status: 'sen_support',
      from: 'monitoring',
      date: '2026-11-20',
      needTypes: ['SLCN'],
      source: 'review',
      reviewId,
    });
    expect((await store.db.records('child').get(childId))?.senStatus).toBe('sen_support');
    expect(await outboxEntities(store)).toEqual(['review', 'child', 'senRegisterEntry']);
  });

  it("a teacher's review that only proposes a step writes no line until the SENCo confirms it", async () => {
    const store = openStore();
    const childId = await putChild(store);
    const reviewId = await recordReview(store, {
      childId,
      date: '2026-11-20',
      targetOutcomes: [],
      decisions: ['step_up'],
    });
    expect(await reviewLinesOf(store, childId)).toEqual([]);
    await settleSenStatusStep(store, childId, 'sen_support', '2026-11-23', reviewId);
    expect(await reviewLinesOf(store, childId)).toMatchObject([
      { status: 'sen_support', date: '2026-11-23', source: 'review', reviewId },
    ]);
    // Keeping the status as it is moves nothing, so writes nothing.
    await settleSenStatusStep(store, childId, 'sen_support', '2026-11-23', reviewId);
    expect(await reviewLinesOf(store, childId)).toHaveLength(1);
  });

  it('an import that changes statuses writes a line per child it moves, in the same transaction', async () => {
    const store = openStore();
    const moved = await putChild(store, { senStatus: 'none' });
    const unchanged = await putChild(store, { senStatus: 'monitoring' });
    const added = newId();
    await patchEntities(
      store,
      [
        {
          entity: 'child',
          id: moved,
          fields: { senStatus: 'sen_support', senNeedTypes: ['SPLD'] },
        },
        { entity: 'child', id: unchanged, fields: { senStatus: 'monitoring', yearGroup: 4 } },
        {
          entity: 'child',
          id: added,
          fields: { firstName: 'Ben', lastName: 'Ward', yearGroup: 3, senStatus: 'ehcp' },
        },
        {
          entity: 'child',
          id: newId(),
          fields: { firstName: 'Cai', lastName: 'Ng', yearGroup: 3 },
        },
      ],
      { source: 'import' },
    );
    expect(await entriesOf(store, moved)).toMatchObject([
      {
        status: 'sen_support',
        from: 'none',
        needTypes: ['SPLD'],
        source: 'import',
        date: '2026-11-23',
      },
    ]);
    // The child made with monitoring had a line then (a SENCo's edit); the import adds none.
    expect((await entriesOf(store, unchanged)).map((e) => e.source)).toEqual(['edit']);
    expect(await entriesOf(store, added)).toMatchObject([{ status: 'ehcp', source: 'import' }]);
    expect(await store.db.records('senRegisterEntry').count()).toBe(3);
  });

  it('dates an imported change from the file’s SEN start date, when it gives one', async () => {
    const store = openStore();
    const childId = await putChild(store, { senStatus: 'none' });
    await patchEntities(
      store,
      [
        {
          entity: 'child',
          id: childId,
          fields: { senStatus: 'sen_support', senStartDate: '2025-03-17' },
        },
      ],
      { source: 'import' },
    );
    expect(await entriesOf(store, childId)).toMatchObject([
      { status: 'sen_support', from: 'none', source: 'import', date: '2025-03-17' },
    ]);
    expect((await store.db.records('child').get(childId))?.senStartDate).toBe('2025-03-17');
  });

  it('a child who steps off the register keeps the history, each line ended by the next', async () => {
    const store = openStore();
    const childId = await putChild(store, { senStatus: 'none' });
    await changeSenStatus(store, childId, 'monitoring', '2026-09-10');
    await changeSenStatus(store, childId, 'sen_support', '2026-10-05');
    await recordReview(
      store,
      { childId, date: '2026-11-20', targetOutcomes: [], decisions: ['step_down'] },
      { setsSenStatus: true },
    );
    await recordReview(
      store,
      { childId, date: '2026-11-21', targetOutcomes: [], decisions: ['step_down'] },
      { setsSenStatus: true },
    );
    const history = senRegisterHistory(childId, await entriesOf(store, childId));
    expect(history.map((p) => [p.status, p.start, p.end])).toEqual([
      ['monitoring', '2026-09-10', '2026-10-05'],
      ['sen_support', '2026-10-05', '2026-11-20'],
      ['monitoring', '2026-11-20', '2026-11-21'],
      ['none', '2026-11-21', undefined],
    ]);
    expect((await store.db.records('child').get(childId))?.senStatus).toBe('none');
    await expect(changeSenStatus(store, childId, 'none', '2026-11-23')).rejects.toThrow(
      'already has this status',
    );
  });

  it('a correction keeps the line as first written, and moves the child when it is the latest line', async () => {
    const store = openStore();
    const childId = await putChild(store, { senStatus: 'none', dateOfBirth: '2018-04-01' });
    await changeSenStatus(store, childId, 'monitoring', '2026-09-10');
    await changeSenStatus(store, childId, 'sen_support', '2026-11-02');
    const [first, latest] = senRegisterHistory(childId, await entriesOf(store, childId));
    // A wrong date on the earlier line: the child's status stays as it is.
    await correctSenRegisterEntry(store, first!.entryId, {
      status: 'monitoring',
      date: '2026-09-07',
    });
    // A wrong status on the latest line: the child follows, with no extra line.
    await correctSenRegisterEntry(store, latest!.entryId, {
      status: 'monitoring',
      date: '2026-11-02',
    });
    const all = await entriesOf(store, childId);
    expect(all).toHaveLength(4);
    const history = senRegisterHistory(childId, all);
    expect(history.map((p) => [p.status, p.start, p.end])).toEqual([
      ['monitoring', '2026-09-07', '2026-11-02'],
      ['monitoring', '2026-11-02', undefined],
    ]);
    expect(history[1]!.corrections).toMatchObject([{ status: 'sen_support', date: '2026-11-02' }]);
    expect(history[0]!.corrections).toMatchObject([{ status: 'monitoring', date: '2026-09-10' }]);
    expect((await store.db.records('child').get(childId))?.senStatus).toBe('monitoring');
    await expect(
      correctSenRegisterEntry(store, history[0]!.entryId, {
        status: 'monitoring',
        date: '2017-01-01',
      }),
    ).rejects.toThrow('before the child');
    await expect(
      correctSenRegisterEntry(store, history[0]!.entryId, {
        status: 'monitoring',
        date: '2027-06-01',
      }),
    ).rejects.toThrow('in the future');
    expect(await entriesOf(store, childId)).toHaveLength(4);
  });
});
