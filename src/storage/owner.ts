/**
 * Whose records this device holds. A shared tablet may be used by several
 * staff in turn: the next person must see nothing of the previous one, and
 * nobody's unsynced work may be wiped to make room.
 */
import type { RevocationMode } from '../domain';
import { META_KEYS, getMeta, setMeta } from './db';
import { clearSession, getDarkMark, saveDarkMark } from './device';
import type { LocalStore } from './local-store';

export type ClaimResult = { ok: true } | { ok: false; waiting: number; ownerName: string };

type Owner = { staffId: string; name: string };

export const claimDevice = async (
  store: LocalStore,
  staff: { id: string; name: string },
): Promise<ClaimResult> => {
  const { db } = store;
  return db.transaction('rw', db.tables, async () => {
    const owner = await getMeta<Owner>(db, META_KEYS.owner);
    if (owner?.staffId === staff.id) return { ok: true } as const;
    const waiting = await db.outbox.count();
    if (owner && waiting > 0) return { ok: false, waiting, ownerName: owner.name } as const;
    await clearKeepingDeviceClock(store);
    await setMeta(db, META_KEYS.owner, { staffId: staff.id, name: staff.name });
    return { ok: true } as const;
  });
};

/** Remove every record from this device (after sign-out). */
export const wipeDevice = async (store: LocalStore): Promise<void> => {
  const { db } = store;
  await db.transaction('rw', db.tables, () => clearKeepingDeviceClock(store));
};

/**
 * Changes this device holds that the server does not: waiting in the outbox
 * or refused and waiting in "needs attention". What a wipe would drop.
 */
export const countUnsent = async (store: LocalStore): Promise<number> => {
  const { db } = store;
  return (await db.outbox.where('state').equals('pending').count()) + (await db.attention.count());
};

/**
 * The school revoked this device (a tablet handed back or lost): remove
 * every record, the outbox and "needs attention" included, and the session,
 * and mark the device dark so every start shows the plain screen until
 * someone signs in. `report` is what to tell the server afterwards.
 *
 * Why the mark goes first: if the tab or worker dies half-way, the next
 * start sees the mark before it reads anything, shows the plain screen and
 * finishes the wipe, instead of opening the app on what is left. Calling
 * this again on a dark device finishes the job and keeps the first report.
 */
export const darkenDevice = async (
  store: LocalStore,
  mode: RevocationMode,
  report?: { token: string; droppedChanges: number },
): Promise<void> => {
  const earlier = await getDarkMark();
  await saveDarkMark({
    mode: earlier?.mode === 'lost' ? 'lost' : mode,
    at: earlier?.at ?? new Date(store.now()).toISOString(),
    ...(earlier?.report ? { report: earlier.report } : report ? { report } : {}),
  });
  await wipeDevice(store);
  await clearSession();
};

/**
 * Clear every table but keep the device's seq counter and HLC. Why: the
 * protocol's seq is per device and only goes up, and the server keeps the
 * highest it saw; starting again at 1 after a sign-out would look exactly
 * like the browser evicting the data (see health.ts).
 */
const clearKeepingDeviceClock = async (store: LocalStore): Promise<void> => {
  const { db } = store;
  const lastSeq = await getMeta<number>(db, META_KEYS.lastSeq);
  const lastHlc = await getMeta<string>(db, META_KEYS.lastHlc);
  await Promise.all(db.tables.map((table) => table.clear()));
  if (lastSeq !== undefined) await setMeta(db, META_KEYS.lastSeq, lastSeq);
  if (lastHlc !== undefined) await setMeta(db, META_KEYS.lastHlc, lastHlc);
};
