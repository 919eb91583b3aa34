/**
 * Property-based fuzzing of every API endpoint that takes input: at least
 * 1 000 malformed requests each (wrong types, missing fields, huge strings,
 * deep nesting, invalid UTF-8, wrong content type, bad ids and tokens).
 * Every answer must be a 4xx with our JSON error shape, never a 5xx, and the
 * database must be exactly as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullQuerySchema, pushRequestSchema, signInRequestSchema } from '../../src/domain';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import type { DatabaseSchema } from '../../server/db/schema';
import { seedDemoSchool } from '../../server/demo/seed';
import {
  auditQuerySchema,
  eraseRequestSchema,
  retentionSchema,
  viewReportSchema,
} from '../../src/domain/api';
import { testEngines } from './support';

const PASSWORD = 'fuzz-password';
const RUNS = 1_000;
const TABLES: (keyof DatabaseSchema)[] = [
  'schools',
  'staff',
  'auth_sessions',
  'devices',
  'applied_mutations',
  'records',
  'changes',
  'record_history',
  'device_scopes',
  'revocations',
  'audit_events',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
];

type Body = string | Uint8Array;
type Input = { body?: Body; contentType: string };

const parses = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** A request body that is not what the endpoint wants, in every way we can think of. */
const malformedBody = (isValid: (value: unknown) => boolean): fc.Arbitrary<Body> =>
  fc
    .oneof(
      // Anything at all, as JSON: wrong types, missing fields, extra fields.
      fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
      fc.dictionary(fc.string(), fc.anything()).map((value) => JSON.stringify(value)),
      // Not JSON.
      fc.string(),
      fc.constantFrom('', '{', '[1,', '{"a":}', 'null', 'true', '"text"', '{"__proto__":{}}'),
      // Huge strings (some over the body limit).
      fc
        .integer({ min: 1_000, max: 300_000 })
        .map((n) => JSON.stringify({ email: `${'a'.repeat(n)}@x.co`, password: 'x'.repeat(n) })),
      // Deep nesting.
      fc.integer({ min: 100, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      fc.integer({ min: 100, max: 10_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
      // Invalid UTF-8.
      fc
        .uint8Array({ minLength: 0, maxLength: 200 })
        .map((bytes) => new Uint8Array([0x7b, 0xff, 0xfe, 0xc0, ...bytes, 0x7d])),
      // The right fields with the wrong types.
      fc
        .record({
          email: fc.anything(),
          password: fc.anything(),
          deviceId: fc.anything(),
          protocolVersion: fc.anything(),
          mutations: fc.anything(),
          childId: fc.anything(),
          confirm: fc.anything(),
          months: fc.anything(),
        })
        .map((value) => JSON.stringify(value)),
    )
    .filter((body) => typeof body !== 'string' || !isValid(parses(body)));

const bodyInput = (isValid: (value: unknown) => boolean): fc.Arbitrary<Input> =>
  fc.record({
    body: malformedBody(isValid),
    contentType: fc.constantFrom(...CONTENT_TYPES),
  });

/** Ids that are not ids, or ids of nothing. */
const badId = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 300 }).map(encodeURIComponent),
  fc.constantFrom('..', '%00', '%2e%2e%2f', 'null', "1' OR '1'='1"),
);

/** Query strings whose values are wrong, checked against the route's own schema. */
const badQuery = (schema: { safeParse: (v: unknown) => { success: boolean } }, keys: string[]) =>
  fc
    .dictionary(
      fc.constantFrom(...keys, 'other'),
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.integer().map(String),
        fc.double().map(String),
        fc.constantFrom('-1', '1e309', 'NaN', '0x10', '[]', '2026-13-45', 'x'.repeat(5_000)),
      ),
      { minKeys: 1 },
    )
    .filter((query) => !schema.safeParse(query).success)
    .map((query) => new URLSearchParams(query).toString());

const badToken = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc.string({ maxLength: 300 }).map((s) => `Bearer ${s}`),
  fc.base64String({ minLength: 16, maxLength: 200 }).map((s) => `Bearer ${s}`),
  fc.constantFrom('Bearer', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'bearer  '),
);

