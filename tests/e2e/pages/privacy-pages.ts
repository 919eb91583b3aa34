/** Page models for signing out and the SENCo's privacy screens. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SignOutDialog {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /Sign out with unsynced changes/ });
  }

  async syncFirst() {
    await this.dialog().getByRole('button', { name: 'Sync first, then sign out' }).click();
  }

  async stay() {
    await this.dialog().getByRole('button', { name: 'Stay signed in' }).click();
    await expect(this.dialog()).toBeHidden();
  }
}

/** What the browser's IndexedDB holds for the app: rows per table, and any child data. */
export const deviceDatabase = (page: Page) =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const counts: Record<string, number> = {};
    const childNames: string[] = [];
    const metaKeys: string[] = [];
    for (const name of names.filter((n) => n === 'target-tracker')) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        counts[store] = rows.length;
        if (store === 'meta') metaKeys.push(...(rows as { key: string }[]).map((row) => row.key));
        if (store === 'child') {
          for (const row of rows as { firstName?: string; lastName?: string; classId?: string }[]) {
            childNames.push(`${row.firstName} ${row.lastName}|${row.classId}`);
          }
        }
      }
      db.close();
    }
    const cacheUrls: string[] = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      cacheUrls.push(...(await cache.keys()).map((r) => r.url));
    }
    return {
      databases: names,
      counts,
      childNames,
      metaKeys,
      localStorageKeys: Object.keys(localStorage),
      cacheUrls,
    };
  });
