/**
 * `readId`'s fast path against `idSchema`: for any value, both give the same
 * id or both refuse it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSchema, readId } from './id-schema';

const viaSchema = (value: unknown): string | undefined => {
  const parsed = idSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

describe('readId', () => {
  it('agrees with idSchema on UUIDs of every version and case, placeholders and near misses', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
    const part = (n: number) =>
      fc.array(hex, { minLength: n, maxLength: n }).map((a) => a.join(''));
    const uuidLike = fc
      .tuple(part(8), part(4), part(4), part(4), part(12))
      .map((parts) => parts.join('-'));
    const values = fc.oneof(
      fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] }),
      fc.uuid().map((id) => id.toUpperCase()),
      uuidLike,
      uuidLike.map((id) => `${id}\u0000`),
      fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        '',
        ' 0f8fad5b-d9cb-469f-a165-70867728950e',
      ),
      fc.string({ maxLength: 40 }),
      fc.anything(),
    );
    fc.assert(
      fc.property(values, (value) => {
        expect(readId(value)).toBe(viaSchema(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('lower-cases an upper-case id and refuses the nil id', () => {
    expect(readId('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(readId('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(readId(42)).toBeUndefined();
  });
});
