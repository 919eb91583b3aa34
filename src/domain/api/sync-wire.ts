/**
 * The sync wire: push, pull, and how far a device's pushes got. The push
 * and pull shapes are the protocol's own (../protocol.ts). Why not
 * `sync.ts`: the layer rules keep that name for the device's sync engine.
 */
import { z } from '../zod';
import { idSchema } from '../id-schema';

export {
  changeSchema,
  mutationResultSchema,
  mutationSchema,
  PROTOCOL_VERSION,
  pullPageSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../protocol';

export const deviceQuerySchema = z.object({ deviceId: z.optional(idSchema) });

/** The highest `seq` the server holds from this device (0 for none). */
export const deviceSeqResponseSchema = z.object({
  deviceId: idSchema,
  lastSeq: z.int().check(z.minimum(0)),
});
export type DeviceSeqResponse = z.infer<typeof deviceSeqResponseSchema>;
