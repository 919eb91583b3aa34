import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc, newId } from '../../domain';
import {
  applyPulledPage,
  createLocalStore,
  groupEditorSetup,
  type GroupEditorSetup,
  type LocalStore,
} from '../../storage';
import { phonicsAndElsa } from '../../storage/testing';
import { CHILDREN_SHOWN, changesOf, createGroupEditorModel, groupFlash } from './model';

const stores: LocalStore[] = [];
// Monday 16 November 2026.
const NOW = Date.parse('2026-11-16T09:30:00');
const openStore = () => {
  let now = NOW;
  const store = createLocalStore({
    deviceId: newId(),
    dbName: `test-${newId()}`,
    now: () => now++,
  });
  stores.push(store);
  return store;
};
afterEach(async () => {
  for (const store of stores.splice(0)) await store.db.delete();
  groupFlash.value = undefined;
});

const phonicsId = newId();
const elsaId = newId();
const y3 = newId();
const y6 = newId();
const TA = newId();
const TEACHER = newId();
const zoe = newId();
const amir = newId();

const seed = async (store: LocalStore) => {
  const { db } = store;
  await db.records('school').put({
    id: newId(),
    name: 'Test School',
    terms: [{ name: 'Autumn 2026', start: '2026-09-02', end: '2026-12-18' }],
    closures: [],
  });
  await db.records('class').bulkPut([
    { id: y3, name: 'Year 3 Hazel', yearGroup: 3 },
    { id: y6, name: 'Year 6 Elm', yearGroup: 6 },
  ]);
  await db.records('child').bulkPut([
    { id: zoe, firstName: 'Zoë', lastName: 'Brook', classId: y3, yearGroup: 3 },
    { id: amir, firstName: 'Amir', lastName: 'Shah', classId: y3, yearGroup: 3 },
    // A large Year 6: more than the checklist shows at once.
    ...Array.from({ length: 90 }, (_, i) => ({
      id: newId(),
      firstName: `Pupil${String(i).padStart(2, '0')}`,
      lastName: 'Elm',
      classId: y6,
      yearGroup: 6,
    })),
  ]);
  await db.records('staff').bulkPut([
    { id: TA, name: 'Alex Morgan', role: 'ta', isActive: true },
    { id: TEACHER, name: 'Jo Hughes', role: 'teacher', isActive: true },
  ]);
  await db.records('provision').bulkPut(phonicsAndElsa({ phonicsId, elsaId }));
};

const setupOf = async (store: LocalStore, id?: string): Promise<GroupEditorSetup> =>
  (await groupEditorSetup(store, id))!;

/** Fill a new group's form as a SENCo would: Phonics, two Year 3 children, Alex, Mon + Wed. */
const fillPhonics = (model: ReturnType<typeof createGroupEditorModel>) => {
  model.chooseProvision(phonicsId);
  model.set('name', 'Phonics: Year 3');
  model.toggleChild(zoe);
  model.toggleChild(amir);
  model.toggleStaff(TA);
  model.removeSlot(2);
  model.setSlot(0, { weekday: 'mon', time: '10:15' });
  model.setSlot(1, { weekday: 'wed', time: '10:15' });
};

/** A seeded device on which the Phonics group has already been saved. */
const withSavedPhonics = async () => {
  const store = openStore();
  await seed(store);
  const creator = createGroupEditorModel(await setupOf(store));
  fillPhonics(creator);
  const id = (await creator.save(store))!;
  return { store, id };
};

