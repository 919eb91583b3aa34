/**
 * The wire shapes for revoking a device and for the revoked device's last
 * word (SENCo's devices list, store/device-revocation.ts on the server,
 * sync/engine.ts on the device):
 *
 * `POST /api/v1/devices/:id/revoke` with `{mode}`: `hand_back` (the device
 *   may send what it holds, then removes the children's records) or `lost`
 *   (on its next contact it removes them without sending anything).
 * `POST /api/v1/devices/wiped` with `{droppedChanges}`, under the device's
 *   revoked token: the device says it wiped and how many changes it held
 *   that never reached the server. Answered once per revoked session.
 */
import { z } from './zod';

export const REVOCATION_MODES = ['hand_back', 'lost'] as const;
export type RevocationMode = (typeof REVOCATION_MODES)[number];

/** Most changes a device can say it dropped: far above any real outbox. */
export const MAX_DROPPED_CHANGES = 10_000_000;

export const revokeDeviceRequestSchema = z.object({
  mode: z.optional(z.enum(REVOCATION_MODES)),
});

export const deviceWipedRequestSchema = z.object({
  droppedChanges: z.int().check(z.minimum(0), z.maximum(MAX_DROPPED_CHANGES)),
});
export type DeviceWipedRequest = z.infer<typeof deviceWipedRequestSchema>;

/** What the SENCo's devices list says about a revoked device. */
export const deviceRevocationSchema = z.object({
  mode: z.enum(REVOCATION_MODES),
  at: z.string(),
  wipedAt: z.nullable(z.string()),
  droppedChanges: z.nullable(z.number()),
});
export type DeviceRevocation = z.infer<typeof deviceRevocationSchema>;
