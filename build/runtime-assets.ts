/**
 * Serves and emits the ONNX Runtime WASM files under /ort/ (one copy, from the onnxruntime-web
 * version that transformers.js pins), so embeddings never reach out to a CDN and the service worker
 * can precache them for offline use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const ORT_DIST = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm'));

/** The files transformers.js asks for by default: the asyncify build (WASM + WebGPU). */
export const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'] as const;

const MIME: Record<string, string> = { '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

export function runtimeAssets(): Plugin {
  return {
    name: 'hearth-runtime-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.startsWith('/ort/') ? req.url.slice(5).split('?')[0] : undefined;
        if (!name || !(ORT_FILES as readonly string[]).includes(name)) return next();
        res.setHeader('Content-Type', MIME[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.end(readFileSync(join(ORT_DIST, name)));
      });
    },
    generateBundle() {
      for (const name of ORT_FILES) {
        this.emitFile({ type: 'asset', fileName: `ort/${name}`, source: readFileSync(join(ORT_DIST, name)) });
      }
    },
  };
}
