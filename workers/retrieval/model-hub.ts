/**
 * The one place the retrieval worker configures transformers.js loading (its global `env`): model
 * files from `modelBaseUrl` in Hugging Face layout, kept in Cache Storage for offline use, and ONNX
 * Runtime's WASM files from our own bundle (the one asyncify build serves both the WASM and the WebGPU
 * backend: nothing else to serve or precache for the GPU). The embedder and the reranker both call it.
 *
 * Browser-only (Node has cli/model-hub-node.ts), but importable in Node: ort-paths.ts (Vite `?url`
 * imports, which plain Node cannot load) is reached through an eager `import.meta.glob`, which Vite
 * turns into the same static import as before, and which plain Node never evaluates unless this is called.
 */
import { env } from '@huggingface/transformers';
import type { ortPaths as OrtPaths } from './ort-paths';

/** ort-paths.ts's `ortPaths`, bundled by Vite. */
function ortPaths(): ReturnType<typeof OrtPaths> {
  const modules = import.meta.glob<typeof import('./ort-paths')>('./ort-paths.ts', { eager: true });
  return modules['./ort-paths.ts']!.ortPaths();
}

/**
 * Configures `env` for `modelBaseUrl`; returns the number of WASM threads ONNX Runtime will use
 * (`maxThreads` caps it: a GPU worker needs one).
 */
export function configureModelHub(modelBaseUrl: string, maxThreads = 4): number {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useBrowserCache = true;
  // ONNX Runtime imports its own script from our origin (the service worker keeps it offline), not
  // from a blob: copy, so the Content-Security-Policy allows no blob: scripts (src/lib/security/csp.ts).
  env.useWasmCache = false;
  env.remoteHost = modelBaseUrl.endsWith('/') ? modelBaseUrl : `${modelBaseUrl}/`;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  const threads = self.crossOriginIsolated ? Math.min(maxThreads, navigator.hardwareConcurrency || 1) : 1;
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = ortPaths();
    wasm.numThreads = threads;
  }
  return threads;
}
