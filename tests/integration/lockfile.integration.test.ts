/**
 * package-lock.json is complete for every platform: each dependency that any
 * locked package names, optional platform builds included (rollup, esbuild,
 * rolldown, lightningcss for macOS, Windows, Linux glibc and musl), has an
 * entry of its own. Why: npm installs a missing one on the platform that
 * needs it and rewrites the lockfile there, so a clean clone would not stay
 * clean, and `npm ci` would differ between machines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Entry = {
  version?: string;
  os?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

const ROOT = join(import.meta.dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, Entry>;
};
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
  string,
  Record<string, string> | undefined
>;

/** Where node would find `name` from the package at `from`: its own node_modules, then its parents'. */
const resolve = (from: string, name: string): string | undefined => {
  let base = from;
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
};

describe('package-lock.json', () => {
  it('has an entry for every dependency of every locked package, on every platform', () => {
    expect(lock.lockfileVersion).toBe(3);
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(lock.packages)) {
      const wanted = {
        ...entry.dependencies,
        ...entry.optionalDependencies,
        ...Object.fromEntries(
          Object.entries(entry.peerDependencies ?? {}).filter(
            ([name]) => !entry.peerDependenciesMeta?.[name]?.optional,
          ),
        ),
      };
      for (const name of Object.keys(wanted)) {
        if (!resolve(key, name)) missing.push(`${key || '(root)'} -> ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('locks the platform builds of the bundlers for macOS, Windows and Linux', () => {
    const platforms = (prefix: string) =>
      new Set(
        Object.entries(lock.packages)
          .filter(([key]) => key.startsWith(`node_modules/${prefix}`))
          .flatMap(([, entry]) => entry.os ?? []),
      );
    for (const prefix of ['@esbuild/', '@rollup/rollup-', 'lightningcss-', '@rolldown/binding-']) {
      expect([...platforms(prefix)], prefix).toEqual(
        expect.arrayContaining(['darwin', 'win32', 'linux']),
      );
    }
  });

  it('matches package.json: the same direct dependencies, no more', () => {
    const root = lock.packages[''] as Entry & { devDependencies?: Record<string, string> };
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });
});
