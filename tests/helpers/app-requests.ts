/**
 * Requests to the real Hono app in this process, as a device sends them:
 * a JSON body, and the session's bearer token when there is one. The app
 * is passed as a getter because suites make it in `beforeAll`.
 */
import type { createApp } from '../../server/app';

type App = Pick<ReturnType<typeof createApp>, 'request'>;

const bearer = (token: string | undefined): Record<string, string> =>
  token ? { Authorization: `Bearer ${token}` } : {};

export const appRequests = (app: () => App) => ({
  post: (path: string, body: unknown, token?: string) =>
    app().request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(token) },
      body: JSON.stringify(body),
    }),
  get: (path: string, token: string) => app().request(path, { headers: bearer(token) }),
});
