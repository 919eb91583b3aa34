/**
 * Keeps the scopes computed for readers (scope.ts `computeScope`), so a
 * push, a pull or a view report does not read and parse every class, child,
 * focus child and intervention of the school each time: with 50 devices
 * syncing, that was a fifth of the database's time.
 *
 * Why it never serves a scope that no longer holds: an entry is keyed by who
 * reads (school, staff, role) and the school's scope version as read from
 * the database in the request's own transaction, and every write that can
 * change a scope replaces that version in its own transaction
 * (scope-version.ts `moveScopeVersion`, for the types in SCOPE_ENTITIES). A
 * request that can see such a write sees the new version, misses, and
 * computes the scope afresh. The key comes from the database, not from this
 * process, so it holds when several server processes share one PostgreSQL
 * database and another of them made the write.
 *
 * Why the version must be read BEFORE the scope is computed: the records
 * read afterwards are then at least as new as that version, so an entry
 * never holds a scope older than its key. The other way round, a write
 * committing between the two reads would file the old scope under the new
 * version. On a push the version is read under the school's write lock,
 * which every scope-changing write also takes, so it cannot move before the
 * batch commits.
 *
 * Bounded: past `capacity` entries the least recently used one goes, so
 * entries under versions no longer current age out.
 */
import type { Role } from '../../src/domain';
import type { ReaderScope } from '../auth/permissions';
import type { Executor } from '../db/connection';
import type { StoredScope } from './scope';
import { computeScope, isWholeSchoolRole, scopeHash, scopeToStored } from './scope';
import { readScopeVersion } from './scope-version';

/** A computed scope, with its stored form and hash (what a pull compares with the device's). */
export type CachedScope = {
  scope: ReaderScope;
  stored: Readonly<StoredScope>;
  hash: string;
};

export type ScopeCache = {
  get: (key: string) => CachedScope | undefined;
  set: (key: string, value: CachedScope) => void;
  readonly size: number;
};

export type ScopeReader = { schoolId: string; staffId: string; role: Role };

/**
 * How many scopes one server process keeps: a few KiB each (a teacher's
 * classes, children and groups), so about as many staff as sync at once in
 * a large trust for a few MiB.
 */
export const SCOPE_CACHE_SIZE = 1_000;

export const createScopeCache = (capacity = SCOPE_CACHE_SIZE): ScopeCache => {
  const entries = new Map<string, CachedScope>();
  return {
    get: (key) => {
      const found = entries.get(key);
      if (found) {
        // Re-inserted, so the map's order runs from least to most recently used.
        entries.delete(key);
        entries.set(key, found);
      }
      return found;
    },
    set: (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
  };
};

const withHash = (scope: ReaderScope): CachedScope => {
  const stored = scopeToStored(scope);
  return { scope, stored, hash: scopeHash(stored) };
};

/**
 * The reader's scope, given the school's scope version read by the caller
 * in this transaction BEFORE this call (see the header).
 */
export const scopeAtVersion = async (
  db: Executor,
  cache: ScopeCache,
  reader: ScopeReader,
  version: string,
): Promise<CachedScope> => {
  // A whole-school scope reads no records: nothing to keep.
  if (isWholeSchoolRole(reader.role)) return withHash(await computeScope(db, reader));
  const key = JSON.stringify([reader.schoolId, reader.staffId, reader.role, version]);
  const cached = cache.get(key);
  if (cached) return cached;
  const computed = withHash(await computeScope(db, reader));
  cache.set(key, computed);
  return computed;
};

/** The reader's scope as the school's records stand in this transaction. */
export const currentScope = async (
  db: Executor,
  cache: ScopeCache,
  reader: ScopeReader,
): Promise<CachedScope> =>
  isWholeSchoolRole(reader.role)
    ? withHash(await computeScope(db, reader))
    : scopeAtVersion(db, cache, reader, await readScopeVersion(db, reader.schoolId));
