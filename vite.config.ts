import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation gives WASM threads (SharedArrayBuffer) to the embedder and the LLM.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // A missing file is a real 404, never index.html (which would fail as "Unexpected token '<'").
  appType: 'mpa',
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false, // public/manifest.webmanifest is the one source
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,wasm,svg,png,webmanifest,json}'],
        // The ORT and llama.cpp runtimes are 10–30 MB each and must work offline.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173, strictPort: true },
});
