import { describe, expect, it } from 'vitest';
import { newId } from '../domain';
import { testStores } from './testing';
import { provisionLibrary, saveProvision, type ProvisionFields } from './provision-commands';
import { ValidationError } from './validation';

const openStore = testStores();

const phonics: ProvisionFields = {
  name: 'Phonics catch-up',
  description: 'Small-group phonics three times a week.',
  areaOfNeed: 'cognition_learning',
  wave: 2,
  format: 'group',
  sessionsPerWeek: 3,
  sessionMinutes: 20,
  staffHourlyCostPence: 1_450,
  resourceCostPerPupilPence: 300,
  measure: { name: 'Phonics screening', unit: 'marks', isHigherBetter: true, min: 0, max: 40 },
};

describe('the provision library', () => {
  it('adds and changes a provision, with its outbox entries, and counts its groups', async () => {
    const store = openStore();
    const id = await saveProvision(store, undefined, phonics);
    await saveProvision(store, id, { ...phonics, sessionMinutes: 25 });
    await store.db.records('intervention').put({ id: newId(), provisionId: id, name: 'Y2' });
    const [entry, ...others] = await provisionLibrary(store);
    expect(others).toHaveLength(0);
    expect(entry).toMatchObject({
      id,
      name: 'Phonics catch-up',
      sessionMinutes: 25,
      groupCount: 1,
    });
    expect(await store.db.outbox.count()).toBe(2);
  });

  it('removes a measure, sending only the fields that changed', async () => {
    const store = openStore();
    const { measure: _measure, ...noMeasure } = phonics;
    const plain = await saveProvision(store, undefined, { ...noMeasure, measure: null });
    // A new provision without a measure does not carry the field at all.
    expect(Object.keys((await store.db.outbox.toArray())[0]!.mutation.data!)).not.toContain(
      'measure',
    );
    expect(plain).toBeTruthy();

    const id = await saveProvision(store, undefined, phonics);
    await saveProvision(store, id, { ...phonics, measure: null });
    const [, , removal] = await store.db.outbox.orderBy('seq').toArray();
    expect(removal!.mutation.data).toEqual({ measure: null });
    const entry = (await provisionLibrary(store)).find((row) => row.id === id);
    expect(entry?.measure).toBeNull();

    // Saving the form again unchanged sends nothing.
    await saveProvision(store, id, { ...phonics, measure: null });
    expect(await store.db.outbox.count()).toBe(3);
  });

  it('keeps a change that arrived while the form was open, sending only what the person changed', async () => {
    const store = openStore();
    const id = await saveProvision(store, undefined, phonics);
    const opened = (await provisionLibrary(store))[0]!;
    // Another SENCo device's new cost reaches this one while the form is open.
    const row = (await store.db.records('provision').get(id))!;
    await store.db.records('provision').put({ ...row, staffHourlyCostPence: 1_600 });

    await saveProvision(store, id, { ...phonics, sessionMinutes: 25 }, opened);
    const [, edit] = await store.db.outbox.orderBy('seq').toArray();
    expect(edit!.mutation.data).toEqual({ sessionMinutes: 25 });
    expect(await store.db.records('provision').get(id)).toMatchObject({
      sessionMinutes: 25,
      staffHourlyCostPence: 1_600,
    });
  });

  it('refuses a measure whose highest score is not above its lowest, writing nothing', async () => {
    const store = openStore();
    const bad = { ...phonics, measure: { ...phonics.measure!, min: 40, max: 40 } };
    const error = await saveProvision(store, undefined, bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors['measure.max']).toBe(
      'The highest score must be more than the lowest.',
    );
    const unnamed = await saveProvision(store, undefined, { ...phonics, name: ' ' }).catch(
      (caught: unknown) => caught,
    );
    expect((unnamed as ValidationError).fieldErrors.name).toBe('Enter a name');
    expect(await store.db.records('provision').count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });
});
