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
