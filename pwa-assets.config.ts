/**
 * The app's icons and iOS splash screens, made from public/icons/icon.svg by
 * @vite-pwa/assets-generator: `npm run icons` writes them next to the SVG
 * and prints the `<link>` tags, which index.html carries (replace them there
 * when the devices below change). The maskable icon is drawn by hand
 * (icon-maskable.svg) and is not made here.
 *
 * Why these devices only: iOS shows a startup image only when one matches the
 * device's screen exactly, and each device costs two images (portrait and
 * landscape). Schools' tablets are iPads, so every current iPad size is here,
 * with the three iPhone sizes most staff carry; any other device shows the
 * plain background colour instead, which is harmless.
 */
import {
  createAppleSplashScreens,
  defineConfig,
  type AssetType,
} from '@vite-pwa/assets-generator/config';

/** The file names the web manifest and index.html already use. */
const ICON_NAMES: Record<AssetType, (size: number) => string> = {
  transparent: (size) => `icon-${size}.png`,
  maskable: (size) => `icon-maskable-${size}.png`,
  apple: () => 'apple-touch-icon.png',
};

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    transparent: { sizes: [192, 512], favicons: [] },
    maskable: { sizes: [] },
    // iOS rounds the corners itself and shows black where an icon is clear.
    apple: { sizes: [180], padding: 0, resizeOptions: { background: '#1f4e79' } },
    assetName: (type, size) => ICON_NAMES[type](size.width),
    appleSplashScreens: createAppleSplashScreens(
      {
        padding: 0.3,
        // The manifest's background_color, so the splash and the app's first paint match.
        resizeOptions: { background: '#f7f7f4', fit: 'contain' },
        linkMediaOptions: { log: true, addMediaScreen: true, basePath: '/icons/', xhtml: false },
        png: { compressionLevel: 9, quality: 60, palette: true },
        // One name for the file and its <link> (there are no dark variants).
        name: (landscape, size) =>
          `apple-splash-${landscape ? 'landscape' : 'portrait'}-${size.width}x${size.height}.png`,
      },
      [
        'iPad Pro 12.9"',
        'iPad Pro 11"',
        'iPad Air 10.9"',
        'iPad 10.2"',
        'iPad mini 8.3"',
        'iPhone 16',
        'iPhone 14',
        'iPhone SE 4.7"',
      ],
    ),
  },
  images: ['public/icons/icon.svg'],
});
