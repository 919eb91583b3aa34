/**
 * Schema upgrades with an old tab open: the new version's upgrade must
 * complete (the old tab lets go instead of blocking it), and the old tab
 * must not be left dead.
 */
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { TrackerDb } from './db';
import { createLocalStore } from './local-store';
import { tickTarget } from './commands';

const DEVICE = '01890a5d-ac96-774b-bcce-b302099a8057';

describe('the device database', () => {
  it('lets a newer version upgrade while an old tab holds it open', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const oldTab = createLocalStore({ deviceId: DEVICE, dbName: name });
    await tickTarget(oldTab, {
      targetId: crypto.randomUUID(),
      childId: crypto.randomUUID(),
      outcome: 'achieved',
    });
    expect(oldTab.db.isOpen()).toBe(true);

    // The new app version, in another tab: the same tables plus one more.
    const newTab = new TrackerDb(name);
    const newVersion = newTab.verno + 1;
    newTab.version(newVersion).stores({ reports: 'id' });
    const opened = await Promise.race([
      newTab.open().then(() => 'opened'),
      new Promise((resolve) => setTimeout(() => resolve('blocked'), 2_000)),
    ]);
    expect(opened).toBe('opened');
    expect(newTab.verno).toBe(newVersion);
    // The upgrade kept the old tab's data.
    expect(await newTab.outbox.count()).toBe(1);
    expect(await newTab.records('tick').count()).toBe(1);

    // The old tab let go and says so, so the app can ask for a reload.
    expect(oldTab.db.isOpen()).toBe(false);
    expect(oldTab.db.hasBeenUpgradedElsewhere).toBe(true);
    newTab.close();
    await Dexie.delete(name);
  });

  it('gives a device still on version 2 the table of records from previous schools', async () => {
    const name = `v2-${crypto.randomUUID()}`;
    // Version 2 as it shipped: every record table but the transferred records.
    const old = new Dexie(name);
    const current = new TrackerDb(`probe-${crypto.randomUUID()}`);
    const v2: Record<string, string> = {};
    for (const table of current.tables) {
      if (table.name !== 'transferredRecord') {
        v2[table.name] = [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(
          ', ',
        );
      }
    }
    old.version(2).stores(v2);
    await old.open();
    expect(old.tables.map((t) => t.name)).not.toContain('transferredRecord');
    old.close();

    const upgraded = new TrackerDb(name);
    await upgraded.open();
    expect(upgraded.tables.map((t) => t.name)).toContain('transferredRecord');
    expect(await upgraded.records('transferredRecord').where('childId').equals('x').count()).toBe(
      0,
    );
    upgraded.close();
    current.close();
  });
});
