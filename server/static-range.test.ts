import { describe, expect, it } from 'vitest';
import { decideRange } from './static-range';

describe('decideRange', () => {
  it.each([
    ['bytes=0-9', 100, { kind: 'part', start: 0, end: 9 }],
    ['bytes=90-150', 100, { kind: 'part', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'part', start: 0, end: 99 }],
    ['bytes=99-', 100, { kind: 'part', start: 99, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-0', 0, { kind: 'unsatisfiable' }],
    ['bytes=-1', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-1', 100, { kind: 'whole' }],
    ['bytes= 0-1', 100, { kind: 'whole' }],
    ['bytes=0-1\u0000', 100, { kind: 'whole' }],
    ['bytes=1e3-', 100, { kind: 'whole' }],
    ['bytes=-', 100, { kind: 'whole' }],
    ['', 100, { kind: 'whole' }],
  ] as const)('%j on %i bytes', (header, size, expected) => {
    expect(decideRange(header, size)).toEqual(expected);
  });
});
