/**
 * What happens in a simulation run: the commands (fast-check arbitraries),
 * how each is carried out on the world, the "heal" phase (network perfect
 * again until everyone is in step) and the invariants checked at the end.
 */
import fc from 'fast-check';
import {
  compareHlc,
  nextHlc,
  OUTCOMES,
  type EntityName,
  type Mutation,
  type MutationResult,
} from '../../../src/domain';
import {
  deleteEntity,
  patchEntity,
  recordEvent,
  tickTarget,
  ValidationError,
} from '../../../src/storage';
import type { StoredRow } from '../../../src/storage/db';
import { recordRowToState } from '../../../server/store/sync-store';
import { getChangeSeq } from '../../../server/store/change-counter';
import { FAULTS, SCHOOL_ID, CHILD_IDS, type Fault, type World } from './world';

const DAY = 86_400_000;

export type Command =
  | { type: 'tick'; device: number; pick: number; outcome: number }
  | { type: 'correct'; device: number; pick: number; outcome: number }
  | { type: 'patch'; device: number; pick: number; field: PatchField }
  | { type: 'create'; device: number; child: number }
  | { type: 'delete'; device: number; pick: number }
  | { type: 'poison'; device: number }
  | { type: 'sync'; device: number; faults: Fault[] }
  | { type: 'twoTabs'; device: number; faults: Fault[] }
  | { type: 'restartDevice'; device: number }
  | { type: 'restartServer' }
  | { type: 'deliverLate'; pick: number }
  | { type: 'advance'; ms: number };

const PATCH_FIELDS = ['text', 'successCriteria', 'areaOfNeed', 'isArchived'] as const;
type PatchField = (typeof PATCH_FIELDS)[number];
const AREAS = ['communication', 'cognition', 'semh', 'sensory'] as const;

/** Faults weighted so most requests get through. */
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Fault>('ok') },
  { weight: 3, arbitrary: fc.constantFrom<Fault>(...FAULTS.filter((f) => f !== 'ok')) },
);

export const scenarioArb = (maxCommands: number) =>
  fc.integer({ min: 2, max: 8 }).chain((deviceCount) => {
    const device = fc.integer({ min: 0, max: deviceCount - 1 });
    const pick = fc.nat(1000);
    const command: fc.Arbitrary<Command> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ type: fc.constant('tick'), device, pick, outcome: fc.nat(3) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ type: fc.constant('correct'), device, pick, outcome: fc.nat(3) }),
      },
      {
        weight: 6,
        arbitrary: fc.record({
          type: fc.constant('patch'),
          device,
          pick,
          field: fc.constantFrom(...PATCH_FIELDS),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ type: fc.constant('create'), device, child: fc.nat(1) }),
      },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('delete'), device, pick }) },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('poison'), device }) },
      {
        weight: 8,
        arbitrary: fc.record({
          type: fc.constant('sync'),
          device,
          faults: fc.array(faultArb, { maxLength: 6 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('restartDevice'), device }) },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant('twoTabs'),
          device,
          faults: fc.array(faultArb, { maxLength: 6 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('restartServer') }) },
      { weight: 2, arbitrary: fc.record({ type: fc.constant('deliverLate'), pick }) },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant('advance'),
          ms: fc.oneof(fc.integer({ min: 1, max: 120_000 }), fc.integer({ min: 1, max: 2 * DAY })),
        }),
      },
    ) as fc.Arbitrary<Command>;
    // Clocks: most a little off, some days off either way.
    const skew = fc.oneof(
      fc.integer({ min: -90_000, max: 90_000 }),
      fc.integer({ min: -3 * DAY, max: 3 * DAY }),
    );
    return fc.record({
      /** Which devices had synced once before the run (the rest start empty). */
      primed: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(true) },
          { weight: 1, arbitrary: fc.constant(false) },
        ),
        { minLength: deviceCount, maxLength: deviceCount },
      ),
      skews: fc.array(skew, { minLength: deviceCount, maxLength: deviceCount }),
      commands: fc.array(command, { minLength: 1, maxLength: maxCommands, size: 'max' }),
    });
  });

export type Scenario = { primed: boolean[]; skews: number[]; commands: Command[] };

/** What the run made and what the devices were told. */
export type Ledger = {
  /** Every mutation any device made, by id. */
  made: Map<string, { device: number; mutation: Mutation }>;
  counter: number;
};

