import { describe, expect, it, vi } from 'vitest';
import { newId, RECORD_TYPES, type StoredRecord } from '../../domain';
import { emptySchoolRecords } from '../../domain/reports';
import { exportChild } from '../../domain/reports/export';
import { createTransferModel, describeCounts, type TransferDeps } from './transfer-model';

const child = (data: object): StoredRecord<'child'> =>
  ({
    id: newId(),
    ...RECORD_TYPES.child.schema.parse({ yearGroup: 4, ...data }),
  }) as StoredRecord<'child'>;

/** One child's export from another school, as a chosen file. */
const exportedFile = () => {
  const zoe = child({
    firstName: 'Zoë',
    lastName: 'Brontë',
    upn: 'B820123450011',
    dateOfBirth: '2017-03-14',
  });
  const records = {
    ...emptySchoolRecords(),
    school: { id: newId(), name: 'Brookside Primary' } as StoredRecord<'school'>,
    children: [zoe],
  };
  const text = JSON.stringify(exportChild(records, zoe.id, '2026-11-30T12:00:00.000Z'));
  return {
    name: 'send-record.json',
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
  };
};

const setup = (
  children: StoredRecord<'child'>[],
  held: StoredRecord<'transferredRecord'>[] = [],
) => {
  const add = vi.fn<TransferDeps['add']>(async () => 'id');
  const sync = vi.fn<TransferDeps['sync']>(async () => undefined);
  const model = createTransferModel({
    children: () => children,
    transferredOf: async () => held,
    add,
    sync,
    nowIso: () => '2026-12-01T09:00:00.000Z',
  });
  return { model, add, sync };
};

describe('bringing in a SEND record from a previous school', () => {
  it('shows whose record it is and the child it matches, and adds nothing until confirmed', async () => {
    const here = child({ firstName: 'Zoe', lastName: 'Bronte', upn: 'B820123450011' });
    const { model, add, sync } = setup([here]);
    await model.chooseFile(exportedFile());
    const preview = model.preview.value!;
    expect(preview).toMatchObject({
      name: 'Zoë Brontë',
      fromSchool: { name: 'Brookside Primary' },
      match: { child: here, by: 'UPN' },
      isAlreadyAdded: false,
    });
    expect(preview.problem).toBeUndefined();
    expect(describeCounts(preview.counts!)).toBe(
      '0 plans, 0 targets, 0 reviews, no passport, 0 groups or 1:1s, 0 scores, 0 ticks',
    );
    expect(add).not.toHaveBeenCalled();

    await model.confirm();
    expect(add).toHaveBeenCalledWith(
      expect.objectContaining({ childId: here.id, exportedAt: '2026-11-30T12:00:00.000Z' }),
    );
    expect(model.done.value).toEqual({ childId: here.id, name: 'Zoe Bronte' });
    expect(sync).toHaveBeenCalled();
  });

  it('says so when no child on roll matches, and offers nothing to add', async () => {
    const { model, add } = setup([child({ firstName: 'Zoë', lastName: 'Brontë' })]);
    await model.chooseFile(exportedFile());
    expect(model.preview.value?.problem).toMatch(/No child on your roll matches Zoë Brontë/);
    await model.confirm();
    expect(add).not.toHaveBeenCalled();
  });

  it('says when the same export was added to the child before', async () => {
    const here = child({ firstName: 'Zoe', lastName: 'Bronte', upn: 'B820123450011' });
    const held = {
      id: newId(),
      childId: here.id,
      fromSchool: { name: 'Brookside Primary' },
      exportedAt: '2026-11-30T12:00:00.000Z',
    } as StoredRecord<'transferredRecord'>;
    const { model } = setup([here], [held]);
    await model.chooseFile(exportedFile());
    expect(model.preview.value?.isAlreadyAdded).toBe(true);
  });

  it('says why a file is not a SEND record', async () => {
    const { model } = setup([]);
    await model.chooseFile({
      name: 'notes.json',
      arrayBuffer: async () => new TextEncoder().encode('{"a":1}').buffer as ArrayBuffer,
    });
    expect(model.fileError.value).toMatch(/not a SEND record exported from Waymark/);
    expect(model.preview.value).toBeUndefined();
  });
});
