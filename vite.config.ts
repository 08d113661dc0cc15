import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { devHeaders, previewSecurityPlugin, securityPlugin } from './scripts/vite-security.ts';

/**
 * pdf.js's CMaps (CJK text) and standard font data, served at /pdfjs/cmaps/ and
 * /pdfjs/standard_fonts/ (see workers/parsers/pdfjs-env.ts): read from node_modules in dev, copied
 * into the build (and so precached by the service worker) for production and offline use.
 */
function pdfjsData(): Plugin {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const folders = ['cmaps', 'standard_fonts'];
  const filesOf = (folder: string) => readdirSync(join(root, folder)).filter((f) => statSync(join(root, folder, f)).isFile());
  return {
    name: 'hearth-pdfjs-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.slice(server.config.base.length - 1);
        const match = /^\/pdfjs\/(cmaps|standard_fonts)\/([\w.-]+)$/u.exec(path);
        const file = match ? join(root, match[1]!, match[2]!) : '';
        if (!match || !existsSync(file)) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const folder of folders) {
        for (const name of filesOf(folder)) this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(join(root, folder, name)) });
      }
    },
  };
}

export default defineConfig({
  // A missing file is a real 404, never index.html (which would fail as "Unexpected token '<'").
  appType: 'mpa',
  plugins: [
    svelte(),
    pdfjsData(),
    securityPlugin(),
    previewSecurityPlugin(),
    VitePWA({
      // Hearth's own service worker (src/sw.ts): it says why a copy failed, receives shares, and a new version waits for the page.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false, // public/manifest.webmanifest is the one source
      injectManifest: {
        // bcmap/pfb/ttf: pdf.js's CMaps and standard fonts, so PDFs parse offline.
        globPatterns: ['**/*.{js,mjs,css,html,wasm,svg,png,webmanifest,json,bcmap,pfb,ttf}'],
        // Install-dialog screenshots are shown by the browser from the network, not needed offline.
        globIgnores: ['**/screenshots/**'],
        // The ORT and llama.cpp runtimes are 10–30 MB each and must work offline.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
    }),
  ],
  worker: { format: 'es' },
  // No source maps in production unless asked for (HEARTH_SOURCEMAP=1).
  build: { target: 'es2022', sourcemap: process.env.HEARTH_SOURCEMAP === '1' },
  // Cross-origin isolation (WASM threads), the Content-Security-Policy and the rest: scripts/vite-security.ts.
  server: { headers: devHeaders() },
  // The preview's headers come from the build it serves (previewSecurityPlugin), not from server.headers.
  preview: { headers: {}, port: 4173, strictPort: true },
});
