// The PWA build: Preact, and vite-plugin-pwa in injectManifest mode so our
// own service worker (sw/sw.ts) gets the precache list. In development the
// API is proxied to the server on :8080 (`npm run dev` runs both).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { webManifest } from './web-manifest.config';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string })
  .version;
/** Shown in the app so staff (and tests) can tell which build is running. */
const appVersion =
  process.env.APP_VERSION ??
  `${packageVersion} (${new Date().toISOString().slice(0, 16).replace('T', ' ')})`;

export default defineConfig({
  build: { outDir: 'dist/client', emptyOutDir: true, sourcemap: true },
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ico}'],
        // Why not precached: iOS reads a startup image once, when the app is
        // added to the home screen, and each tablet needs one of sixteen; the
        // screenshots are only for the install dialog.
        globIgnores: ['icons/apple-splash-*.png', 'screenshots/*.png'],
      },
      includeAssets: ['icons/icon-*.png', 'icons/apple-touch-icon.png', 'icons/*.svg'],
      manifest: webManifest,
      devOptions: { enabled: false },
    }),
  ],
});
