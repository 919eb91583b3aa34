/**
 * Pins the API's wire shapes to PROTOCOL_VERSION: every schema of the route
 * table (src/domain/api/routes.ts), as JSON Schema, is kept in
 * src/domain/api/wire-pin.json with the version it belongs to. A change to
 * any request or answer without a new protocol version fails here, so that
 * devices and servers of different versions never disagree unawares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../src/domain';
import { routes, type RouteDef } from '../src/domain/api';

const PIN_FILE = fileURLToPath(new URL('../src/domain/api/wire-pin.json', import.meta.url));
const PARTS = ['params', 'query', 'body', 'response', 'clientResponse'] as const;

type Pin = { protocolVersion: number; routes: Record<string, unknown> };

const jsonSchemaOf = (schema: z.core.$ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' });

/** Every route's method, path and schemas, in the table's order. */
export const wireShapes = (table: Record<string, RouteDef>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(table).map(([name, route]) => [
      name,
      {
        method: route.method,
        path: route.path,
        auth: route.auth,
        responseType: route.responseType,
        ...Object.fromEntries(
          PARTS.flatMap((part) => {
            const schema = route[part];
            if (!schema) return [];
            // A request is what a sender may send (input); an answer is what
            // a reader gets (output). Both are the wire.
            const io = part === 'response' || part === 'clientResponse' ? 'output' : 'input';
            return [[part, jsonSchemaOf(schema, io)]];
          }),
        ),
      },
    ]),
  );

const readPin = (): Pin | undefined => {
  try {
    return JSON.parse(readFileSync(PIN_FILE, 'utf8')) as Pin;
  } catch {
    return undefined;
  }
};

const BUMP =
  'The API wire schemas changed but PROTOCOL_VERSION did not. Bump PROTOCOL_VERSION in ' +
  'src/domain/protocol.ts, then run `UPDATE_WIRE_PIN=1 npx vitest run server/wire-pin.test.ts`.';

describe('the wire pin', () => {
  it('holds every schema of the route table, at the current PROTOCOL_VERSION', () => {
    const current: Pin = { protocolVersion: PROTOCOL_VERSION, routes: wireShapes(routes) };
    const pinned = readPin();
    if (process.env.UPDATE_WIRE_PIN) {
      // Why refuse to re-pin the same version with other shapes: that is
      // exactly the change this test exists to stop.
      if (pinned && pinned.protocolVersion === PROTOCOL_VERSION) {
        expect(current.routes, BUMP).toEqual(pinned.routes);
      }
      writeFileSync(PIN_FILE, `${JSON.stringify(current, null, 2)}\n`);
      return;
    }
    expect(pinned, 'No wire pin yet: run with UPDATE_WIRE_PIN=1 to write it.').toBeDefined();
    if (pinned!.protocolVersion === PROTOCOL_VERSION) {
      expect(current.routes, BUMP).toEqual(pinned!.routes);
    } else {
      expect.fail(
        `PROTOCOL_VERSION is ${PROTOCOL_VERSION} but the pin is for ${pinned!.protocolVersion}: ` +
          'run `UPDATE_WIRE_PIN=1 npx vitest run server/wire-pin.test.ts` to pin the new version.',
      );
    }
  });

  it('sees a change to any one field', () => {
    const changed = {
      ...routes,
      setup: { ...routes.setup, response: z.object({ hasSchool: z.string() }) },
    };
    expect(wireShapes(changed)).not.toEqual(wireShapes(routes));
  });
});
