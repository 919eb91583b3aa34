/**
 * The device's one HTTP client for the whole API. `api(route, input)` takes
 * an entry of the route table (src/domain/api/routes.ts), builds the
 * request from its path parameters, query and body, sends the session
 * token, and parses the answer with the route's response schema. Every
 * failure is one `ApiCallError` with the HTTP status (0 when no answer
 * came), a code, and a sentence a person can act on.
 */
import { apiErrorSchema } from '../domain';
import type { RouteDef, RouteInput, RouteOutput } from '../domain/api';

/** Codes for failures the server did not name itself. */
export const CLIENT_ERROR_CODES = {
  /** No answer: offline, a dropped connection, or the request timed out. */
  noAnswer: 'no_answer',
  /** A failure whose body is not the API's error shape (a proxy's page). */
  httpError: 'http_error',
  /** A success whose body does not match the route's response schema. */
  badAnswer: 'bad_answer',
} as const;

/** Sentences for failures the server did not word itself; callers may give their own. */
export type ApiMessages = { offline: string; failed: string; badAnswer: string };

export const DEFAULT_API_MESSAGES: ApiMessages = {
  offline: 'You need a connection for this. Check the Wi-Fi and try again.',
  failed: 'The server could not do that just now.',
  badAnswer: 'The server sent an answer this app does not understand.',
};

export class ApiCallError extends Error {
  readonly status: number;
  readonly code: string;
  /** Whether `message` is the server's own sentence (its `{error: {message}}`). */
  readonly isFromServer: boolean;
  /** The server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs?: number;
  constructor(failure: {
    status: number;
    code: string;
    message: string;
    isFromServer?: boolean;
    retryAfterMs?: number;
  }) {
    super(failure.message);
    this.name = 'ApiCallError';
    this.status = failure.status;
    this.code = failure.code;
    this.isFromServer = failure.isFromServer ?? false;
    if (failure.retryAfterMs !== undefined) this.retryAfterMs = failure.retryAfterMs;
  }
}

export type ApiOptions = {
  token?: string;
  /** Where the API lives; '' for the same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Longest wait for the answer, body included; a timeout counts as no answer. */
  timeoutMs?: number;
  messages?: Partial<ApiMessages>;
};

export const parseRetryAfter = (header: string | null): number | undefined => {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
};

const urlOf = (route: RouteDef, input: RouteInput<RouteDef>, baseUrl: string): string => {
  const params = (input.params ?? {}) as Record<string, unknown>;
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? '')),
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `${baseUrl}${path}${query ? `?${query}` : ''}`;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

export const api = async <R extends RouteDef>(
  route: R,
  input: RouteInput<R>,
  options: ApiOptions = {},
): Promise<RouteOutput<R>> => {
  const messages = { ...DEFAULT_API_MESSAGES, ...options.messages };
  const doFetch =
    options.fetch ?? ((url: RequestInfo | URL, init?: RequestInit) => fetch(url, init));
  const { body } = input as RouteInput<RouteDef>;
  const controller = new AbortController();
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(), options.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await doFetch(urlOf(route, input as RouteInput<RouteDef>, options.baseUrl ?? ''), {
      method: route.method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
      signal: controller.signal,
    });
    text = await response.text().catch(() => '');
    if (controller.signal.aborted) throw new Error('timed out');
  } catch {
    throw new ApiCallError({
      status: 0,
      code: CLIENT_ERROR_CODES.noAnswer,
      message: messages.offline,
    });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(parseJson(text));
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ApiCallError({
      status: response.status,
      code: error.success ? error.data.error.code : CLIENT_ERROR_CODES.httpError,
      message: error.success ? error.data.error.message : messages.failed,
      isFromServer: error.success,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (route.responseType === 'empty') return undefined as RouteOutput<R>;
  const schema = route.clientResponse ?? route.response;
  const value = route.responseType === 'text' ? text : parseJson(text);
  const parsed = schema ? schema.safeParse(value) : { success: true as const, data: value };
  if (!parsed.success) {
    throw new ApiCallError({
      status: response.status,
      code: CLIENT_ERROR_CODES.badAnswer,
      message: messages.badAnswer,
    });
  }
  return parsed.data as RouteOutput<R>;
};