const visible = <R extends StoredRow>(rows: R[]) =>
  rows.filter((row) => !row._deleted && !row._rejected).sort((a, b) => a.id.localeCompare(b.id));

const lastMutation = async (world: World, device: number): Promise<Mutation | undefined> =>
  (await world.devices[device]!.store.db.outbox.orderBy('seq').last())?.mutation;

/** Totals over all runs, printed at the end so a weak simulation shows itself. */
export const stats = {
  runs: 0,
  mutations: 0,
  refused: 0,
  answers: 0,
  faults: 0,
  restarts: 0,
  late: 0,
};

export const runCommand = async (world: World, ledger: Ledger, command: Command) => {
  world.clock.nowMs += 7;
  if (command.type === 'sync') stats.faults += command.faults.filter((f) => f !== 'ok').length;
  if (command.type === 'restartDevice' || command.type === 'restartServer') stats.restarts++;
  const note = async (device: number, write: () => Promise<unknown>) => {
    const before = await lastMutation(world, device);
    try {
      await write();
    } catch (error) {
      // The command refused (e.g. the record was deleted here): nothing was written.
      if (error instanceof ValidationError) return;
      throw error;
    }
    const after = await lastMutation(world, device);
    if (after && after.id !== before?.id) ledger.made.set(after.id, { device, mutation: after });
  };
  switch (command.type) {
    case 'tick':
    case 'correct': {
      const d = world.devices[command.device]!;
      const targets = visible(await d.store.db.records('target').toArray());
      if (targets.length === 0) return;
      const target = targets[command.pick % targets.length]!;
      const outcome = OUTCOMES[command.outcome % OUTCOMES.length]!;
      if (command.type === 'tick') {
        await note(command.device, () =>
          tickTarget(d.store, { targetId: target.id, childId: target.childId as string, outcome }),
        );
        return;
      }
      const ticks = visible(await d.store.db.records('tick').toArray());
      if (ticks.length === 0) return;
      const old = ticks[command.pick % ticks.length]!;
      await note(command.device, () =>
        recordEvent(d.store, 'tick', {
          targetId: old.targetId,
          childId: old.childId,
          outcome,
          supersedesId: old.id,
          recordedAt: new Date(d.store.now()).toISOString(),
        }),
      );
      return;
    }
    case 'patch': {
      const d = world.devices[command.device]!;
      const targets = visible(await d.store.db.records('target').toArray());
      if (targets.length === 0) return;
      const target = targets[command.pick % targets.length]!;
      const n = ++ledger.counter;
      const value =
        command.field === 'text' || command.field === 'successCriteria'
          ? `d${command.device} edit ${n}`
          : command.field === 'areaOfNeed'
            ? AREAS[n % AREAS.length]
            : n % 2 === 0;
      await note(command.device, () =>
        patchEntity(d.store, 'target', target.id, { [command.field]: value }),
      );
      return;
    }
    case 'create': {
      const d = world.devices[command.device]!;
      const n = ++ledger.counter;
      await note(command.device, () =>
        patchEntity(d.store, 'target', crypto.randomUUID(), {
          childId: CHILD_IDS[command.child % CHILD_IDS.length]!,
          text: `d${command.device} new target ${n}`,
          startDate: '2026-10-05',
        }),
      );
      return;
    }
    case 'delete': {
      const d = world.devices[command.device]!;
      const targets = visible(await d.store.db.records('target').toArray());
      if (targets.length === 0) return;
      const target = targets[command.pick % targets.length]!;
      await note(command.device, () => deleteEntity(d.store, 'target', target.id));
      return;
    }
    case 'poison': {
      // A mutation an older app version could have queued: the server must
      // refuse it with a reason, and it must never block what comes after.
      const d = world.devices[command.device]!;
      const { db } = d.store;
      await db.transaction('rw', [db.outbox, db.meta], async () => {
        const lastSeq = ((await db.meta.get('lastSeq'))?.value as number | undefined) ?? 0;
        const lastHlc = (await db.meta.get('lastHlc'))?.value as string | undefined;
        const hlc = nextHlc(lastHlc, d.store.now(), d.deviceId);
        const mutation: Mutation = {
          id: crypto.randomUUID(),
          deviceId: d.deviceId,
          seq: lastSeq + 1,
          hlc,
          kind: 'event',
          entity: 'tick',
          entityId: crypto.randomUUID(),
          data: { outcome: 'brilliant', targetId: 'not-an-id' },
        };
        await db.meta.put({ key: 'lastSeq', value: lastSeq + 1 });
        await db.meta.put({ key: 'lastHlc', value: hlc });
        await db.outbox.add({ seq: lastSeq + 1, mutation, state: 'pending', createdAt: '' });
        ledger.made.set(mutation.id, { device: command.device, mutation });
      });
      return;
    }
    case 'sync': {
      const d = world.devices[command.device]!;
      d.faults = [...command.faults];
      await d.engine.sync();
      d.faults = [];
      await checkOwnEditsVisible(world, command.device);
      return;
    }
    case 'twoTabs': {
      const d = world.devices[command.device]!;
      d.faults = [...command.faults];
      await world.twoTabs(command.device);
      d.faults = [];
      await checkOwnEditsVisible(world, command.device);
      return;
    }
    case 'restartDevice':
      world.restartDevice(command.device);
      return;
    case 'restartServer':
      await world.restartServer();
      return;
    case 'deliverLate':
      await world.deliverLate(command.pick);
      return;
    case 'advance':
      world.clock.nowMs += command.ms;
      return;
  }
};

