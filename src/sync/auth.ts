/**
 * Signing in and out against the server. Every failure becomes a sentence a
 * teacher can act on; nothing here touches the device's records.
 */
import { apiErrorSchema, signInResponseSchema, type SignInResponse } from '../domain';

export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

export const requestSignIn = async (
  credentials: { email: string; password: string; deviceId: string },
  baseUrl = '',
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<SignInResponse> => {
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
      cache: 'no-store',
    });
  } catch {
    throw new SignInError(
      'You need a connection to sign in the first time. Check the Wi-Fi and try again.',
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 || response.status === 400) {
    throw new SignInError('That email and password do not match. Check them and try again.');
  }
  if (response.status === 429) {
    throw new SignInError('Too many attempts. Wait a minute, then try again.');
  }
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw new SignInError(
      error.success && response.status < 500
        ? error.data.error.message
        : 'The server could not sign you in just now. Try again in a moment.',
    );
  }
  const parsed = signInResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new SignInError('The server sent an answer this app does not understand.');
  return parsed.data;
};

/**
 * Sets a first password with an activation code and signs in: the answer
 * is a sign-in's. The server's refusal (used, expired, replaced or unknown
 * code; too short a password) is shown as it says it.
 */
export const requestActivation = async (
  request: { code: string; password: string; deviceId: string },
  baseUrl = '',
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<SignInResponse> => {
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/v1/auth/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      cache: 'no-store',
    });
  } catch {
    throw new SignInError(
      'You need a connection to activate your account. Check the Wi-Fi and try again.',
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 429) {
    throw new SignInError('Too many attempts. Wait a few minutes, then try again.');
  }
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw new SignInError(
      error.success && response.status < 500
        ? error.data.error.message
        : 'The server could not activate your account just now. Try again in a moment.',
    );
  }
  const parsed = signInResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new SignInError('The server sent an answer this app does not understand.');
  return parsed.data;
};

/** Best effort: the session ends on the device whether or not the server hears. */
export const requestSignOut = async (
  token: string,
  baseUrl = '',
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<void> => {
  try {
    await doFetch(`${baseUrl}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    // offline: the token expires on its own
  }
};
