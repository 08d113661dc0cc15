/**
 * The ONNX Runtime WASM files, bundled by Vite from the onnxruntime-web version transformers.js pins
 * (one copy in the build, precached by the service worker), so embeddings never reach for a CDN.
 */
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export function ortPaths(): { mjs: string; wasm: string } {
  return { mjs: new URL(ortMjs, self.location.href).href, wasm: new URL(ortWasm, self.location.href).href };
}
