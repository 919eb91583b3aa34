/**
 * The shared-tablet lock: after the chosen minutes without a tap or a key,
 * the screen locks until the PIN (or, after too many wrong PINs, the
 * password) is given. Sync carries on underneath, and nothing on screen is
 * unmounted: a half-written note is still there after unlocking. When the
 * school requires a PIN on every tablet, a person without one is asked to
 * set one before anything else shows, and cannot remove it.
 */
import { computed, signal } from '@preact/signals';
import {
  MAX_PIN_ATTEMPTS,
  PIN_KEPT_MESSAGE,
  PIN_RULE,
  hashPin,
  isValidPin,
  lockPolicy,
  newPinSalt,
} from '../../domain/pin';
import {
  clearLockSettings,
  getLockSettings,
  saveLockSettings,
  schoolRequiresTabletPin,
  watch,
  type LocalStore,
  type LockSettings,
} from '../../storage';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

export const createLockModel = (store: LocalStore, now: () => number = Date.now) => {
  const settings = signal<LockSettings | undefined>(undefined);
  const isLocked = signal(false);
  /** The synced school record's "Require a PIN lock on every tablet". */
  const schoolRequires = signal(false);
  const policy = computed(() => lockPolicy(schoolRequires.value, settings.value !== undefined));
  let lastActivity = now();
  let timer: ReturnType<typeof setInterval> | undefined;

  const noteActivity = () => {
    if (!isLocked.value) lastActivity = now();
  };
  const checkIdle = () => {
    const current = settings.value;
    if (current && !isLocked.value && now() - lastActivity >= current.idleMinutes * 60_000) {
      isLocked.value = true;
    }
  };

  return {
    settings,
    isLocked,
    schoolRequires,
    policy,
    /**
     * Read the settings and start watching for idleness. Why locked at
     * start when a PIN is set: a reloaded or reopened app may be in
     * someone else's hands, and the app cannot know for how long it was away.
     */
    async start(): Promise<() => void> {
      settings.value = await getLockSettings(store);
      isLocked.value = settings.value !== undefined;
      lastActivity = now();
      for (const type of ACTIVITY_EVENTS) {
        document.addEventListener(type, noteActivity, { capture: true, passive: true });
      }
      timer = setInterval(checkIdle, 5_000);
      // Why watched: the setting arrives with a pull at any time, and must
      // take effect at once, not at the next start.
      schoolRequires.value = await schoolRequiresTabletPin(store);
      const subscription = watch(() => schoolRequiresTabletPin(store)).subscribe({
        next: (value) => {
          schoolRequires.value = value;
        },
      });
      return () => {
        subscription.unsubscribe();
        clearInterval(timer);
        for (const type of ACTIVITY_EVENTS) {
          document.removeEventListener(type, noteActivity, { capture: true });
        }
      };
    },
    checkIdle,
    lockNow() {
      if (settings.value) isLocked.value = true;
    },
    /** Set (or change) the PIN; returns a message when it cannot be used. */
    async setPin(pin: string, repeat: string, idleMinutes: number): Promise<string | undefined> {
      if (!isValidPin(pin)) return PIN_RULE;
      if (pin !== repeat) return 'The two PINs are different. Type the same PIN twice.';
      const salt = newPinSalt();
      const next = { salt, hash: await hashPin(pin, salt), idleMinutes, failedAttempts: 0 };
      await saveLockSettings(store, next);
      settings.value = next;
      lastActivity = now();
      return undefined;
    },
    async setIdleMinutes(idleMinutes: number): Promise<void> {
      if (!settings.value) return;
      const next = { ...settings.value, idleMinutes };
      await saveLockSettings(store, next);
      settings.value = next;
    },
    /** Remove the PIN; returns a message when the school requires one. */
    async removePin(): Promise<string | undefined> {
      // Why checked here and not only on screen: the requirement must hold
      // whatever button or old tab asks to remove the PIN.
      if (schoolRequires.value) return PIN_KEPT_MESSAGE;
      await clearLockSettings(store);
      settings.value = undefined;
      isLocked.value = false;
      return undefined;
    },
    /** Whether only the password will do now (too many wrong PINs). */
    needsPassword(): boolean {
      return (settings.value?.failedAttempts ?? 0) >= MAX_PIN_ATTEMPTS;
    },
    /** Try a PIN; returns a message when the tablet stays locked. */
    async unlock(pin: string): Promise<string | undefined> {
      const current = settings.value;
      if (!current) {
        isLocked.value = false;
        return undefined;
      }
      if (current.failedAttempts >= MAX_PIN_ATTEMPTS) {
        return 'Too many wrong PINs. Sign in with your password to unlock.';
      }
      if ((await hashPin(pin, current.salt)) === current.hash) {
        const next = { ...current, failedAttempts: 0 };
        await saveLockSettings(store, next);
        settings.value = next;
        lastActivity = now();
        isLocked.value = false;
        return undefined;
      }
      // Why counted on the device: a guesser must not get unlimited tries
      // by reloading the page.
      const next = { ...current, failedAttempts: current.failedAttempts + 1 };
      await saveLockSettings(store, next);
      settings.value = next;
      const left = MAX_PIN_ATTEMPTS - next.failedAttempts;
      return left > 0
        ? `That PIN is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before the password is needed.`
        : 'Too many wrong PINs. Sign in with your password to unlock.';
    },
    /** After the password was accepted (sign in again): unlock and start counting afresh. */
    async unlockedByPassword(): Promise<void> {
      if (settings.value) {
        const next = { ...settings.value, failedAttempts: 0 };
        await saveLockSettings(store, next);
        settings.value = next;
      }
      lastActivity = now();
      isLocked.value = false;
    },
  };
};

export type LockModel = ReturnType<typeof createLockModel>;
