import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PIN_ATTEMPTS } from '../../domain/pin';
import { newId } from '../../domain';
import { createLocalStore, getLockSettings, type LocalStore } from '../../storage';
import { createLockModel } from './lock-model';

const stores: LocalStore[] = [];
const openStore = () => {
  const store = createLocalStore({ deviceId: newId(), dbName: `lock-${newId()}` });
  stores.push(store);
  return store;
};
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const store of stores.splice(0)) await store.db.delete();
});

describe('the tablet lock', () => {
  it('keeps only a salted hash of the PIN, and refuses a PIN that is not 4 to 8 digits', async () => {
    const lock = createLockModel(openStore());
    expect(await lock.setPin('12a4', '12a4', 5)).toMatch(/4 to 8 digits/);
    expect(await lock.setPin('1234', '1243', 5)).toMatch(/different/);
    expect(await lock.setPin('2468', '2468', 5)).toBeUndefined();
    const stored = await getLockSettings(stores[0]!);
    expect(JSON.stringify(stored)).not.toContain('2468');
    expect(stored).toMatchObject({ idleMinutes: 5, failedAttempts: 0 });
  });

  it('locks after the chosen minutes without use, and a tap before then starts the wait again', async () => {
    let clock = 0;
    const store = openStore();
    const lock = createLockModel(store, () => clock);
    stops.push(await lock.start());
    expect(lock.isLocked.value).toBe(false);
    await lock.setPin('2468', '2468', 5);
    clock += 4 * 60_000;
    document.dispatchEvent(new Event('pointerdown'));
    clock += 4 * 60_000;
    lock.checkIdle();
    expect(lock.isLocked.value).toBe(false);
    clock += 60_000;
    lock.checkIdle();
    expect(lock.isLocked.value).toBe(true);
    expect(await lock.unlock('2468')).toBeUndefined();
    expect(lock.isLocked.value).toBe(false);
  });

  it('opens locked when a PIN is set, and needs the password after too many wrong PINs', async () => {
    const store = openStore();
    await createLockModel(store).setPin('2468', '2468', 5);
    const lock = createLockModel(store);
    stops.push(await lock.start());
    expect(lock.isLocked.value).toBe(true);
    for (let i = 1; i < MAX_PIN_ATTEMPTS; i++) {
      expect(await lock.unlock('0000')).toMatch(/not right/);
    }
    expect(await lock.unlock('0000')).toMatch(/password/);
    // Even the right PIN no longer unlocks: a guesser cannot keep trying.
    expect(await lock.unlock('2468')).toMatch(/password/);
    expect(lock.needsPassword()).toBe(true);
    // The count survives a reload.
    expect(createLockModel(store).needsPassword()).toBe(false);
    const reloaded = createLockModel(store);
    stops.push(await reloaded.start());
    expect(reloaded.needsPassword()).toBe(true);
    await reloaded.unlockedByPassword();
    expect(reloaded.isLocked.value).toBe(false);
    expect(reloaded.needsPassword()).toBe(false);
  });
});

describe('a school that requires a PIN on every tablet', () => {
  const putSchool = async (store: LocalStore, requireTabletPin?: boolean) => {
    await store.db.records('school').put({
      id: 'school-1',
      name: 'Oakfield',
      terms: [],
      closures: [],
      customGroups: [],
      ...(requireTabletPin === undefined ? {} : { requireTabletPin }),
    });
  };
  const settle = async (check: () => boolean) => {
    for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('asks for a PIN when the synced school turns it on, keeps it set, and gives the choice back when off', async () => {
    const store = openStore();
    await putSchool(store);
    const lock = createLockModel(store);
    stops.push(await lock.start());
    expect(lock.policy.value.kind).toBe('own-choice');

    // The setting arrives with a pull, while the app is open.
    await putSchool(store, true);
    await settle(() => lock.policy.value.kind === 'must-set-pin');
    expect(lock.policy.value).toMatchObject({
      kind: 'must-set-pin',
      message: expect.stringMatching(/^Your school asks for a PIN on every tablet\./),
    });
    expect(await lock.setPin('2468', '2468', 5)).toBeUndefined();
    expect(lock.policy.value.kind).toBe('pin-kept');
    expect(await lock.removePin()).toMatch(/cannot be removed/);
    expect(await getLockSettings(store)).toBeDefined();

    await putSchool(store, false);
    await settle(() => lock.policy.value.kind === 'own-choice');
    expect(lock.policy.value.kind).toBe('own-choice');
    expect(await lock.removePin()).toBeUndefined();
    expect(await getLockSettings(store)).toBeUndefined();
  });

  it('asks at start, before anything shows, when the school already requires it', async () => {
    const store = openStore();
    await putSchool(store, true);
    const lock = createLockModel(store);
    stops.push(await lock.start());
    expect(lock.policy.value.kind).toBe('must-set-pin');
  });
});
