import { describe, expect, it } from 'vitest';
import { formatHlc, newId, type Change, type GroupFields } from '../domain';
import { applyPulledPage } from './apply';
import { saveGroup, setGroupArchived } from './group-commands';
import { groupEditorSetup, groupsOverview } from './group-queries';
import type { LocalStore } from './local-store';
import { phonicsAndElsa, putTestSchool, testProvision, testStores, tickingClock } from './testing';
import { correctSession, logSession } from './session-commands';
import { ValidationError } from './validation';

// Wednesday 18 November 2026, mid-morning.
const NOW = Date.parse('2026-11-18T10:00:00');
const newStore = testStores();
const openStore = () => newStore(tickingClock(NOW));

const phonicsId = newId();
const elsaId = newId();
const oldId = newId();
const y2 = newId();
const y5 = newId();
const TA = newId();
const TEACHER = newId();
const SENCO = newId();
const LEFT_TA = newId();
const kids = {
  ava: newId(),
  ben: newId(),
  cai: newId(),
  dee: newId(),
  eli: newId(),
};

const seed = async (store: LocalStore) => {
  const { db } = store;
  await putTestSchool(store);
  await db.records('class').bulkPut([
    { id: y5, name: 'Year 5 Oak', yearGroup: 5 },
    { id: y2, name: 'Year 2 Ash', yearGroup: 2 },
  ]);
  await db.records('child').bulkPut([
    { id: kids.ava, firstName: 'Ava', lastName: 'Stone', classId: y5, yearGroup: 5 },
    { id: kids.ben, firstName: 'Ben', lastName: 'Hart', classId: y2, yearGroup: 2 },
    { id: kids.cai, firstName: 'Cai', lastName: 'Lowe', classId: y2, yearGroup: 2 },
    {
      id: kids.dee,
      firstName: 'Dee',
      lastName: 'Moss',
      classId: y2,
      yearGroup: 2,
      leftOn: '2026-10-01',
    },
    { id: kids.eli, firstName: 'Eli', lastName: 'Park', yearGroup: 4 },
  ]);
  await db.records('staff').bulkPut([
    { id: TEACHER, name: 'Jo Hughes', role: 'teacher', isActive: true },
    { id: TA, name: 'Alex Morgan', role: 'ta', isActive: true },
    { id: SENCO, name: 'Sam Patel', role: 'senco', isActive: true },
    { id: LEFT_TA, name: 'Lee Gone', role: 'ta', isActive: false },
  ]);
  await db.records('provision').bulkPut([
    ...phonicsAndElsa({ phonicsId, elsaId }),
    testProvision({
      id: oldId,
      name: 'Old scheme',
      format: 'group',
      sessionsPerWeek: 2,
      sessionMinutes: 15,
      isArchived: true,
    }),
  ]);
};

const phonicsGroup: GroupFields = {
  provisionId: phonicsId,
  name: '  Phonics: Year 2  ',
  childIds: [kids.ben, kids.cai],
  staffIds: [TA],
  schedule: [
    { weekday: 'wed', time: '09:05' },
    { weekday: 'mon', time: '09:05' },
  ],
  sessionMinutes: 20,
  startDate: '2026-11-09',
  endDate: '2026-12-18',
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a ValidationError');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors;
    },
  );

