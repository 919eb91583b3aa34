import { describe, expect, it } from 'vitest';
import { routes } from '../domain/api';
import { api, ApiCallError, CLIENT_ERROR_CODES } from './api';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const failureOf = async (call: Promise<unknown>): Promise<ApiCallError> => {
  const error: unknown = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiCallError);
  return error as ApiCallError;
};

describe('the API client', () => {
  it('builds the path, query and body, sends the token, and parses the answer', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const doFetch: typeof fetch = async (url, init) => {
      seen.push({ url: String(url), init: init! });
      return json({ revokedSessions: 2, mode: 'lost' });
    };
    const answer = await api(
      routes.revokeDevice,
      { params: { id: 'a/b' }, body: { mode: 'lost' } },
      { token: 'secret-token', baseUrl: 'http://x', fetch: doFetch },
    );
    expect(answer).toEqual({ revokedSessions: 2, mode: 'lost' });
    expect(seen[0]!.url).toBe('http://x/api/v1/devices/a%2Fb/revoke');
    expect(seen[0]!.init.method).toBe('POST');
    expect(seen[0]!.init.body).toBe('{"mode":"lost"}');
    expect(seen[0]!.init.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      'content-type': 'application/json',
    });

    await api(
      routes.audit,
      { query: { childId: undefined, from: '2026-11-01', limit: 20 } },
      { fetch: async (url) => (seen.push({ url: String(url), init: {} }), json({ events: [] })) },
    );
    expect(seen[1]!.url).toBe('/api/v1/audit?from=2026-11-01&limit=20');
  });

  it("throws the server's code and sentence, with its Retry-After", async () => {
    const error = await failureOf(
      api(
        routes.devices,
        {},
        {
          fetch: async () =>
            json({ error: { code: 'rate_limited', message: 'Too many.' } }, 429, {
              'retry-after': '7',
            }),
        },
      ),
    );
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Too many.',
      isFromServer: true,
      retryAfterMs: 7000,
    });
  });

  it('words a failure the server did not word, and no answer at all, in plain English', async () => {
    const proxyPage = await failureOf(
      api(routes.staff, {}, { fetch: async () => new Response('<html>', { status: 502 }) }),
    );
    expect(proxyPage).toMatchObject({
      status: 502,
      code: CLIENT_ERROR_CODES.httpError,
      message: 'The server could not do that just now.',
      isFromServer: false,
    });

    const offline = await failureOf(
      api(
        routes.staff,
        {},
        {
          fetch: () => Promise.reject(new TypeError('Failed to fetch')),
          messages: { offline: 'No connection here.' },
        },
      ),
    );
    expect(offline).toMatchObject({
      status: 0,
      code: CLIENT_ERROR_CODES.noAnswer,
      message: 'No connection here.',
    });
  });

  it('refuses an answer that breaks its schema', async () => {
    const error = await failureOf(
      api(routes.setup, {}, { fetch: async () => json({ hasSchool: 'yes' }) }),
    );
    expect(error).toMatchObject({ status: 200, code: CLIENT_ERROR_CODES.badAnswer });
    expect(error.message).toBe('The server sent an answer this app does not understand.');
  });

  it('gives up on a request that outlasts its timeout, as no answer', async () => {
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const error = await failureOf(api(routes.health, {}, { fetch: hang, timeoutMs: 20 }));
    expect(error.status).toBe(0);
  });

  it('reads a 204 as nothing and a CSV as text', async () => {
    expect(
      await api(
        routes.signOut,
        {},
        { token: 't', fetch: async () => new Response(null, { status: 204 }) },
      ),
    ).toBeUndefined();
    expect(
      await api(routes.auditExport, { query: {} }, { fetch: async () => new Response('at\n') }),
    ).toBe('at\n');
  });
});
