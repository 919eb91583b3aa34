/**
 * The files an IT team or a tablet reads without running our code, checked
 * against the code they must agree with:
 * - the Dockerfile and compose.yaml: the settings they pass are ones the
 *   server accepts (server/config.ts), the database URL names compose's own
 *   PostgreSQL service, and the health check asks the route the server has;
 * - the README's Settings table lists every setting the server reads;
 * - the iOS head tags: the status-bar style and a startup image for each
 *   listed screen, whose file exists at the pixel size its media query asks;
 * - package.json declares no runtime dependency that nothing imports.
 * Why static: there is no container engine in CI; what a build would catch
 * first (a wrong path, an unknown setting, a missing file) is caught here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig, SETTINGS } from '../../server/config';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Dockerfile instructions of the last stage, with continuation lines joined. */
const dockerStages = (): string[][] => {
  const joined = read('Dockerfile')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n\s*/g, ' ');
  const stages: string[][] = [];
  for (const line of joined.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages.at(-1)?.push(line);
  }
  return stages;
};

type ComposeService = {
  build?: string;
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
};

describe('the Dockerfile', () => {
  const stages = dockerStages();
  const run = stages.at(-1)!;
  const env = Object.fromEntries(
    run
      .filter((line) => line.startsWith('ENV '))
      .flatMap((line) => [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
  );

  it('builds from the lockfile in one stage and runs only the built server in the next', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]!.join('\n')).toMatch(/RUN npm ci\b/);
    expect(stages[0]!.join('\n')).toMatch(/npm run build/);
    expect(run.at(-1)).toBe('CMD ["node", "dist/server/main.js"]');
    expect(run).toContain('USER node');
    // The bundle the CMD runs is what `npm run build` writes.
    expect(JSON.parse(read('package.json')).scripts['build:server']).toContain(
      '--outfile=dist/server/main.js',
    );
  });

  it('sets only settings the server accepts, and exposes and health-checks the port it sets', () => {
    for (const name of Object.keys(env).filter((n) => n !== 'NODE_ENV')) {
      expect(Object.keys(SETTINGS), name).toContain(name);
    }
    const config = parseConfig(env);
    expect(config.dataDir).toBe('/data');
    expect(run).toContain(`EXPOSE ${config.port}`);
    expect(run.find((line) => line.startsWith('VOLUME'))).toContain('"/data"');
    const health = run.find((line) => line.startsWith('HEALTHCHECK'))!;
    expect(health).toContain('/api/v1/health');
    expect(read('server/app.ts')).toContain("'/api/v1/health'");
  });

  it('keeps local data, secrets and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.tmp', '.env', '*.sqlite', 'data', 'dist']) {
      expect(ignored, entry).toContain(entry);
    }
  });
});

describe('compose.yaml', () => {
  const compose = parseYaml(read('compose.yaml')) as { services: Record<string, ComposeService> };
  const app = Object.values(compose.services).find((service) => service.build === '.')!;
  const [dbName, db] = Object.entries(compose.services).find(([, s]) =>
    s.image?.startsWith('postgres:'),
  )!;

  it('runs the app built here against its own PostgreSQL, once that answers', () => {
    expect(app).toBeDefined();
    expect(db.image).toBe('postgres:15');
    expect(app.depends_on?.[dbName]?.condition).toBe('service_healthy');
    expect(db.healthcheck?.test?.join(' ')).toContain('pg_isready');
  });

  it('passes settings the server accepts, with a URL naming that service, user and database', () => {
    const password = 'Secret123';
    const substitute = (value: string) =>
      value.replace(/\$\{POSTGRES_PASSWORD:\?[^}]*\}/g, password);
    const env = Object.fromEntries(
      Object.entries(app.environment ?? {}).map(([name, value]) => [name, substitute(value)]),
    );
    for (const name of Object.keys(env)) expect(Object.keys(SETTINGS), name).toContain(name);
    const config = parseConfig(env);
    expect(config.db.engine).toBe('postgres');
    const url = new URL(env.DATABASE_URL!);
    expect(url.hostname).toBe(dbName);
    expect(url.username).toBe(db.environment?.POSTGRES_USER);
    expect(url.pathname).toBe(`/${db.environment?.POSTGRES_DB}`);
    expect(url.password).toBe(password);
    expect(substitute(db.environment?.POSTGRES_PASSWORD ?? '')).toBe(password);
    // The published port is the one the image's server listens on.
    expect(app.ports).toEqual([`${parseConfig({}).port}:${parseConfig({}).port}`]);
  });
});

