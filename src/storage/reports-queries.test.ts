import { describe, expect, it } from 'vitest';
import { newId } from '../domain';
import { exportChild } from '../domain/reports/export';
import { recordsCsv } from '../domain/reports/csv';
import { patchEntities, recordEvent } from './commands';
import { testStores } from './testing';
import { schoolRecords } from './reports-queries';
import { ValidationError } from './validation';

const newStore = testStores();
const openStore = () => newStore(() => Date.parse('2026-11-23T09:15:00.000Z'));

const child = (firstName: string) => ({ firstName, lastName: 'Hall', yearGroup: 3 });

const WORDS = { nameOf: () => undefined, date: (d: string) => d, when: (w: string) => w };

describe('an import written all or nothing', () => {
  it('writes every record and its outbox entry in one go', async () => {
    const store = openStore();
    const classId = newId();
    await patchEntities(store, [
      { entity: 'class', id: classId, fields: { name: '3H', yearGroup: 3 } },
      { entity: 'child', id: newId(), fields: { ...child('Ava'), classId } },
      { entity: 'child', id: newId(), fields: child('Leo') },
    ]);
    const records = await schoolRecords(store);
    expect(records.children.map((c) => c.firstName).sort()).toEqual(['Ava', 'Leo']);
    expect(records.classes).toHaveLength(1);
    expect(await store.db.outbox.count()).toBe(3);
  });

  it('writes nothing when any record is wrong, even the last of many', async () => {
    const store = openStore();
    const changes = Array.from({ length: 600 }, (_, i) => ({
      entity: 'child' as const,
      id: newId(),
      fields: child(`Child${i}`) as Record<string, unknown>,
    }));
    changes.push({ entity: 'child', id: newId(), fields: { firstName: 'No', lastName: 'Year' } });
    await expect(patchEntities(store, changes)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.db.records('child').count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('reading the school for reports and exports', () => {
  it('leaves out events the server refused and exports one child’s own lines only', async () => {
    const store = openStore();
    const [a, b, group] = [newId(), newId(), newId()];
    await patchEntities(store, [
      { entity: 'child', id: a, fields: child('Ava') },
      { entity: 'child', id: b, fields: child('Leo') },
    ]);
    await recordEvent(store, 'interventionSession', {
      interventionId: group,
      date: '2026-11-23',
      minutes: 20,
      attendance: [
        { childId: a, isPresent: true },
        { childId: b, isPresent: false },
      ],
      note: 'Leo would not come in.',
      recordedAt: '2026-11-23T10:00:00.000Z',
    });
    const refused = await recordEvent(store, 'tick', {
      targetId: newId(),
      childId: a,
      outcome: 'achieved',
      recordedAt: '2026-11-23T10:00:00.000Z',
    });
    await store.db.records('tick').update(refused, { _rejected: { code: 'x', message: 'no' } });
    const records = await schoolRecords(store);
    expect(records.ticks).toEqual([]);
    const exported = exportChild(records, a, '2026-11-23T12:00:00.000Z');
    expect(exported.records.children.map((c) => c.id)).toEqual([a]);
    expect(exported.records.sessions[0]!.attendance).toEqual([{ childId: a, isPresent: true }]);
    // A note about a session Ava shared with Leo is not hers to take away.
    expect(exported.records.sessions[0]).not.toHaveProperty('note');
    const csv = recordsCsv(records.children, WORDS);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('keeps a formula out of a CSV cell', () => {
    expect(recordsCsv([{ id: '1', firstName: '=HYPERLINK("x")' } as never], WORDS)).toContain(
      `"'=HYPERLINK(""x"")"`,
    );
  });
});
