import { describe, expect, it } from 'vitest';
import { formatHlc, newId } from '../domain';
import { applyPulledPage } from './apply';
import { deleteEntity, patchEntity } from './commands';
import type { AnyRow } from './db';
import { testStores } from './testing';
import { isCountable, isCurrent, isLive, liveRows, schoolCalendar } from './rows';

const openStore = testStores();

const hlc = formatHlc({
  wallMs: Date.parse('2026-11-23T09:00:00Z'),
  counter: 0,
  deviceId: newId(),
});

describe('what a read model asks of a row', () => {
  it('treats a delete made here and one pulled from the server as the same tombstone', async () => {
    const store = openStore();
    const here = newId();
    const there = newId();
    const kept = newId();
    const child = { firstName: 'Ada', lastName: 'Lovelace', yearGroup: 3 };
    await applyPulledPage(
      store,
      [
        { seq: 1, kind: 'patch', entity: 'child', entityId: here, data: child, hlc },
        { seq: 2, kind: 'patch', entity: 'child', entityId: there, data: child, hlc },
        { seq: 3, kind: 'patch', entity: 'child', entityId: kept, data: child, hlc },
        { seq: 4, kind: 'delete', entity: 'child', entityId: there, data: null, hlc },
      ],
      4,
    );
    await deleteEntity(store, 'child', here);
    expect((await liveRows(store, 'child')).map((row) => row.id)).toEqual([kept]);
    expect(isLive(undefined)).toBe(false);
  });

  it('counts neither a refused event nor an archived record as current', () => {
    const row: AnyRow = { id: 'x' };
    expect(isCountable(row)).toBe(true);
    expect(isCountable({ ...row, _rejected: { code: 'invalid_data', message: 'No' } })).toBe(false);
    expect(isCurrent({ ...row, isArchived: false })).toBe(true);
    expect(isCurrent({ ...row, isArchived: true })).toBe(false);
    expect(isCurrent({ ...row, _deleted: true })).toBe(false);
  });

  it('reads the school calendar from the live school record, or England’s defaults', async () => {
    const store = openStore();
    const defaults = await schoolCalendar(store);
    expect(defaults.terms.length).toBeGreaterThan(0);
    await patchEntity(store, 'school', newId(), {
      name: 'Oakfield',
      terms: [{ name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' }],
      closures: [{ date: '2026-11-27', reason: 'INSET day' }],
    });
    expect(await schoolCalendar(store)).toEqual({
      terms: [{ name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' }],
      closures: [{ date: '2026-11-27', reason: 'INSET day' }],
    });
  });
});
