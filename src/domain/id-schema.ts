/**
 * The one schema for a record, device, staff or mutation id on the wire.
 *
 * Why lower-case at the boundary: an id is compared as a string everywhere
 * (scope sets, the HLC's device part, the devices table), and a UUID in
 * upper case names the same thing. Accepting it as written let one push
 * store an HLC ending in an upper-case device id, which every reader's pull
 * then refused. Every id is normalised once, here, so nothing stored or
 * handed out can differ by case.
 *
 * Why not the nil UUID: no device ever makes it, so one arriving is forged or
 * broken, and a record named by it could be confused with "no id".
 */
import { z } from './zod';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export const idSchema = z.pipe(
  z.string().check(z.maxLength(36), z.toLowerCase()),
  z.uuid().check(z.refine((value) => value !== NIL_UUID, 'The nil UUID is not an id')),
);