describe('the README', () => {
  it('has a row in its Settings table for every setting the server reads', () => {
    const readme = read('README.md');
    const section = readme.slice(
      readme.indexOf('## Settings'),
      readme.indexOf('\n## ', readme.indexOf('## Settings') + 1),
    );
    const listed = [...section.matchAll(/^\|\s*`([A-Z_]+)`/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(SETTINGS).sort());
  });
});

describe('the iOS home-screen tags in index.html', () => {
  const html = read('index.html');
  const meta = (name: string) =>
    new RegExp(`<meta\\s+name="${name}"\\s+content="([^"]+)"`).exec(html)?.[1];

  it('runs full screen with a status bar style and title', () => {
    expect(meta('apple-mobile-web-app-capable')).toBe('yes');
    expect(['default', 'black', 'black-translucent']).toContain(
      meta('apple-mobile-web-app-status-bar-style'),
    );
    expect(meta('apple-mobile-web-app-title')).toBe('Waymark');
  });

  it('links a startup image for each screen, at the exact pixel size its media query names', () => {
    const links = [
      ...html.matchAll(
        /<link\s+rel="apple-touch-startup-image"\s+media="([^"]+)"\s+href="([^"]+)"/g,
      ),
    ];
    expect(links.length).toBeGreaterThanOrEqual(10);
    for (const [, media, href] of links) {
      const width = Number(/device-width: (\d+)px/.exec(media!)?.[1]);
      const height = Number(/device-height: (\d+)px/.exec(media!)?.[1]);
      const ratio = Number(/-webkit-device-pixel-ratio: (\d+)/.exec(media!)?.[1]);
      const landscape = media!.includes('orientation: landscape');
      const file = join(ROOT, 'public', href!);
      const bytes = readFileSync(file);
      expect(bytes.subarray(1, 4).toString('latin1'), href).toBe('PNG');
      const size = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
      expect(size, href).toEqual(
        landscape
          ? { width: height * ratio, height: width * ratio }
          : { width: width * ratio, height: height * ratio },
      );
      // Why a cap: each is fetched once by iOS at install; a palette PNG stays small.
      expect(statSync(file).size, href).toBeLessThan(200 * 1024);
    }
    // Both orientations of every screen, and no image on disk left unlinked.
    const linked = new Set(links.map((m) => m[2]!.replace('/icons/', '')));
    const onDisk = readdirSync(join(ROOT, 'public/icons')).filter((f) =>
      f.startsWith('apple-splash-'),
    );
    expect([...linked].sort()).toEqual(onDisk.sort());
  });
});

describe('package.json dependencies', () => {
  /** Every source file the app, the service worker, the server and the build read. */
  const sources = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
    });

  it('imports every runtime dependency it declares', () => {
    const files = [...['src', 'sw', 'server'].flatMap(sources), 'vite.config.ts'];
    const text = files.map((file) => read(relative(ROOT, join(ROOT, file)))).join('\n');
    const declared = Object.keys(
      (JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies,
    );
    // vite-plugin-pwa's register module is ours only by name: it imports
    // workbox-window, which must therefore stay a runtime dependency.
    const viaPlugin: Record<string, string> = { 'workbox-window': 'virtual:pwa-register' };
    const importedAs = (name: string) =>
      new RegExp(`from '${name}(/[^']*)?'|import\\('${name}(/[^']*)?'\\)`).test(text);
    const unused = declared.filter(
      (name) => !importedAs(name) && !(viaPlugin[name] && importedAs(viaPlugin[name])),
    );
    expect(unused).toEqual([]);
  });
});
