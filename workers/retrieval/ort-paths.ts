/**
 * The ONNX Runtime WASM files, bundled by Vite from the onnxruntime-web version transformers.js pins
 * (one copy in the build, precached by the service worker), so embeddings never reach for a CDN.
 * transformers.js loads `onnxruntime-web/webgpu`, whose runtime is this asyncify build: it holds the
 * WebGPU backend as well as the WASM one, so the GPU embedder needs no other file.
 */
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export function ortPaths(): { mjs: string; wasm: string } {
  return { mjs: new URL(ortMjs, self.location.href).href, wasm: new URL(ortWasm, self.location.href).href };
}
