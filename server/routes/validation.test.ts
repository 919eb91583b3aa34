import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '../../src/domain/api';
import type { AppEnv } from '../env';
import { answer } from './validation';

/** An app whose one route answers `body` for `GET /setup`, logging errors into `logged`. */
const appAnswering = (body: unknown, logged: string[]) =>
  new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('logger', { error: (_obj: unknown, message: string) => logged.push(message) } as never);
      await next();
    })
    .get('/setup', (c) => answer(c, routes.setup, body as { hasSchool: boolean }))
    .onError((error, c) => c.text(error.message, 500));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('answering through the contract', () => {
  it('sends an answer that keeps to its schema as it is', async () => {
    const response = await appAnswering({ hasSchool: true }, []).request('/setup');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hasSchool: true });
  });

  it('throws under test when an answer breaks its schema', async () => {
    const response = await appAnswering({ hasSchool: 'yes' }, []).request('/setup');
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('GET /api/v1/setup breaks its schema: hasSchool');
  });

  it('in production, logs the broken answer and still sends it', async () => {
    vi.stubEnv('VITEST', undefined);
    vi.stubEnv('NODE_ENV', 'production');
    const logged: string[] = [];
    const response = await appAnswering({ hasSchool: 'yes' }, logged).request('/setup');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hasSchool: 'yes' });
    expect(logged).toEqual([expect.stringContaining('breaks its schema')]);
  });
});
