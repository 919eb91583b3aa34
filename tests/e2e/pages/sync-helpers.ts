/**
 * Helpers for the sync fault specs: what the server holds (asked through
 * the API, as a SENCo device would) and what a page's device database
 * holds (read with the raw IndexedDB API, as another app version would).
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './app-pages';

/** How many times each tick id appears in the server's change log. */
export const serverTickCounts = async (
  request: APIRequestContext,
): Promise<Map<string, number>> => {
  const signIn = await request.post('/api/v1/auth/sign-in', {
    data: { email: 'senco@demo.school', password: DEMO_PASSWORD },
  });
  expect(signIn.ok()).toBe(true);
  const { token } = (await signIn.json()) as { token: string };
  const counts = new Map<string, number>();
  let after = 0;
  for (;;) {
    const res = await request.get(`/api/v1/sync/pull?after=${after}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.ok()).toBe(true);
    const page = (await res.json()) as {
      changes: { entity: string; entityId: string; kind: string }[];
      cursor: number;
      hasMore: boolean;
    };
    for (const change of page.changes) {
      if (change.entity === 'tick' && change.kind === 'event') {
        counts.set(change.entityId, (counts.get(change.entityId) ?? 0) + 1);
      }
    }
    if (!page.hasMore) return counts;
    after = page.cursor;
  }
};

/** Ids of the ticks this page's device holds (not refused ones). */
export const deviceTickIds = (page: Page): Promise<string[]> =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('target-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('tick').objectStore('tick').getAll();
          all.onsuccess = () => {
            resolve(
              (all.result as { id: string; _rejected?: unknown }[])
                .filter((row) => !row._rejected)
                .map((row) => row.id),
            );
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

/** Ids of the ticks waiting in this page's outbox (made here, not yet acknowledged). */
export const waitingTickIds = (page: Page): Promise<string[]> =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('target-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => {
            type Entry = { mutation: { kind: string; entity: string; entityId: string } };
            resolve(
              (all.result as Entry[])
                .filter((e) => e.mutation.kind === 'event' && e.mutation.entity === 'tick')
                .map((e) => e.mutation.entityId),
            );
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

/** The session token this page's device holds (idb-keyval's default store). */
export const deviceToken = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('keyval').objectStore('keyval').get('session');
          get.onsuccess = () => {
            resolve((get.result as { token: string }).token);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );

/**
 * Put a change in the outbox that the server will refuse (a tick with an
 * outcome no version of the app has), numbered like any other: what an
 * older or buggy app version could have left behind.
 */
export const addPoisonMutation = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('target-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['outbox', 'meta'], 'readwrite');
          const meta = tx.objectStore('meta');
          const outbox = tx.objectStore('outbox');
          const id = crypto.randomUUID();
          meta.get('lastSeq').onsuccess = (event) => {
            const lastSeq = ((event.target as IDBRequest).result?.value as number) ?? 0;
            outbox.openCursor(null, 'prev').onsuccess = (cursorEvent) => {
              const last = (cursorEvent.target as IDBRequest<IDBCursorWithValue | null>).result;
              const deviceId = (last?.value as { mutation: { deviceId: string } }).mutation
                .deviceId;
              const seq = lastSeq + 1;
              const hlc = `${new Date().toISOString()}-0000-${deviceId}`;
              meta.put({ key: 'lastSeq', value: seq });
              meta.put({ key: 'lastHlc', value: hlc });
              outbox.add({
                seq,
                state: 'pending',
                createdAt: new Date().toISOString(),
                mutation: {
                  id,
                  deviceId,
                  seq,
                  hlc,
                  kind: 'event',
                  entity: 'tick',
                  entityId: crypto.randomUUID(),
                  data: {
                    targetId: crypto.randomUUID(),
                    childId: crypto.randomUUID(),
                    outcome: 'brilliant',
                    recordedAt: new Date().toISOString(),
                  },
                },
              });
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve(id);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
