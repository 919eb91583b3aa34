import { describe, expect, it } from 'vitest';
import type { CachedScope } from './scope-cache';
import { createScopeCache } from './scope-cache';
import type { StoredScope } from './scope';
import { storedToScope } from './scope';

/** A teacher's empty scope, its hash the staff id, so an entry is told by its hash. */
const entry = (staffId: string): CachedScope => {
  const stored: StoredScope = {
    staffId,
    role: 'teacher',
    classIds: [],
    childIds: [],
    interventionIds: [],
    runsInterventionIds: [],
  };
  return { scope: storedToScope(stored), stored, hash: staffId };
};

describe('scope cache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = createScopeCache(2);
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    expect(cache.get('a')?.hash).toBe('a');
    cache.set('c', entry('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.hash).toBe('a');
    expect(cache.get('c')?.hash).toBe('c');
  });

  it('replaces an entry set again under the same key', () => {
    const cache = createScopeCache(2);
    cache.set('a', entry('a'));
    cache.set('a', entry('a2'));
    expect(cache.size).toBe(1);
    expect(cache.get('a')?.hash).toBe('a2');
  });
});
