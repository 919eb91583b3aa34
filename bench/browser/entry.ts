/**
 * The device-side code under benchmark, bundled for a plain page: the real
 * storage commands and pull application, plus raw IndexedDB baselines that
 * do the same writes without the app's bookkeeping.
 */
import { formatHlc, newId, type Change } from '../../src/domain';
import {
  applyPulledPage,
  createLocalStore,
  schoolRecords,
  tickTarget,
  type LocalStore,
} from '../../src/storage';
import { gapReport, thisWeekReport, type SchoolRecords } from '../../src/domain/reports';
import { LARGE_SCHOOL_CALENDAR, largeSchool, recordCount } from '../../tests/fixtures/large-school';

const stores = new Map<string, LocalStore>();

const schoolChanges = (count: number): Change[] => {
  const deviceId = newId();
  const start = Date.parse('2026-09-02T08:00:00.000Z');
  const children = Array.from({ length: 700 }, () => newId());
  const targets = Array.from({ length: 2000 }, (_, i) => ({
    id: newId(),
    childId: children[i % 700]!,
  }));
  const changes: Change[] = [];
  let seq = 0;
  const hlc = () => formatHlc({ wallMs: start + seq * 1000, counter: 0, deviceId });
  for (const [i, childId] of children.entries()) {
    if (changes.length >= count) break;
    seq++;
    changes.push({
      seq,
      kind: 'patch',
      entity: 'child',
      entityId: childId,
      hlc: hlc(),
      data: {
        firstName: `Child${i}`,
        lastName: 'Bench',
        yearGroup: 1 + (i % 6),
        senStatus: i % 5 === 0 ? 'sen_support' : 'none',
        groups: i % 3 === 0 ? ['fsm'] : [],
        areasOfNeed: [],
        gender: 'not_stated',
      },
    });
  }
  for (const target of targets) {
    if (changes.length >= count) break;
    seq++;
    changes.push({
      seq,
      kind: 'patch',
      entity: 'target',
      entityId: target.id,
      hlc: hlc(),
      data: {
        childId: target.childId,
        text: `Target ${seq}`,
        startDate: '2026-09-02',
        level: 'termly',
        isArchived: false,
      },
    });
  }
  while (changes.length < count) {
    seq++;
    const target = targets[seq % targets.length]!;
    changes.push({
      seq,
      kind: 'event',
      entity: 'tick',
      entityId: newId(),
      hlc: hlc(),
      data: {
        targetId: target.id,
        childId: target.childId,
        outcome: 'achieved',
        recordedAt: new Date(start + seq * 1000).toISOString(),
        recordedBy: deviceId,
      },
    });
  }
  return changes;
};

const openRaw = (name: string): Promise<IDBDatabase> =>
  new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('records', { keyPath: 'id' });
      store.createIndex('targetId', 'targetId');
      store.createIndex('recordedAt', 'recordedAt');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const rawWrite = (db: IDBDatabase, rows: object[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const tx = db.transaction('records', 'readwrite');
    const store = tx.objectStore('records');
    for (const row of rows) store.put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });

const TABLES: [keyof SchoolRecords, string][] = [
  ['staff', 'staff'],
  ['classes', 'class'],
  ['children', 'child'],
  ['focusChildren', 'focusChild'],
  ['learningPlans', 'learningPlan'],
  ['targets', 'target'],
  ['passports', 'passport'],
  ['provisions', 'provision'],
  ['interventions', 'intervention'],
  ['ticks', 'tick'],
  ['sessions', 'interventionSession'],
  ['scores', 'assessmentScore'],
  ['reviews', 'review'],
];

