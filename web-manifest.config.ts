/**
 * The web app manifest: how Waymark installs, opens and is shown by the
 * system (name, icons, shortcuts, screenshots, the CSV files it opens).
 * vite-plugin-pwa writes it to manifest.webmanifest at build time; a unit
 * test (tests/integration/web-manifest.test.ts) checks its fields and files.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

/** Where a CSV file opened with Waymark goes: the SENCo's import screen. */
export const CSV_IMPORT_ACTION = '/senco/import';

export const webManifest: Partial<ManifestOptions> = {
  // The app's identity across changes of start_url: installs stay one app.
  id: '/',
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
  // Why focus-existing: a second window would be a second copy of the app
  // on one tablet, both syncing; a CSV opened from the file manager goes to
  // the open window instead (src/ui/launch takes it from there).
  launch_handler: { client_mode: 'focus-existing' },
  // A school's MIS export (children or staff), opened from the file manager.
  file_handlers: [
    {
      action: CSV_IMPORT_ACTION,
      accept: { 'text/csv': ['.csv'] },
    },
  ],
  // Shown in the install dialog; made by `npm run screenshots`.
  screenshots: [
    {
      src: '/screenshots/narrow-focus-children.png',
      sizes: '390x844',
      type: 'image/png',
      form_factor: 'narrow',
      label: 'A teacher’s focus children, ready to tick a target in the lesson',
    },
    {
      src: '/screenshots/wide-senco-week.png',
      sizes: '1024x768',
      type: 'image/png',
      form_factor: 'wide',
      label: 'The SENCo’s week: sessions delivered against planned, and who has nothing recorded',
    },
  ],
};
