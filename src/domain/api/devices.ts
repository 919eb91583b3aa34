/**
 * Signed-in devices (SENCo and admins): the list, revoking one (`hand_back`
 * or `lost`), and the revoked device's last word (`POST /devices/wiped`).
 * The one declaration of a device summary: the server answers it, the
 * devices screen shows it, "This week" keeps it for offline reports.
 */
import { z } from '../zod';
import { deviceRevocationSchema, REVOCATION_MODES } from '../device-revocation';

export {
  deviceRevocationSchema,
  deviceWipedRequestSchema,
  revokeDeviceRequestSchema,
  REVOCATION_MODES,
  MAX_DROPPED_CHANGES,
  type DeviceRevocation,
  type DeviceWipedRequest,
  type RevocationMode,
} from '../device-revocation';

export const deviceSummarySchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  firstSeenAt: z.string(),
  lastPushAt: z.nullable(z.string()),
  lastPullAt: z.nullable(z.string()),
  /** Sessions still signed in on this device; 0 once revoked or expired. */
  liveSessions: z.int().check(z.minimum(0)),
  /**
   * The SENCo's last revocation of this device, and what the device said
   * after it. Optional, so a device still reads an older server's list.
   */
  revocation: z.optional(z.nullable(deviceRevocationSchema)),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

export const devicesResponseSchema = z.object({ devices: z.array(deviceSummarySchema) });
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;

export const revokeDeviceResponseSchema = z.object({
  revokedSessions: z.int().check(z.minimum(0)),
  mode: z.enum(REVOCATION_MODES),
});
export type RevokeDeviceResponse = z.infer<typeof revokeDeviceResponseSchema>;
