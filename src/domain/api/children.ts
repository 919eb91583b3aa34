/**
 * A child's record on request (UK GDPR), for the SENCo and admins: the
 * export (`GET /children/:id/export`), erasure of one child or of the
 * leavers past the retention period, and that period itself. The export's
 * shape is declared once, here: the server builds it, the app prints it.
 */
import { z } from '../zod';

export const childExportSchema = z.object({
  childId: z.string(),
  exportedAt: z.string(),
  records: z.array(
    z.object({
      entity: z.string(),
      id: z.string(),
      isDeleted: z.boolean(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  history: z.array(
    z.object({
      entity: z.string(),
      id: z.string(),
      field: z.string(),
      value: z.unknown(),
      at: z.string(),
      reason: z.string(),
    }),
  ),
});
export type ChildExport = z.infer<typeof childExportSchema>;

/** Erasing cannot be undone, so the request must say so in as many words. */
export const eraseRequestSchema = z.strictObject({ confirm: z.literal(true) });

export const eraseResponseSchema = z.object({ erased: z.int().check(z.minimum(0)) });

/** Months a child who left is kept; null keeps them until erased by hand. */
export const retentionSchema = z.strictObject({
  months: z.nullable(z.int().check(z.minimum(1), z.maximum(600))),
});
export type Retention = z.infer<typeof retentionSchema>;
