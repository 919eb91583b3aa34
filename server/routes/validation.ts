/**
 * The contract at the server's edge (src/domain/api): requests parsed with
 * the route table's schemas, answers checked against them.
 *
 * `validate`: a failed check is a 400 `bad_request` with the route's plain
 * message, never zod's raw output.
 * Any zod 4 schema will do: the shared ones from src/domain are zod/mini,
 * which is a zod core schema, what @hono/zod-validator takes (it calls
 * `safeParseAsync`).
 *
 * `answer`: sends the route's success body after checking it against the
 * route's response schema. Why throw under test and only log in
 * production: a test must fail the moment the server and the contract
 * part ways; a school's server must still answer (the device reads what it
 * can) and leave a line for whoever runs it.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { ERROR_CODES } from '../../src/domain';
import type { RouteAnswer, RouteDef } from '../../src/domain/api';
import type { AppEnv } from '../env';
import { jsonError } from '../errors';

export const validate = <T extends z.core.$ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  message: string,
) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) return jsonError(c, 400, ERROR_CODES.badRequest, message);
  });

/** Whether a response that breaks its schema throws (tests) or is logged (production). */
const isStrict = (): boolean => process.env.VITEST !== undefined || process.env.NODE_ENV === 'test';

export class ContractViolation extends Error {
  constructor(route: RouteDef, issues: string) {
    super(`The answer to ${route.method} ${route.path} breaks its schema: ${issues}`);
    this.name = 'ContractViolation';
  }
}

/** Checks `body` against the route's response schema, then answers with it. */
export const answer = <R extends RouteDef>(
  c: Context<AppEnv>,
  route: R,
  body: RouteAnswer<R>,
  status: ContentfulStatusCode = 200,
): Response => {
  const schema = route.response;
  if (schema) {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      const violation = new ContractViolation(
        route,
        checked.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; '),
      );
      if (isStrict()) throw violation;
      c.get('logger')?.error({ err: violation }, violation.message);
    }
  }
  return route.responseType === 'text'
    ? c.body(body as string, status)
    : c.json(body as object, status);
};
