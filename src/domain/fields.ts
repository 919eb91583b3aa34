/**
 * An entity's fields one at a time: which fields a patch may carry and
 * whether each value is valid on its own, and which fields of an edit differ
 * from the record as it stands. Shared by the device's commands and the
 * roster import.
 *
 * Why field by field and not the schema's `.partial()`: a partial parse fills
 * in defaults for fields that were not sent, which would then win
 * last-writer-wins and overwrite other people's values.
 */
import { RECORD_TYPES, type EntityName } from './records';
import type { z } from './zod';

/**
 * The schema of one field, only if the record type has that field. Why own
 * properties only: a field named `constructor` or `toString` must be refused
 * as unknown, not found on the object's prototype.
 */
export const fieldSchemaOf = (entity: EntityName, field: string): z.ZodMiniType | undefined => {
  const shape = (RECORD_TYPES[entity].schema as unknown as z.ZodMiniObject).shape as Record<
    string,
    z.ZodMiniType
  >;
  return Object.hasOwn(shape, field) ? shape[field] : undefined;
};

/** A patch checked field by field: the parsed values, and a message per field that failed. */
export const checkPatchFields = (
  entity: EntityName,
  fields: Record<string, unknown>,
): { data: Record<string, unknown>; errors: Record<string, string> } => {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const schema = fieldSchemaOf(entity, field);
    if (!schema) {
      errors[field] = `Unknown field ${field}`;
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) data[field] = result.data;
    else errors[field] = result.error.issues[0]?.message ?? 'Not valid';
  }
  return { data, errors };
};

/** Two field values are the same value (lists and objects compared by content, in order). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Only the fields that differ from the record as this device has it (all of
 * them for a new record). Why: each field sent is stamped with a new clock
 * and wins over a concurrent edit of that field on another device; sending
 * only what changed lets someone else's edit of another field survive.
 */
export const changedFields = <T extends object>(
  existing: object | undefined,
  fields: Partial<T>,
): Partial<T> => {
  if (!existing) return fields;
  const held = existing as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => !sameValue(held[key], value)),
  ) as Partial<T>;
};
