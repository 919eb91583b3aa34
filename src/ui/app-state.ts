/**
 * The app's shared state: who is signed in, whether the device went dark,
 * and what the browser said about storage. Signals and types only.
 *
 * Why a module of its own: the first script (./app-model), the signed-in
 * chunk (./signed-in-model) and the screens all read these, so they must sit
 * below all of them. It imports nothing from src/ui but the type of the
 * lock model, which is itself a leaf (it imports only domain and storage);
 * `npm run lint` (madge) fails if an import circle ever forms through here.
 */
import { signal } from '@preact/signals';
import type { DarkMark, DeviceSession } from '../storage/device';
import type { LocalStore } from '../storage';
import type { PrivacyApi, SyncEngine, ViewLog } from '../sync';
import type { LockModel } from './lock/lock-model';

export type Signed = {
  session: DeviceSession;
  store: LocalStore;
  engine: SyncEngine;
  /** Server calls for the privacy screens and view reports. */
  privacy: PrivacyApi;
  /** Views of a child's record, for the audit log (sent when online). */
  views: ViewLog;
  /** The optional PIN lock of a shared tablet. */
  lock: LockModel;
};

/** `undefined` while the app is finding out; `null` when nobody is signed in. */
export const signedIn = signal<Signed | null | undefined>(undefined);

/**
 * Set when the school revoked this device and it went dark: the plain
 * screen shows, and nothing about children is read, until someone signs in.
 */
export const darkened = signal<DarkMark | undefined>(undefined);

/** Set when a newer version of the app upgraded the device database in another tab. */
export const upgradedElsewhere = signal(false);

/** Whether the browser agreed to keep this site's storage (undefined: not asked or no API). */
export const storagePersisted = signal<boolean | undefined>(undefined);
