/**
 * Who a route's audit entry is by: the signed-in person, their school and
 * the device they are on, at the moment given. One place, so every entry a
 * route writes names its author the same way.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env';

export const auditBase = (c: Context<AppEnv>, at: string) => {
  const { staff, session } = c.get('signedIn');
  return {
    schoolId: staff.schoolId,
    at,
    staffId: staff.id,
    staffName: staff.name,
    deviceId: session.deviceId,
  };
};
