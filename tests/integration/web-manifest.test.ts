/**
 * The web app manifest (web-manifest.config.ts) against the files and the
 * routes it names: the identity and launch fields, the CSV file handler that
 * opens the import screen, and screenshots that exist at the sizes declared.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_IMPORT_ACTION, webManifest } from '../../web-manifest.config';
import { IMPORT_PATH } from '../../src/ui/launch/launch-queue';

/** Width and height from a PNG's header (the IHDR chunk comes first). */
const pngSize = (path: string): { width: number; height: number } => {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

describe('the web app manifest', () => {
  it('has a lasting id and focuses the open window on launch', () => {
    expect(webManifest.id).toBe('/');
    expect(webManifest.launch_handler).toEqual({ client_mode: 'focus-existing' });
  });

  it('opens CSV files on the SENCo’s import screen, inside its scope', () => {
    expect(webManifest.file_handlers).toEqual([
      { action: CSV_IMPORT_ACTION, accept: { 'text/csv': ['.csv'] } },
    ]);
    expect(CSV_IMPORT_ACTION).toBe(IMPORT_PATH);
    expect(CSV_IMPORT_ACTION.startsWith(webManifest.scope!)).toBe(true);
  });

  it('shows a narrow and a wide screenshot of the real app, each labelled, small and the size it says', () => {
    const shots = webManifest.screenshots ?? [];
    expect(shots.map((shot) => shot.form_factor).sort()).toEqual(['narrow', 'wide']);
    for (const shot of shots) {
      expect(shot.label?.length).toBeGreaterThan(10);
      expect(shot.type).toBe('image/png');
      const file = `public${shot.src}`;
      const [width, height] = shot.sizes.split('x').map(Number);
      expect(pngSize(file)).toEqual({ width, height });
      expect(statSync(file).size).toBeLessThan(150 * 1024);
      if (shot.form_factor === 'narrow') expect(height!).toBeGreaterThan(width!);
      else expect(width!).toBeGreaterThan(height!);
    }
  });

  it('names icons that exist at their sizes', () => {
    for (const icon of webManifest.icons ?? []) {
      const [width, height] = (icon.sizes ?? '').split('x').map(Number);
      expect(pngSize(`public${icon.src}`)).toEqual({ width, height });
    }
  });
});
