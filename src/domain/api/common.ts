/** Shapes several areas of the API share: a path's `:id` and the error body. */
import { z } from '../zod';
import { idSchema } from '../id-schema';

export { apiErrorSchema, type ApiError, ERROR_CODES } from '../protocol';

/** `:id` in a path. The shared id schema: an id in upper case names the same record. */
export const idParamsSchema = z.object({ id: idSchema });
export type IdParams = z.infer<typeof idParamsSchema>;
