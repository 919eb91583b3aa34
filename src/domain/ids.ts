/**
 * Record ids. Every record is named on the device that made it, so it can be
 * written offline and referred to before the server has ever seen it.
 * UUID v7 puts creation time in the high bits, which keeps b-tree inserts
 * local on the server and sorts records roughly by age.
 */
import { v7 as uuidv7, validate } from 'uuid';

export type Id = string;

export const newId = (): Id => uuidv7();

export const isUuid = (value: unknown): value is Id => typeof value === 'string' && validate(value);

/**
 * The nil and max UUIDs (all zeros, all f's) are valid UUIDs that no device
 * makes: as a record's id or a reference they would name one shared
 * "record" every forged write could collide on, so they are refused.
 */
export const isPlaceholderId = (value: string): boolean =>
  /^(0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i.test(value);
