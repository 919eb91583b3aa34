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

/** An id exactly as `idSchema` would hand it out: lower case, a real UUID, not a placeholder. */
const CANONICAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * `idSchema`'s answer for `value`: the id, normalised, or undefined when it
 * is not one. Why a fast path: the server reads every id a pushed batch
 * names before checking the batch (two per tick), and zod's pipe costs
 * about ten times the one regular expression an id already in canonical
 * form needs. Anything else still goes through the schema, so the two can
 * never disagree (id-schema.test.ts checks it).
 */
export const readId = (value: unknown): string | undefined => {
  if (typeof value === 'string' && CANONICAL_ID.test(value)) return value;
  const parsed = idSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};