/**
 * Mid-run invariant: a pulled value never overwrites a field that still has
 * a newer change of this device waiting (pending, or acknowledged but not
 * yet pulled back), and a pending delete keeps the record hidden.
 */
export const checkOwnEditsVisible = async (world: World, index: number) => {
  const { db } = world.devices[index]!.store;
  const outbox = (await db.outbox.orderBy('seq').toArray()).filter(
    (e) => e.mutation.kind !== 'event',
  );
  const newest = new Map<string, { hlc: string; value: unknown }>();
  for (const { mutation } of outbox) {
    if (mutation.kind === 'delete')
      newest.set(`${mutation.entity}:${mutation.entityId}:_deleted`, {
        hlc: mutation.hlc,
        value: true,
      });
    for (const [field, value] of Object.entries(mutation.data ?? {})) {
      newest.set(`${mutation.entity}:${mutation.entityId}:${field}`, { hlc: mutation.hlc, value });
    }
  }
  for (const [key, { hlc, value }] of newest) {
    const [entity, id, field] = key.split(':') as [EntityName, string, string];
    const row = await db.anyRecords(entity).get(id);
    if (!row) fail(`device ${index}: ${entity} ${id} with a waiting change is missing`);
    if (field === '_deleted') {
      if (!row!._deleted) fail(`device ${index}: ${entity} ${id} deleted here but shown`);
      continue;
    }
    const base = row!._sync?.baseHlcs[field];
    if ((base === undefined || base < hlc) && !sameJson(row![field], value)) {
      fail(`device ${index}: pulled value hid a newer waiting edit of ${key}`, { row, value, hlc });
    }
  }
};

/** The network heals: held requests arrive, then everyone syncs until nothing moves. */
export const heal = async (world: World) => {
  stats.late += world.late.length;
  while (world.late.length > 0) await world.deliverLate(0);
  for (let round = 0; round < 12; round++) {
    world.clock.nowMs += 1000;
    for (const device of world.devices) {
      device.faults = [];
      const result = await device.engine.sync();
      if (!result.ok)
        throw new Error(`device ${device.index} could not sync when healed: ${result.message}`);
    }
    const serverSeq = await getChangeSeq(world.db, SCHOOL_ID);
    let settled = true;
    for (const device of world.devices) {
      const pending = await device.store.db.outbox.count();
      const cursor = ((await device.store.db.meta.get('cursor'))?.value as number) ?? 0;
      if (pending > 0 || cursor !== serverSeq) settled = false;
    }
    if (settled) return round;
  }
  throw new Error('devices did not settle after the network healed');
};

const BOOKKEEPING = new Set(['_sync', '_deleted', '_rejected']);

const strip = (row: StoredRow): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!BOOKKEEPING.has(key)) out[key] = value;
  return out;
};

const fail = (message: string, detail?: unknown): never => {
  throw new Error(
    `${message}${detail === undefined ? '' : `\n${JSON.stringify(detail, null, 2)}`}`,
  );
};

