import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME_COLOUR = '#0b3d91';

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
    VitePWA({
      registerType: 'prompt',
      strategies: 'generateSW',
      injectRegister: false,
      // The glob below already precaches every icon; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        name: 'Wave Picking',
        short_name: 'Picking',
        description: 'Offline-first warehouse picking on the handheld',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: THEME_COLOUR,
        icons: [
          { src: 'pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The API is never cached: offline, the device works from Dexie, not from HTTP caches.
        runtimeCaching: [],
      },
      devOptions: { enabled: false },
    }),
  ],
});
