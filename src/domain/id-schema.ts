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
 * Why not the nil or max UUID: no device ever makes them, so one arriving is
 * forged or broken, and every forged write would collide on the one
 * "record" it names (./ids `isPlaceholderId`).
 */
import { isPlaceholderId } from './ids';
import { z } from './zod';

export const idSchema = z.pipe(
  z.string().check(z.maxLength(36), z.toLowerCase()),
  z.uuid().check(z.refine((value) => !isPlaceholderId(value), 'This names no record.')),
);
