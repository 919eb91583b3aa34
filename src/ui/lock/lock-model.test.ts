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
