/**
 * Where the ONNX LLM engine's files come from and where ONNX Runtime runs, set up just before a load
 * (transformers.js is configured through its global `env`). In the browser (the default):
 * files from the hub base in Hugging Face layout, kept by transformers.js in Cache Storage (so a
 * model loads offline after the first time), ONNX Runtime Web's WASM files from our own bundle, and
 * the load's thread count. Node tests pass their own hub (onnxruntime-node).
 */
import { env } from '@huggingface/transformers';
import type { OnnxLlmModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { ortPaths as OrtPaths } from '../retrieval/ort-paths';

export interface OnnxHubSetup {
  /** ONNX Runtime device: 'wasm' in the browser, 'cpu' (onnxruntime-node) in Node. */
  device: 'wasm' | 'cpu';
  /** What transformers.js loads: the repo id (files at `env.remoteHost`), or a local folder. */
  modelId: string;
  /** Passed to the ONNX Runtime session (Node sets its threads here; the browser sets them in `env`). */
  sessionOptions?: Record<string, unknown>;
}

export type OnnxHub = (load: { model: OnnxLlmModel; modelUrl: string; threads: number }) => OnnxHubSetup;

/**
 * The hub base of a model folder `{base}/{repo}/resolve/{revision}/` (what `onnxModelUrl` builds).
 * @throws AppError MODEL_LOAD_FAILED when the folder is not the model's.
 */
export function hubBaseOf(modelUrl: string, model: Pick<OnnxLlmModel, 'repo' | 'revision'>): string {
  const url = new URL(modelUrl);
  const tail = `${model.repo.split('/').map(encodeURIComponent).join('/')}/resolve/${encodeURIComponent(model.revision)}/`;
  if (!url.pathname.endsWith(`/${tail}`)) {
    throw appError('MODEL_LOAD_FAILED', { detail: `${modelUrl} is not the folder of ${model.repo} at ${model.revision}` });
  }
  url.pathname = url.pathname.slice(0, url.pathname.length - tail.length);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** ort-paths.ts's `ortPaths`, bundled by Vite (reached through a glob so plain Node can import this file). */
function ortPaths(): ReturnType<typeof OrtPaths> {
  const modules = import.meta.glob<typeof import('../retrieval/ort-paths')>('../retrieval/ort-paths.ts', { eager: true });
  return modules['../retrieval/ort-paths.ts']!.ortPaths();
}

export const browserOnnxHub: OnnxHub = ({ model, modelUrl, threads }) => {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useBrowserCache = true;
  // ONNX Runtime imports its own script from our origin (the service worker keeps it offline), not
  // from a blob: copy, so the Content-Security-Policy allows no blob: scripts (src/lib/security/csp.ts).
  env.useWasmCache = false;
  env.remoteHost = hubBaseOf(modelUrl, model);
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = ortPaths();
    // Read by ONNX Runtime when its WASM starts, i.e. at this worker's first load.
    wasm.numThreads = threads;
  }
  return { device: 'wasm', modelId: model.repo };
};
