import { describe, expect, it } from 'vitest';
import { newId } from '../ids';
import { RECORD_TYPES, type EntityName, type StoredRecord } from '../records';
import { emptySchoolRecords, type SchoolRecords } from './common';
import { exportChild, exportSchool } from './export';
import {
  buildTransferredRecord,
  matchTransfer,
  readTransferFile,
  transferCounts,
  type TransferFile,
} from './transfer';

const stored = <E extends EntityName>(entity: E, data: object): StoredRecord<E> =>
  ({
    id: newId(),
    ...(RECORD_TYPES[entity].schema.parse(data) as object),
  }) as StoredRecord<E>;

/** School A: Zoë with a plan, a target, a tick, a review, a passport and a score. */
const schoolA = () => {
  const zoe = stored('child', {
    firstName: 'Zoë',
    lastName: 'Brontë',
    upn: 'B820123450011',
    dateOfBirth: '2017-03-14',
    yearGroup: 4,
    senStatus: 'sen_support',
  });
  const plan = stored('learningPlan', {
    childId: zoe.id,
    title: 'Reading plan',
    startDate: '2026-09-07',
    reviewDate: '2026-12-04',
  });
  const target = stored('target', {
    childId: zoe.id,
    planId: plan.id,
    text: 'Read ten common words',
    startDate: '2026-09-07',
  });
  const teacher = {
    id: newId(),
    name: 'Tess Teacher',
    email: 'tess@a.school',
    role: 'teacher',
    isActive: true,
  } as const;
  const records: SchoolRecords = {
    ...emptySchoolRecords(),
    school: { id: newId(), name: 'Brookside Primary', urn: '100999' } as StoredRecord<'school'>,
    staff: [teacher],
    children: [zoe],
    learningPlans: [plan],
    targets: [target],
    ticks: [
      stored('tick', {
        childId: zoe.id,
        targetId: target.id,
        outcome: 'achieved',
        recordedAt: '2026-10-01T09:00:00.000Z',
        recordedBy: teacher.id,
      }),
    ],
    reviews: [
      stored('review', {
        childId: zoe.id,
        planId: plan.id,
        date: '2026-10-20',
        targetOutcomes: [{ targetId: target.id, outcome: 'partly' }],
        decisions: ['continue'],
        recordedAt: '2026-10-20T15:00:00.000Z',
      }),
    ],
    passports: [stored('passport', { childId: zoe.id, strengths: 'Drawing' })],
    scores: [
      stored('assessmentScore', {
        childId: zoe.id,
        phase: 'entry',
        value: 12,
        date: '2026-09-10',
        recordedAt: '2026-09-10T10:00:00.000Z',
      }),
    ],
  };
  return { records, zoe };
};

const fileOf = (records: SchoolRecords, childId: string): TransferFile => {
  const read = readTransferFile(
    JSON.stringify(exportChild(records, childId, '2026-11-30T12:00:00.000Z')),
  );
  if ('error' in read) throw new Error(read.error);
  return read;
};

const atB = (data: object) => stored('child', { yearGroup: 4, ...data });

describe('a SEND record from a previous school', () => {
  it('reads a child’s export, with the school it came from and when', () => {
    const { records, zoe } = schoolA();
    const file = fileOf(records, zoe.id);
    expect(file.fromSchool).toEqual({ name: 'Brookside Primary', urn: '100999' });
    expect(file.exportedAt).toBe('2026-11-30T12:00:00.000Z');
    expect(file.child.firstName).toBe('Zoë');
  });

  it('refuses what is not one child’s SEND record, saying what to ask for', () => {
    const { records } = schoolA();
    expect(readTransferFile('not json')).toEqual({ error: expect.stringMatching(/not JSON/) });
    expect(readTransferFile('{"format":"other"}')).toEqual({
      error: expect.stringMatching(/not a SEND record exported from Waymark/),
    });
    expect(readTransferFile(JSON.stringify(exportSchool(records, '2026-11-30T12:00:00Z')))).toEqual(
      { error: expect.stringMatching(/whole school’s export/) },
    );
    const newer = { ...exportChild(records, records.children[0]!.id, 'x'), version: 2 };
    expect(readTransferFile(JSON.stringify(newer))).toEqual({
      error: expect.stringMatching(/newer version/),
    });
  });

  it('matches on UPN first, then on legal name and date of birth, never on a name alone', () => {
    const { records, zoe } = schoolA();
    const file = fileOf(records, zoe.id);
    const byUpn = atB({ firstName: 'Zoe', lastName: 'Smith', upn: 'b820123450011' });
    const byName = atB({ firstName: 'ZOE', lastName: 'Bronte', dateOfBirth: '2017-03-14' });
    const sameNameOtherBirthday = atB({
      firstName: 'Zoë',
      lastName: 'Brontë',
      dateOfBirth: '2017-03-15',
    });
    expect(matchTransfer(file, [byName, byUpn])).toEqual({ child: byUpn, by: 'UPN' });
    expect(matchTransfer(file, [byName, sameNameOtherBirthday])).toEqual({
      child: byName,
      by: 'name and date of birth',
    });
    expect(matchTransfer(file, [sameNameOtherBirthday])).toBeUndefined();
    // Two children with the same name and birthday: neither is taken.
    const twin = atB({ firstName: 'Zoe', lastName: 'Bronte', dateOfBirth: '2017-03-14' });
    expect(matchTransfer(file, [byName, twin])).toBeUndefined();
  });

  it('becomes one record for the child here, holding the history and staff by name only', () => {
    const { records, zoe } = schoolA();
    const file = fileOf(records, zoe.id);
    const here = newId();
    const built = buildTransferredRecord(file, here, '2026-12-01T09:00:00.000Z');
    if ('error' in built) throw new Error(built.error);
    expect(built.record).toMatchObject({
      childId: here,
      fromSchool: { name: 'Brookside Primary', urn: '100999' },
      exportedAt: '2026-11-30T12:00:00.000Z',
    });
    expect(transferCounts(built.record.document)).toEqual({
      plans: 1,
      targets: 1,
      reviews: 1,
      passports: 1,
      groups: 0,
      scores: 1,
      ticks: 1,
    });
    expect(built.record.document.staff).toEqual([
      { id: records.staff[0]!.id, name: 'Tess Teacher' },
    ]);
    expect(JSON.stringify(built.record)).not.toContain('tess@a.school');
  });

  it('refuses a file whose records do not read, or that is too large to carry', () => {
    const { records, zoe } = schoolA();
    const file = fileOf(records, zoe.id);
    const broken = {
      ...file,
      records: { ...file.records, targets: [{ id: 'not-an-id', text: '' }] },
    };
    expect(buildTransferredRecord(broken, newId(), '2026-12-01T09:00:00.000Z')).toEqual({
      error: expect.stringMatching(/could not be read \(targets\.0\./),
    });
    const target = records.targets[0]!;
    const huge = {
      ...file,
      records: {
        ...file.records,
        targets: Array.from({ length: 900 }, () => ({
          ...target,
          id: newId(),
          text: 'x'.repeat(1_000),
        })),
      },
    };
    expect(buildTransferredRecord(huge, newId(), '2026-12-01T09:00:00.000Z')).toEqual({
      error: 'This SEND record is too large to carry (over 768 KB).',
    });
  });
});
