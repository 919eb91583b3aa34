/**
 * zod validation for routes with our error shape: a failed check is a 400
 * `bad_request` with a plain message, never zod's raw output.
 *
 * Any zod 4 schema will do: the routes' own are full zod, the shared ones
 * from src/domain are zod/mini, and both are zod core schemas, which is
 * what @hono/zod-validator takes (it calls `safeParseAsync`, which both have).
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ERROR_CODES } from '../../src/domain';
import { jsonError } from '../errors';

export const validate = <T extends z.core.$ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  message: string,
) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) return jsonError(c, 400, ERROR_CODES.badRequest, message);
  });
