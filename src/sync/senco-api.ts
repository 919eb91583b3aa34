/**
 * The SENCo's calls to the server beside sync, through the one API client
 * (api.ts): the devices list (cached on the device, so "This week" still
 * names stale devices offline) and creating sign-in accounts for imported
 * staff. Failures are ApiCallErrors with a sentence to show.
 */
import { STAFF_ACCOUNTS_PER_REQUEST, type StaffAccountResult } from '../domain';
import { routes, type StaffAccountsList } from '../domain/api';
import { saveDevices, type DevicesSnapshot, type LocalStore } from '../storage';
import { api, type ApiOptions } from './api';

const sencoOptions = (token: string): ApiOptions => ({
  token,
  messages: { offline: 'No connection: this needs the server. Try again when online.' },
});

/** Fetch the devices list and keep it on the device for offline reports. */
export const refreshDevices = async (
  store: LocalStore,
  token: string,
): Promise<DevicesSnapshot> => {
  const { devices } = await api(routes.devices, {}, sencoOptions(token));
  const snapshot = { fetchedAt: new Date(store.now()).toISOString(), devices };
  await saveDevices(store, snapshot);
  return snapshot;
};

export const listStaffAccounts = (token: string): Promise<StaffAccountsList> =>
  api(routes.staffAccounts, {}, sencoOptions(token));

/**
 * Accounts for these staff records, asked for STAFF_ACCOUNTS_PER_REQUEST at
 * a time (each account costs the server a slow password hash). Why a
 * failure after the first answer is returned and not thrown: the answers so
 * far hold activation codes shown once, so the caller must still show
 * them, with the failure; asking again for the rest is safe (each staff
 * record gets its account once, and then answers `exists`).
 */
export const createStaffAccounts = async (
  token: string,
  staffIds: string[],
): Promise<{ results: StaffAccountResult[]; failure?: string }> => {
  const results: StaffAccountResult[] = [];
  for (let start = 0; start < staffIds.length; start += STAFF_ACCOUNTS_PER_REQUEST) {
    const chunk = staffIds.slice(start, start + STAFF_ACCOUNTS_PER_REQUEST);
    try {
      const answer = await api(
        routes.createStaffAccounts,
        { body: { staffIds: chunk } },
        sencoOptions(token),
      );
      results.push(...answer.results);
    } catch (error) {
      if (results.length === 0) throw error;
      return { results, failure: (error as Error).message };
    }
  }
  return { results };
};
