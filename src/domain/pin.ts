/**
 * The PIN that locks a shared tablet after it has been left idle (docs/domain.md,
 * "Privacy": a tablet left on a classroom desk must not show children's
 * records to whoever picks it up). The PIN never leaves the device and is
 * kept only as a salted, slow hash; it guards the screen, not the data at
 * rest (the browser has no key store to protect that with).
 */

export const PIN_RULE = 'Use 4 to 8 digits.';
export const IDLE_MINUTE_CHOICES = [2, 5, 10, 15, 30] as const;
/** Wrong PINs allowed before only the password will unlock the tablet. */
export const MAX_PIN_ATTEMPTS = 5;

export const isValidPin = (pin: string): boolean => /^\d{4,8}$/.test(pin);

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array =>
  Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

export const newPinSalt = (): string => toBase64(crypto.getRandomValues(new Uint8Array(16)));

/**
 * PBKDF2-SHA-256. Why slow: a PIN has few possible values, so each guess
 * must cost real time to anyone who copies the stored hash off the device.
 */
export const hashPin = async (pin: string, salt: string, iterations = 200_000): Promise<string> => {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt) as BufferSource, iterations },
    key,
    256,
  );
  return toBase64(new Uint8Array(bits));
};

/** What the school asks of this tablet's lock, and what the person may do with it. */
export type LockPolicy =
  /** No PIN is set and the school asks for one: nothing else shows until one is set. */
  | { kind: 'must-set-pin'; message: string }
  /** A PIN is set and the school asks for one: it may be changed, not removed. */
  | { kind: 'pin-kept'; message: string }
  /** The person decides for this tablet. */
  | { kind: 'own-choice' };

export const SCHOOL_PIN_MESSAGE =
  'Your school asks for a PIN on every tablet. Choose a PIN of 4 to 8 digits to carry on.';
export const PIN_KEPT_MESSAGE =
  'Your school asks for a PIN on every tablet, so the PIN cannot be removed. You can change it.';

/**
 * The school-wide rule. Why a missing setting means no requirement: a school
 * record from before the setting existed, or one not yet synced, must leave
 * the choice with the person as it always was.
 */
export const lockPolicy = (requiredBySchool: boolean | undefined, hasPin: boolean): LockPolicy => {
  if (requiredBySchool !== true) return { kind: 'own-choice' };
  return hasPin
    ? { kind: 'pin-kept', message: PIN_KEPT_MESSAGE }
    : { kind: 'must-set-pin', message: SCHOOL_PIN_MESSAGE };
};
