/**
 * Signing in and out against the server, through the one API client
 * (api.ts). Every failure becomes an ApiCallError whose message a teacher
 * can act on; nothing here touches the device's records.
 */
import type { SignInResponse } from '../domain';
import { routes, type RouteInput } from '../domain/api';
import { api, ApiCallError, type ApiMessages } from './api';

/** What to say for each way a request for a session can fail. */
type SessionMessages = Pick<ApiMessages, 'offline' | 'failed'> & {
  refused?: string;
  busy: string;
};

/**
 * Asks for a session (sign-in and activation answer alike) and words every
 * failure for the person at the screen. `refused`, when given, replaces the
 * server's own message for a 400/401 (sign-in: never say whether the email
 * or the password was wrong); a 5xx says only `failed`.
 */
const requestSession = async <R extends typeof routes.signIn | typeof routes.activate>(
  route: R,
  input: RouteInput<R>,
  transport: { baseUrl: string; doFetch: typeof fetch | undefined },
  messages: SessionMessages,
): Promise<SignInResponse> => {
  const { baseUrl, doFetch } = transport;
  try {
    return await api(route, input, {
      baseUrl,
      messages: { offline: messages.offline, failed: messages.failed },
      ...(doFetch ? { fetch: doFetch } : {}),
    });
  } catch (error) {
    if (!(error instanceof ApiCallError) || error.status === 0 || error.status < 300) throw error;
    const reword = (message: string) =>
      new ApiCallError({ status: error.status, code: error.code, message });
    if (messages.refused && (error.status === 401 || error.status === 400)) {
      throw reword(messages.refused);
    }
    if (error.status === 429) throw reword(messages.busy);
    if (error.status >= 500) throw reword(messages.failed);
    throw error;
  }
};

export const requestSignIn = (
  credentials: { email: string; password: string; deviceId: string },
  baseUrl = '',
  doFetch?: typeof fetch,
): Promise<SignInResponse> =>
  requestSession(
    routes.signIn,
    { body: credentials },
    { baseUrl, doFetch },
    {
      offline: 'You need a connection to sign in the first time. Check the Wi-Fi and try again.',
      refused: 'That email and password do not match. Check them and try again.',
      busy: 'Too many attempts. Wait a minute, then try again.',
      failed: 'The server could not sign you in just now. Try again in a moment.',
    },
  );

/**
 * Sets a first password with an activation code and signs in: the answer
 * is a sign-in's. The server's refusal (used, expired, replaced or unknown
 * code; too short a password) is shown as it says it.
 */
export const requestActivation = (
  request: { code: string; password: string; deviceId: string },
  baseUrl = '',
  doFetch?: typeof fetch,
): Promise<SignInResponse> =>
  requestSession(
    routes.activate,
    { body: request },
    { baseUrl, doFetch },
    {
      offline: 'You need a connection to activate your account. Check the Wi-Fi and try again.',
      busy: 'Too many attempts. Wait a few minutes, then try again.',
      failed: 'The server could not activate your account just now. Try again in a moment.',
    },
  );

/** Best effort: the session ends on the device whether or not the server hears. */
export const requestSignOut = async (
  token: string,
  baseUrl = '',
  doFetch?: typeof fetch,
): Promise<void> => {
  try {
    await api(routes.signOut, {}, { token, baseUrl, ...(doFetch ? { fetch: doFetch } : {}) });
  } catch {
    // offline, or the session already ended: the token expires on its own
  }
};

/**
 * Whether the server holds any school; undefined when it cannot say
 * (offline, or an answer this app does not read).
 */
export const requestHasSchool = async (): Promise<boolean | undefined> => {
  try {
    return (await api(routes.setup, {})).hasSchool;
  } catch {
    return undefined;
  }
};
