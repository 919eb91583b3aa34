/**
 * The SENCo's calls to the server beside sync: the devices list (cached on
 * the device, so "This week" still names stale devices offline) and creating
 * sign-in accounts for imported staff. Failures become sentences.
 */
import {
  apiErrorSchema,
  createStaffAccountsResponseSchema,
  devicesResponseSchema,
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

export const createStaffAccounts = async (
  token: string,
  staffIds: string[],
): Promise<StaffAccountResult[]> =>
  createStaffAccountsResponseSchema.parse(
    await call('/api/v1/staff-accounts', token, {
      method: 'POST',
      body: JSON.stringify({ staffIds }),
    }),
  ).results;