const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
};

/** Every invariant of the protocol, on the healed world. */
export const checkInvariants = async (world: World, ledger: Ledger) => {
  const db = world.db;
  const applied = new Map(
    (
      await db
        .selectFrom('applied_mutations')
        .selectAll()
        .where('school_id', '=', SCHOOL_ID)
        .execute()
    ).map((row) => [row.mutation_id, row]),
  );
  const changes = await db
    .selectFrom('changes')
    .selectAll()
    .where('school_id', '=', SCHOOL_ID)
    .orderBy('seq')
    .execute();
  const changeByMutation = new Map(changes.map((row) => [row.mutation_id, row]));
  const history = await db
    .selectFrom('record_history')
    .selectAll()
    .where('school_id', '=', SCHOOL_ID)
    .execute();
  const records = (
    await db.selectFrom('records').selectAll().where('school_id', '=', SCHOOL_ID).execute()
  ).map(recordRowToState);
  const recordByKey = new Map(records.map((r) => [`${r.entity}:${r.entityId}`, r]));

  // 1. Nothing a device made is silently gone: each mutation is on the
  //    server (applied or a duplicate), or was refused and sits in that
  //    device's "needs attention" list with the server's reason.
  for (const [id, { device, mutation }] of ledger.made) {
    const row = applied.get(id);
    if (!row)
      fail(
        `mutation ${id} (device ${device}, ${mutation.kind} ${mutation.entity}) never reached the server`,
      );
    if (row!.status === 'rejected') {
      const attention = await world.devices[device]!.store.db.attention.get(id);
      if (!attention)
        fail(`mutation ${id} was refused (${row!.code}) but is not in "needs attention"`);
      if (attention!.code !== row!.code)
        fail(`attention code ${attention!.code} differs from the server's ${row!.code}`);
    }
  }
  // Every answer a device received agrees with what the server recorded.
  for (const { results } of world.answered) {
    for (const result of results as MutationResult[]) {
      const row = applied.get(result.id);
      if (!row) fail(`device was told ${result.status} for ${result.id}, unknown to the server`);
      if ((result.status === 'rejected') !== (row!.status === 'rejected')) {
        fail(
          `device was told ${result.status} for ${result.id}, the server recorded ${row!.status}`,
        );
      }
    }
  }

  // 2. Every acknowledged event exists exactly once on the server.
  for (const [id, { mutation }] of ledger.made) {
    if (mutation.kind !== 'event' || applied.get(id)!.status === 'rejected') continue;
    const rows = changes.filter((c) => c.entity_id === mutation.entityId && c.kind === 'event');
    if (rows.length !== 1)
      fail(`event ${mutation.entityId} is in the change log ${rows.length} times`);
    if (!recordByKey.has(`${mutation.entity}:${mutation.entityId}`))
      fail(`event ${mutation.entityId} has no record`);
  }

  // 3. No acknowledged write lost: each field of each applied patch is the
  //    current value or kept in the record's history.
  for (const [id, { mutation }] of ledger.made) {
    if (mutation.kind !== 'patch' || applied.get(id)!.status === 'rejected') continue;
    const record = recordByKey.get(`${mutation.entity}:${mutation.entityId}`);
    if (!record) fail(`patched record ${mutation.entityId} is missing`);
    const change = changeByMutation.get(id);
    const changed = change?.data ? (JSON.parse(change.data) as Record<string, unknown>) : {};
    for (const [field, value] of Object.entries(mutation.data ?? {})) {
      const inChange = field in changed;
      const current =
        inChange &&
        record!.fieldHlcs[field] === change!.hlc &&
        sameJson(record!.data[field], value);
      const kept = history.some(
        (h) =>
          h.field === field &&
          h.entity_id === mutation.entityId &&
          sameJson(JSON.parse(h.value), value) &&
          ((h.reason === 'lost' && h.mutation_id === id) ||
            (h.reason === 'overwritten' && inChange && h.hlc === change!.hlc)),
      );
      if (!current && !kept) {
        fail(
          `patch ${id} field ${field}=${JSON.stringify(value)} is neither current nor in history`,
          {
            record,
            change,
          },
        );
      }
    }
  }

  // 4. Conflict outcomes are deterministic: each field holds the value of
  //    the applied patch with the greatest (server-clamped) HLC, whatever
  //    the order of arrival, and a device's own later edit is never beaten
  //    by its own earlier one. Delete beats edit: nothing applied after it.
  type Candidate = { hlc: string; value: unknown; device: string; seq: number; changeSeq: number };
  const best = new Map<string, Candidate[]>();
  for (const [id, row] of applied) {
    if (row.status !== 'applied') continue;
    const change = changeByMutation.get(id);
    const made = ledger.made.get(id);
    if (!made || made.mutation.kind !== 'patch') continue;
    const lostRows = history.filter((h) => h.mutation_id === id && h.reason === 'lost');
    const hlc = change?.hlc ?? lostRows[0]?.hlc;
    if (!hlc) fail(`applied patch ${id} left no change and no history`);
    for (const [field, value] of Object.entries(made.mutation.data ?? {})) {
      const key = `${made.mutation.entity}:${made.mutation.entityId}:${field}`;
      const list = best.get(key) ?? [];
      list.push({
        hlc: hlc!,
        value,
        device: made.mutation.deviceId,
        seq: made.mutation.seq,
        changeSeq: Number(row.change_seq ?? 0),
      });
      best.set(key, list);
    }
  }
  for (const [key, list] of best) {
    const [entity, entityId, field] = key.split(':') as [string, string, string];
    const record = recordByKey.get(`${entity}:${entityId}`)!;
    const winner = [...list].sort((a, b) => compareHlc(b.hlc, a.hlc))[0]!;
    if (!sameJson(record.data[field], winner.value)) {
      fail(
        `${key}: server holds ${JSON.stringify(record.data[field])}, LWW winner is ${JSON.stringify(winner.value)}`,
        list,
      );
    }
    for (const other of list) {
      if (other.device === winner.device && other.seq > winner.seq) {
        fail(
          `${key}: device ${other.device}'s later edit (seq ${other.seq}) lost to its own earlier edit (seq ${winner.seq})`,
          list,
        );
      }
    }
    if (record.isDeleted) {
      const del = changes.find((c) => c.entity_id === entityId && c.kind === 'delete');
      for (const c of list)
        if (del && c.changeSeq > Number(del.seq))
          fail(`${key}: a patch was applied after the delete`);
    }
  }

  // 5. Convergence: every device shows exactly the server's records.
  const serverSeq = await getChangeSeq(db, SCHOOL_ID);
  for (const device of world.devices) {
    const local = device.store.db;
    const cursor = ((await local.meta.get('cursor'))?.value as number) ?? 0;
    if (cursor !== serverSeq)
      fail(`device ${device.index} cursor ${cursor} != server ${serverSeq}`);
    const pending = await local.outbox.count();
    if (pending !== 0) fail(`device ${device.index} still has ${pending} outbox entries`);
    for (const entity of ['target', 'tick', 'child', 'class', 'staff', 'school'] as EntityName[]) {
      const rows = (await local.records(entity).toArray()).filter((row) => !row._rejected);
      const server = records.filter((r) => r.entity === entity);
      if (rows.length !== server.length) {
        fail(
          `device ${device.index} has ${rows.length} ${entity} rows, the server ${server.length}`,
          {
            device: rows.map((r) => r.id).sort(),
            server: server.map((r) => r.entityId).sort(),
          },
        );
      }
      for (const row of rows) {
        const s = recordByKey.get(`${entity}:${row.id}`);
        if (!s) fail(`device ${device.index} has ${entity} ${row.id} the server does not`);
        if (!!row._deleted !== s!.isDeleted)
          fail(
            `device ${device.index}: ${entity} ${row.id} deleted=${!!row._deleted}, server ${s!.isDeleted}`,
          );
        if (!sameJson(strip(row), { ...s!.data, id: row.id })) {
          fail(`device ${device.index}: ${entity} ${row.id} differs from the server`, {
            device: strip(row),
            server: s!.data,
          });
        }
      }
    }
  }
  stats.runs++;
  stats.mutations += ledger.made.size;
  stats.refused += [...applied.values()].filter((r) => r.status === 'rejected').length;
  stats.answers += world.answered.length;
  if (world.serverErrors.length > 0)
    fail('the server logged an error', String(world.serverErrors[0]));
};