describe('the group form', () => {
  it('starts from the provision: its session length and sessions a week, today to the end of term', async () => {
    const store = openStore();
    await seed(store);
    const model = createGroupEditorModel(await setupOf(store));
    expect(model.form.value).toMatchObject({ startDate: '2026-11-16', endDate: '2026-12-18' });
    model.chooseProvision(phonicsId);
    expect(model.form.value.sessionMinutes).toBe('20');
    expect(model.form.value.slots.map((slot) => slot.weekday)).toEqual(['mon', 'wed', 'fri']);
    // Once set by hand, another provision leaves them alone.
    model.setMinutes('25');
    model.removeSlot(2);
    model.chooseProvision(elsaId);
    expect(model.form.value.sessionMinutes).toBe('25');
    expect(model.form.value.slots).toHaveLength(2);
  });

  it('shows every problem beside its field at once and saves nothing', async () => {
    const store = openStore();
    await seed(store);
    const model = createGroupEditorModel(await setupOf(store));
    model.chooseProvision(phonicsId);
    model.setMinutes('twenty');
    model.removeSlot(0);
    model.removeSlot(0);
    model.removeSlot(0);
    model.set('endDate', '2026-11-13');
    expect(await model.save(store)).toBeUndefined();
    expect(model.errors.value).toEqual({
      name: 'Enter a name for the group.',
      childIds: 'Choose at least one child.',
      staffIds: 'Choose who runs the group.',
      schedule: 'Add at least one session time.',
      sessionMinutes: 'Enter the minutes a session lasts, as a whole number.',
      endDate: 'The end date must be on or after the start date.',
    });
    expect(await store.db.records('intervention').count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
    expect(groupFlash.value).toBeUndefined();
  });

  it('refuses two children for a one-to-one provision', async () => {
    const store = openStore();
    await seed(store);
    const model = createGroupEditorModel(await setupOf(store));
    fillPhonics(model);
    model.chooseProvision(elsaId);
    expect(await model.save(store)).toBeUndefined();
    expect(model.errors.value).toEqual({
      childIds: 'ELSA is one-to-one: choose one child. For 2 children, make a group for each.',
    });
    model.toggleChild(amir);
    expect(await model.save(store)).toBeDefined();
  });

  it('saves a sound group with its outbox entry', async () => {
    const store = openStore();
    await seed(store);
    const model = createGroupEditorModel(await setupOf(store));
    fillPhonics(model);
    const id = await model.save(store);
    expect(id).toBeDefined();
    expect(model.errors.value).toEqual({});
    expect(groupFlash.value).toBe('Phonics: Year 3 saved on this device.');
    expect(await store.db.records('intervention').get(id!)).toMatchObject({
      provisionId: phonicsId,
      childIds: [zoe, amir],
      staffIds: [TA],
      schedule: [
        { weekday: 'mon', time: '10:15' },
        { weekday: 'wed', time: '10:15' },
      ],
      sessionMinutes: 20,
      startDate: '2026-11-16',
      endDate: '2026-12-18',
      isArchived: false,
    });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('on an edit sends only what this person changed, keeping a change synced meanwhile', async () => {
    const { store, id } = await withSavedPhonics();

    const model = createGroupEditorModel(await setupOf(store, id));
    expect(model.form.value.childIds).toEqual([zoe, amir]);
    // While the form is open, another device's change to the end date arrives.
    await applyPulledPage(
      store,
      [
        {
          seq: 1,
          kind: 'patch',
          entity: 'intervention',
          entityId: id,
          data: { endDate: '2026-12-11' },
          hlc: formatHlc({ wallMs: NOW + 60_000, counter: 0, deviceId: newId() }),
        },
      ],
      1,
    );
    model.refresh(await setupOf(store, id));
    model.toggleStaff(TEACHER);
    model.set('name', 'Phonics: Year 3 Hazel');
    expect(await model.save(store)).toBe(id);
    const last = (await store.db.outbox.toArray()).at(-1)!.mutation;
    expect(last.data).toEqual({ name: 'Phonics: Year 3 Hazel', staffIds: [TA, TEACHER] });
    expect(await store.db.records('intervention').get(id)).toMatchObject({
      endDate: '2026-12-11',
      name: 'Phonics: Year 3 Hazel',
    });
  });

  it('lists what changed, field by field', async () => {
    const store = openStore();
    await seed(store);
    const model = createGroupEditorModel(await setupOf(store));
    fillPhonics(model);
    const opened = { ...model.form.value };
    model.setSlot(1, { time: '11:00' });
    model.setMinutes(' 20 ');
    expect(changesOf(model.form.value, opened)).toEqual({
      schedule: [
        { weekday: 'mon', time: '10:15' },
        { weekday: 'wed', time: '11:00' },
      ],
    });
  });

  it('archives and restores the group it edits', async () => {
    const { store, id } = await withSavedPhonics();
    const model = createGroupEditorModel(await setupOf(store, id));
    expect(await model.setArchived(store, true)).toBe(true);
    expect((await store.db.records('intervention').get(id))?.isArchived).toBe(true);
    expect(groupFlash.value).toMatch(/^Phonics: Year 3 archived/);
    expect(await model.setArchived(store, false)).toBe(true);
    expect((await store.db.records('intervention').get(id))?.isArchived).toBe(false);
  });
});

describe('finding children', () => {
  it('by name (accents ignored) or class, a page at a time', async () => {
    const store = openStore();
    await seed(store);
    const model = createGroupEditorModel(await setupOf(store));
    const all = model.childSections.value;
    expect(all.total).toBe(92);
    expect(all.shown).toBe(CHILDREN_SHOWN);
    expect(all.sections[0]).toMatchObject({ className: 'Year 3 Hazel' });
    expect(all.sections[0]!.children.map((child) => child.name)).toEqual([
      'Amir Shah',
      'Zoë Brook',
    ]);

    model.childQuery.value = 'zoe';
    expect(model.childSections.value.sections.flatMap((s) => s.children.map((c) => c.id))).toEqual([
      zoe,
    ]);
    model.toggleChild(zoe);
    // Still listed (ticked), and among the chosen.
    expect(model.childSections.value.total).toBe(1);
    expect(model.chosenChildren.value.map((child) => child.name)).toEqual(['Zoë Brook']);

    model.childQuery.value = '';
    model.classFilter.value = y6;
    const year6 = model.childSections.value;
    expect(year6.total).toBe(90);
    expect(year6.sections.map((section) => section.className)).toEqual(['Year 6 Elm']);
    model.childQuery.value = 'pupil8';
    expect(model.childSections.value.total).toBe(10);
  });
});