const api = {
  /**
   * A year of a 700-child school on the SENCo's device: read it all from
   * IndexedDB, as the report screens do, then compute This week and the gap
   * analysis (every measure). Returns the time of each step, in ms.
   */
  async sencoReports(runs: number) {
    const records = largeSchool();
    const store = createLocalStore({ deviceId: newId(), dbName: `bench-senco-${newId()}` });
    for (const [key, entity] of TABLES) {
      const rows = records[key] as unknown as { id: string }[];
      for (let i = 0; i < rows.length; i += 5000) {
        await store.db.table(entity).bulkPut(rows.slice(i, i + 5000));
      }
    }
    if (records.school) await store.db.table('school').put(records.school);
    const load: number[] = [];
    const week: number[] = [];
    const gaps: number[] = [];
    let stored = 0;
    let check = '';
    for (let run = 0; run < runs; run++) {
      let started = performance.now();
      const fromDb = await schoolRecords(store);
      load.push(performance.now() - started);
      stored = recordCount(fromDb);
      started = performance.now();
      const report = thisWeekReport({
        records: fromDb,
        calendar: LARGE_SCHOOL_CALENDAR,
        weekOf: '2026-11-23',
        today: '2026-11-25',
      });
      week.push(performance.now() - started);
      started = performance.now();
      const gapReports = (['ticks', 'progress', 'attendance'] as const).map((measure) =>
        gapReport({ records: fromDb, calendar: LARGE_SCHOOL_CALENDAR, measure }),
      );
      gaps.push((performance.now() - started) / 3);
      check = `${report.groups.length} groups this week, ${gapReports[0]!.lines.length} gap lines, ${report.ticks.total} ticks this week`;
    }
    await store.db.delete();
    return { generated: recordCount(records), stored, load, week, gaps, check };
  },

  /** Apply `count` changes in pages of 500, as the sync engine does. */
  async pullAndApply(count: number) {
    const store = createLocalStore({ deviceId: newId(), dbName: `bench-pull-${newId()}` });
    const changes = schoolChanges(count);
    const started = performance.now();
    for (let i = 0; i < changes.length; i += 500) {
      const page = changes.slice(i, i + 500);
      await applyPulledPage(store, page, page[page.length - 1]!.seq);
    }
    const ms = performance.now() - started;
    const stored =
      (await store.db.records('child').count()) +
      (await store.db.records('target').count()) +
      (await store.db.records('tick').count());
    await store.db.delete();
    return { ms, stored };
  },

  /** Baseline: the same rows straight into one IndexedDB store, 500 per transaction. */
  async rawApply(count: number) {
    const db = await openRaw(`bench-raw-${newId()}`);
    const rows = schoolChanges(count).map((change) => ({ id: change.entityId, ...change.data }));
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 500) await rawWrite(db, rows.slice(i, i + 500));
    const ms = performance.now() - started;
    const stored = await new Promise<number>((resolve) => {
      const request = db.transaction('records').objectStore('records').count();
      request.onsuccess = () => resolve(request.result);
    });
    const name = db.name;
    db.close();
    indexedDB.deleteDatabase(name);
    return { ms, stored };
  },

  /** A device holding `existing` ticks already, ready for tick latency runs. */
  async prepareTicks(existing: number) {
    const key = newId();
    const store = createLocalStore({ deviceId: newId(), dbName: `bench-tick-${key}` });
    const targetId = newId();
    const childId = newId();
    const rows = Array.from({ length: existing }, (_, i) => ({
      id: newId(),
      targetId: i % 2 ? targetId : newId(),
      childId,
      outcome: 'achieved',
      recordedAt: new Date(Date.now() - i * 60_000).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 5000)
      await store.db.records('tick').bulkAdd(rows.slice(i, i + 5000));
    stores.set(key, store);
    const raw = await openRaw(`bench-tick-raw-${key}`);
    for (let i = 0; i < rows.length; i += 5000) await rawWrite(raw, rows.slice(i, i + 5000));
    raw.close();
    return { key, targetId, childId };
  },

  /** Latencies of `n` tickTarget commands, each measured to its committed transaction. */
  async tickLatencies(key: string, targetId: string, childId: string, n: number) {
    const store = stores.get(key)!;
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await tickTarget(store, { targetId, childId, outcome: i % 2 ? 'partly' : 'achieved' });
      latencies.push(performance.now() - started);
    }
    const committed = await store.db.records('tick').where('targetId').equals(targetId).count();
    const outbox = await store.db.outbox.count();
    return { latencies, committed, outbox };
  },

  /** Baseline: a raw IndexedDB put of the same tick, in the same page. */
  async rawLatencies(key: string, targetId: string, childId: string, n: number) {
    const db = await openRaw(`bench-tick-raw-${key}`);
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await rawWrite(db, [
        {
          id: newId(),
          targetId,
          childId,
          outcome: 'achieved',
          recordedAt: new Date().toISOString(),
        },
      ]);
      latencies.push(performance.now() - started);
    }
    db.close();
    return { latencies };
  },
};

(globalThis as unknown as { bench: typeof api }).bench = api;