describe.each(testEngines())('hostile input on $name', (engine) => {
  let db: Db;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let token = '';

  beforeAll(async () => {
    ({ db, close } = await engine.open());
    await seedDemoSchool(db, { password: PASSWORD, nowMs: Date.now() - 86_400_000 });
    app = createApp({ db, logError: () => {} });
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'senco@demo.school',
        password: PASSWORD,
        deviceId: randomUUID(),
      }),
    });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await close?.();
  });

  const snapshot = async (): Promise<string> => {
    const hash = createHash('sha256');
    for (const table of TABLES) {
      const rows = await db.selectFrom(table).selectAll().execute();
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      hash.update(`${table}:${lines.join('\n')}\n`);
    }
    return hash.digest('hex');
  };

  const expectClientError = async (res: Response, label: string) => {
    expect(res.status, label).toBeGreaterThanOrEqual(400);
    expect(res.status, label).toBeLessThan(500);
    expect(res.headers.get('Content-Type') ?? '', label).toContain('application/json');
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, label).toBe('string');
    expect(typeof body.error?.message, label).toBe('string');
    expect(JSON.stringify(body), label).not.toMatch(/\bat \w+ \(|select |insert |sqlite|postgres/i);
  };

  type Endpoint = {
    name: string;
    arbitrary: fc.Arbitrary<{ path: string; init: RequestInit }>;
  };

  const withBody =
    (method: string, path: (id: string) => string) => (input: Input & { id: string }) => ({
      path: path(input.id),
      init: {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(input.contentType ? { 'Content-Type': input.contentType } : {}),
        },
        body: input.body as BodyInit,
      },
    });

  const bodyEndpoint = (
    name: string,
    method: string,
    path: (id: string) => string,
    isValid: (v: unknown) => boolean,
    id: fc.Arbitrary<string> = fc.constant(''),
  ): Endpoint => ({
    name,
    arbitrary: fc
      .tuple(bodyInput(isValid), id)
      .map(([input, idValue]) => withBody(method, path)({ ...input, id: idValue })),
  });

  const authOnly = (name: string, method: string, path: string): Endpoint => ({
    name,
    arbitrary: badToken.map((header) => ({
      path,
      init: { method, headers: { Authorization: header } },
    })),
  });

  const schemaValid =
    (schema: { safeParse: (v: unknown) => { success: boolean } }) => (value: unknown) =>
      schema.safeParse(value).success;

  const endpoints = (): Endpoint[] => [
    bodyEndpoint(
      'POST /auth/sign-in',
      'POST',
      () => '/api/v1/auth/sign-in',
      schemaValid(signInRequestSchema),
    ),
    authOnly('POST /auth/sign-out', 'POST', '/api/v1/auth/sign-out'),
    bodyEndpoint(
      'POST /sync/push',
      'POST',
      () => '/api/v1/sync/push',
      schemaValid(pushRequestSchema),
    ),
    {
      name: 'GET /sync/pull',
      arbitrary: badQuery(pullQuerySchema, ['after', 'limit']).map((query) => ({
        path: `/api/v1/sync/pull?${query}`,
        init: { headers: { Authorization: `Bearer ${token}` } },
      })),
    },
    authOnly('GET /devices', 'GET', '/api/v1/devices'),
    bodyEndpoint(
      'POST /devices/:id/revoke',
      'POST',
      (id) => `/api/v1/devices/${id}/revoke`,
      () => false,
      badId,
    ),
    authOnly('GET /staff', 'GET', '/api/v1/staff'),
    bodyEndpoint(
      'POST /staff/:id/deactivate',
      'POST',
      (id) => `/api/v1/staff/${id}/deactivate`,
      () => false,
      badId,
    ),
    bodyEndpoint(
      'POST /staff/:id/reactivate',
      'POST',
      (id) => `/api/v1/staff/${id}/reactivate`,
      () => false,
      badId,
    ),
    {
      name: 'GET /audit',
      arbitrary: badQuery(auditQuerySchema, ['childId', 'staffId', 'from', 'to', 'limit']).map(
        (query) => ({
          path: `/api/v1/audit?${query}`,
          init: { headers: { Authorization: `Bearer ${token}` } },
        }),
      ),
    },
    {
      name: 'GET /audit/export',
      arbitrary: badQuery(auditQuerySchema, ['childId', 'staffId', 'from', 'to', 'limit']).map(
        (query) => ({
          path: `/api/v1/audit/export?${query}`,
          init: { headers: { Authorization: `Bearer ${token}` } },
        }),
      ),
    },
    bodyEndpoint(
      'POST /audit/views',
      'POST',
      () => '/api/v1/audit/views',
      schemaValid(viewReportSchema),
    ),
    bodyEndpoint(
      'GET /children/:id/export',
      'GET',
      (id) => `/api/v1/children/${id}/export`,
      () => false,
      badId,
    ),
    bodyEndpoint(
      'POST /children/:id/erase',
      'POST',
      (id) => `/api/v1/children/${id}/erase`,
      schemaValid(eraseRequestSchema),
      badId,
    ),
    authOnly('GET /children/retention', 'GET', '/api/v1/children/retention'),
    bodyEndpoint(
      'PUT /children/retention',
      'PUT',
      () => '/api/v1/children/retention',
      schemaValid(retentionSchema),
    ),
    bodyEndpoint(
      'POST /children/erase-leavers',
      'POST',
      () => '/api/v1/children/erase-leavers',
      schemaValid(eraseRequestSchema),
    ),
  ];

  it.each(endpoints().map((e) => [e.name]))(
    '%s answers 1 000 malformed requests with a 4xx JSON error and changes nothing',
    async (name) => {
      const endpoint = endpoints().find((e) => e.name === name)!;
      const before = await snapshot();
      let count = 0;
      await fc.assert(
        fc.asyncProperty(endpoint.arbitrary, async ({ path, init }) => {
          count += 1;
          // A GET carries no body: its input is the path, query and token.
          const request = init.method === 'GET' ? { ...init, body: undefined } : init;
          await expectClientError(await app.request(path, request), `${name} ${path}`);
        }),
        { numRuns: RUNS },
      );
      expect(count).toBeGreaterThanOrEqual(RUNS);
      expect(await snapshot()).toBe(before);
    },
    240_000,
  );
});
