/**
 * The SENCo's calls to the server beside sync: the devices list (cached on
 * the device, so "This week" still names stale devices offline) and creating
 * sign-in accounts for imported staff. Failures become sentences.
 */
import {
  apiErrorSchema,
  createStaffAccountsResponseSchema,
  devicesResponseSchema,
  STAFF_ACCOUNTS_PER_REQUEST,
  staffAccountsListSchema,
  type StaffAccountResult,
  type StaffAccountsList,
} from '../domain';
import { saveDevices, type DevicesSnapshot, type LocalStore } from '../storage';

export class SencoApiError extends Error {}

const call = async (path: string, token: string, init: RequestInit = {}): Promise<unknown> => {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      cache: 'no-store',
    });
  } catch {
    throw new SencoApiError('No connection: this needs the server. Try again when online.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw new SencoApiError(
      error.success ? error.data.error.message : `The server answered ${response.status}.`,
    );
  }
  return body;
};

/** Fetch the devices list and keep it on the device for offline reports. */
export const refreshDevices = async (
  store: LocalStore,
  token: string,
): Promise<DevicesSnapshot> => {
  const parsed = devicesResponseSchema.parse(await call('/api/v1/devices', token));
  const snapshot = { fetchedAt: new Date(store.now()).toISOString(), devices: parsed.devices };
  await saveDevices(store, snapshot);
  return snapshot;
};

export const listStaffAccounts = async (token: string): Promise<StaffAccountsList> =>
  staffAccountsListSchema.parse(await call('/api/v1/staff-accounts', token));

/**
 * Accounts for these staff records, asked for STAFF_ACCOUNTS_PER_REQUEST at
 * a time (each account costs the server a slow password hash). Why a
 * failure after the first answer is returned and not thrown: the answers so
 * far hold temporary passwords shown once, so the caller must still show
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
      const answer = await call('/api/v1/staff-accounts', token, {
        method: 'POST',
        body: JSON.stringify({ staffIds: chunk }),
      });
      results.push(...createStaffAccountsResponseSchema.parse(answer).results);
    } catch (error) {
      if (results.length === 0) throw error;
      return { results, failure: (error as Error).message };
    }
  }
  return { results };
};
