import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME_COLOUR = '#0b3d91';

/**
 * The web app manifest in one language (issue 24). A manifest is a static file read at install,
 * while the language belongs to whoever signs in: so there is one manifest per language, both
 * with the same `id` (one installed app), `/manifest.webmanifest` in English and
 * `/manifest.zh-CN.webmanifest` in Chinese, and the app points `<link rel="manifest">` at the
 * signed-in user's (`shell/manifest-language.ts`). No `orientation`: the console runs in
 * landscape on tablets, the handheld in portrait.
 */
function manifestIn(lang: 'en' | 'zh-CN') {
  const zh = lang === 'zh-CN';
  return {
    id: '/',
    lang,
    dir: 'ltr' as const,
    name: zh ? '波次拣货' : 'Wave Picking',
    short_name: zh ? '拣货' : 'Picking',
    description: zh
      ? '离线优先的仓库拣货:手持终端拣货,平板主管控制台'
      : 'Offline-first warehouse picking on the handheld, and the supervisor console on a tablet',
    start_url: '/',
    scope: '/',
    display: 'standalone' as const,
    background_color: '#ffffff',
    theme_color: THEME_COLOUR,
    icons: [
      { src: 'pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    screenshots: [
      {
        src: 'screenshots/console-1280x800.png',
        sizes: '1280x800',
        type: 'image/png',
        form_factor: 'wide' as const,
        label: zh ? '平板上的主管控制台' : 'The supervisor console on a tablet',
      },
      {
        src: 'screenshots/handheld-360x640.png',
        sizes: '360x640',
        type: 'image/png',
        form_factor: 'narrow' as const,
        label: zh ? '手持终端上的拣货步骤' : 'A pick step on the handheld',
      },
    ],
  };
}

/**
 * The handheld PWA. The server serves `dist/` at `/` and the API at `/api` on the same origin;
 * in dev the API is proxied to a server on :8080.
 */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: '../../public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } } },
  preview: { proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } } },
  plugins: [
    react(),
    {
      name: 'manifest-zh-cn',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'manifest.zh-CN.webmanifest',
          source: JSON.stringify(manifestIn('zh-CN')),
        });
      },
    },
    VitePWA({
      registerType: 'prompt',
      strategies: 'generateSW',
      injectRegister: false,
      // The glob below already precaches every icon; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: manifestIn('en'),
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico}'],
        // The manifest's screenshots are for the install dialog, not for working offline.
        globIgnores: ['screenshots/**'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The API is never cached: offline, the device works from Dexie, not from HTTP caches.
        // The SKU pictures (on the shop's image host, another origin) are: the pick card shows
        // them in the back aisle. The pick screen stores a wave's pictures in this cache when it
        // opens (device/pictures/picture-cache.ts); opaque answers (no CORS) are kept too.
        runtimeCaching: [
          {
            urlPattern: ({ request, sameOrigin }) => !sameOrigin && request.destination === 'image',
            handler: 'CacheFirst',
            options: {
              cacheName: 'sku-pictures',
              cacheableResponse: { statuses: [0, 200] },
              expiration: { maxEntries: 3000, maxAgeSeconds: 30 * 24 * 3600 },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