describe('saving an intervention group', () => {
  it('writes a new group and its outbox mutation together, every field sent', async () => {
    const store = openStore();
    await seed(store);
    let writes = 0;
    store.onWrite(() => (writes += 1));
    const id = await saveGroup(store, undefined, phonicsGroup);
    const row = await store.db.records('intervention').get(id);
    expect(row).toMatchObject({
      name: 'Phonics: Year 2',
      isArchived: false,
      // Kept in week order whatever order the slots were added in.
      schedule: [
        { weekday: 'mon', time: '09:05' },
        { weekday: 'wed', time: '09:05' },
      ],
    });
    const outbox = await store.db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.mutation).toMatchObject({
      kind: 'patch',
      entity: 'intervention',
      entityId: id,
      data: {
        ...phonicsGroup,
        name: 'Phonics: Year 2',
        schedule: row!.schedule,
        isArchived: false,
      },
    });
    expect(writes).toBe(1);
  });

  it('writes nothing for a bad group and says what is wrong with each field', async () => {
    const store = openStore();
    await seed(store);
    const errors = await failure(
      saveGroup(store, undefined, {
        ...phonicsGroup,
        childIds: [],
        staffIds: [],
        schedule: [],
        endDate: '2026-11-06',
      }),
    );
    expect(errors).toEqual({
      childIds: 'Choose at least one child.',
      staffIds: 'Choose who runs the group.',
      schedule: 'Add at least one session time.',
      endDate: 'The end date must be on or after the start date.',
    });
    const oneToOne = await failure(
      saveGroup(store, undefined, { ...phonicsGroup, provisionId: elsaId }),
    );
    expect(oneToOne.childIds).toBe(
      'ELSA is one-to-one: choose one child. For 2 children, make a group for each.',
    );
    const archived = await failure(
      saveGroup(store, undefined, { ...phonicsGroup, provisionId: oldId }),
    );
    expect(archived.provisionId).toMatch(/archived/);
    // A field the schema refuses comes back by name too.
    const minutes = await failure(
      saveGroup(store, undefined, { ...phonicsGroup, sessionMinutes: 0 }),
    );
    expect(Object.keys(minutes)).toEqual(['sessionMinutes']);
    expect(await store.db.records('intervention').count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('sends only what changed, so another device’s edit to another field survives', async () => {
    const store = openStore();
    await seed(store);
    const id = await saveGroup(store, undefined, phonicsGroup);
    // The form was opened; meanwhile a pull brings someone else's new name.
    const opened = await groupEditorSetup(store, id);
    const other = newId();
    const change: Change = {
      seq: 1,
      kind: 'patch',
      entity: 'intervention',
      entityId: id,
      data: { name: 'Phonics: Year 2 (Ash)' },
      hlc: formatHlc({ wallMs: NOW + 60_000, counter: 0, deviceId: other }),
    };
    await applyPulledPage(store, [change], 1);
    // This person changed the schedule only (the form sends what they changed).
    await saveGroup(store, id, { schedule: [{ weekday: 'tue', time: '13:00' }] });
    const row = await store.db.records('intervention').get(id);
    expect(row).toMatchObject({
      name: 'Phonics: Year 2 (Ash)',
      schedule: [{ weekday: 'tue', time: '13:00' }],
    });
    const last = (await store.db.outbox.toArray()).at(-1)!.mutation;
    expect(last.data).toEqual({ schedule: [{ weekday: 'tue', time: '13:00' }] });
    expect(opened?.group?.name).toBe('Phonics: Year 2');

    // Saving what is already held writes nothing, even with the slots reordered.
    const before = await store.db.outbox.count();
    await saveGroup(store, id, {
      name: 'Phonics: Year 2 (Ash) ',
      schedule: [{ weekday: 'tue', time: '13:00' }],
    });
    expect(await store.db.outbox.count()).toBe(before);
  });

  it('checks an edit against the whole group as it would stand', async () => {
    const store = openStore();
    await seed(store);
    const id = await saveGroup(store, undefined, phonicsGroup);
    const errors = await failure(saveGroup(store, id, { endDate: '2026-11-01' }));
    expect(errors).toEqual({ endDate: 'The end date must be on or after the start date.' });
    // A group keeps a provision archived since it started; it cannot be moved onto one.
    await store.db.records('provision').update(phonicsId, { isArchived: true });
    await saveGroup(store, id, { name: 'Phonics: Ash' });
    const moved = await failure(saveGroup(store, id, { provisionId: oldId }));
    expect(moved.provisionId).toMatch(/Old scheme has been archived/);
    expect((await store.db.records('intervention').get(id))?.name).toBe('Phonics: Ash');
  });

  it('archives and restores a group, each once, and lists it accordingly', async () => {
    const store = openStore();
    await seed(store);
    const id = await saveGroup(store, undefined, phonicsGroup);
    await setGroupArchived(store, id, true);
    await setGroupArchived(store, id, true);
    let overview = await groupsOverview(store);
    expect(overview.active).toHaveLength(0);
    expect(overview.archived.map((group) => group.id)).toEqual([id]);
    await setGroupArchived(store, id, false);
    overview = await groupsOverview(store);
    expect(overview.active.map((group) => group.id)).toEqual([id]);
    const patches = (await store.db.outbox.toArray()).slice(1).map((entry) => entry.mutation.data);
    expect(patches).toEqual([{ isArchived: true }, { isArchived: false }]);
    await expect(setGroupArchived(store, newId(), true)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('the groups list', () => {
  it('shows provision, staff, children, schedule, dates and delivered against planned so far', async () => {
    const store = openStore();
    await seed(store);
    const id = await saveGroup(store, undefined, phonicsGroup);
    await saveGroup(store, undefined, {
      ...phonicsGroup,
      name: 'ELSA: Ava',
      provisionId: elsaId,
      childIds: [kids.ava],
      staffIds: [TA, TEACHER],
      schedule: [{ weekday: 'fri', time: '13:30' }],
      startDate: '2026-11-20',
    });
    // Mon 9, Wed 11, Mon 16 and Wed 18 Nov are planned up to today (Wed 18).
    // Three logged; one corrected (counted once); one extra, unscheduled.
    const register = (date: string, isUnscheduled = false) => ({
      interventionId: id,
      date,
      minutes: 20,
      attendance: [
        { childId: kids.ben, isPresent: true },
        { childId: kids.cai, isPresent: true },
      ],
      isUnscheduled,
    });
    await logSession(store, register('2026-11-09'));
    const second = await logSession(store, register('2026-11-11'));
    await correctSession(store, second, { ...register('2026-11-11'), minutes: 15 });
    await logSession(store, register('2026-11-16'));
    await logSession(store, register('2026-11-17', true));

    const { today, active } = await groupsOverview(store);
    expect(today).toBe('2026-11-18');
    expect(active.map((group) => group.name)).toEqual(['ELSA: Ava', 'Phonics: Year 2']);
    expect(active[1]).toMatchObject({
      provisionName: 'Phonics catch-up',
      isOneToOne: false,
      staffNames: ['Alex Morgan'],
      childCount: 2,
      status: 'running',
      plannedSoFar: 4,
      delivered: 4,
      unscheduled: 1,
      problems: [],
      isWaiting: true,
    });
    expect(active[0]).toMatchObject({
      isOneToOne: true,
      staffNames: ['Alex Morgan', 'Jo Hughes'],
      status: 'upcoming',
      plannedSoFar: 0,
      delivered: 0,
    });
  });

  it('flags a group that a merge of two edits has left with its dates the wrong way round', async () => {
    const store = openStore();
    await seed(store);
    const id = await saveGroup(store, undefined, phonicsGroup);
    await applyPulledPage(
      store,
      [
        {
          seq: 1,
          kind: 'patch',
          entity: 'intervention',
          entityId: id,
          data: { startDate: '2026-12-01', endDate: '2026-11-30' },
          hlc: formatHlc({ wallMs: NOW + 60_000, counter: 0, deviceId: newId() }),
        },
      ],
      1,
    );
    const [group] = (await groupsOverview(store)).active;
    expect(group?.problems).toEqual(['The end date must be on or after the start date.']);
  });
});

describe('what the group form offers', () => {
  it('lists children on roll by class, staff who run groups, and open provisions', async () => {
    const store = openStore();
    await seed(store);
    const setup = (await groupEditorSetup(store))!;
    expect(setup.defaults).toEqual({ startDate: '2026-11-18', endDate: '2026-12-18' });
    expect(setup.classes.map((c) => c.name)).toEqual(['Year 2 Ash', 'Year 5 Oak']);
    // Dee has left; a child with no class comes last.
    expect(setup.children.map((child) => `${child.name} (${child.className})`)).toEqual([
      'Ben Hart (Year 2 Ash)',
      'Cai Lowe (Year 2 Ash)',
      'Ava Stone (Year 5 Oak)',
      'Eli Park (No class)',
    ]);
    // TAs first; no SENCo, nobody inactive.
    expect(setup.staff.map((member) => member.name)).toEqual(['Alex Morgan', 'Jo Hughes']);
    expect(setup.provisions.map((p) => p.name)).toEqual(['ELSA', 'Phonics catch-up']);
    expect(await groupEditorSetup(store, newId())).toBeNull();
  });

  it('keeps what a group already has even if no longer offered to new groups', async () => {
    const store = openStore();
    await seed(store);
    const id = await saveGroup(store, undefined, {
      ...phonicsGroup,
      childIds: [kids.ben],
      staffIds: [TA],
    });
    await store.db.records('intervention').update(id, {
      provisionId: oldId,
      childIds: [kids.ben, kids.dee],
      staffIds: [TA, LEFT_TA],
    });
    const setup = (await groupEditorSetup(store, id))!;
    expect(setup.group?.id).toBe(id);
    expect(setup.provisions.map((p) => p.name)).toContain('Old scheme');
    expect(setup.children.map((child) => child.name)).toContain('Dee Moss');
    expect(setup.staff.map((member) => member.name)).toContain('Lee Gone');
  });
});
