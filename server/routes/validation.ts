/**
 * zod validation for routes with our error shape: a failed check is a 400
 * `bad_request` with a plain message, never zod's raw output.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ERROR_CODES } from '../../src/domain';
import { jsonError } from '../errors';

export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  message: string,
) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) return jsonError(c, 400, ERROR_CODES.badRequest, message);
  });
