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

/** What to say for each way a request for a session can fail. */
type SessionMessages = { offline: string; refused?: string; busy: string; failed: string };

/**
 * POSTs `body` to `path` for a session (sign-in and activation answer
 * alike), turning every failure into a SignInError with a sentence to act on.
 * `refused`, when given, replaces the server's own message for a 400/401
 * (sign-in: never say whether the email or the password was wrong).
 */
const requestSession = async (
  path: string,
  body: unknown,
  messages: SessionMessages,
  baseUrl: string,
  doFetch: typeof fetch,
): Promise<SignInResponse> => {
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new SignInError(messages.offline);
  }
  const json: unknown = await response.json().catch(() => null);
  if (messages.refused && (response.status === 401 || response.status === 400)) {
    throw new SignInError(messages.refused);
  }
  if (response.status === 429) throw new SignInError(messages.busy);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(json);
    throw new SignInError(
      error.success && response.status < 500 ? error.data.error.message : messages.failed,
    );
  }
  const parsed = signInResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new SignInError('The server sent an answer this app does not understand.');
  return parsed.data;
};

export const requestSignIn = (
  credentials: { email: string; password: string; deviceId: string },
  baseUrl = '',
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<SignInResponse> =>
  requestSession(
    '/api/v1/auth/sign-in',
    credentials,
    {
      offline: 'You need a connection to sign in the first time. Check the Wi-Fi and try again.',
      refused: 'That email and password do not match. Check them and try again.',
      busy: 'Too many attempts. Wait a minute, then try again.',
      failed: 'The server could not sign you in just now. Try again in a moment.',
    },
    baseUrl,
    doFetch,
  );

/**
 * Sets a first password with an activation code and signs in: the answer
 * is a sign-in's. The server's refusal (used, expired, replaced or unknown
 * code; too short a password) is shown as it says it.
 */
export const requestActivation = (
  request: { code: string; password: string; deviceId: string },
  baseUrl = '',
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<SignInResponse> =>
  requestSession(
    '/api/v1/auth/activate',
    request,
    {
      offline: 'You need a connection to activate your account. Check the Wi-Fi and try again.',
      busy: 'Too many attempts. Wait a few minutes, then try again.',
      failed: 'The server could not activate your account just now. Try again in a moment.',
    },
    baseUrl,
    doFetch,
  );

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
