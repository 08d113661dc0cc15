/**
 * The one place the retrieval worker configures transformers.js loading (its global `env`): model
 * files from `modelBaseUrl` in Hugging Face layout, kept in Cache Storage for offline use, and ONNX
 * Runtime's WASM files from our own bundle. The embedder and the reranker both call it.
 */
import { env } from '@huggingface/transformers';
import { ortPaths } from './ort-paths';

/** Configures `env` for `modelBaseUrl`; returns the number of WASM threads ONNX Runtime will use. */
export function configureModelHub(modelBaseUrl: string): number {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useBrowserCache = true;
  env.remoteHost = modelBaseUrl.endsWith('/') ? modelBaseUrl : `${modelBaseUrl}/`;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  const threads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = ortPaths();
    wasm.numThreads = threads;
  }
  return threads;
}
