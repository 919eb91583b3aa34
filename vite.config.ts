// The PWA build: Preact, and vite-plugin-pwa in injectManifest mode so our
// own service worker (sw/sw.ts) gets the precache list. In development the
// API is proxied to the server on :8080 (`npm run dev` runs both).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

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
        // added to the home screen, and each tablet needs one of sixteen.
        globIgnores: ['icons/apple-splash-*.png'],
      },
      includeAssets: ['icons/icon-*.png', 'icons/apple-touch-icon.png', 'icons/*.svg'],
      manifest: {
        name: 'Waymark',
        short_name: 'Waymark',
        description: 'Record progress on SEND targets and interventions, online or off.',
        lang: 'en-GB',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1f4e79',
        background_color: '#f7f7f4',
        // Each opens the person's home, which is the right place for their
        // role: a teacher's home starts a lesson, a TA's lists today's sessions.
        shortcuts: [
          {
            name: 'Start a lesson',
            short_name: 'Lesson',
            url: '/?from=shortcut-lesson',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Log a session',
            short_name: 'Session',
            url: '/?from=shortcut-session',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
