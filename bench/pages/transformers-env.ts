/** transformers.js set up the way the app does it (same ORT files), but pointed at the dev server's /mirror/. */
import { env } from '@huggingface/transformers';
import { ortPaths } from '../../workers/retrieval/ort-paths';

export const MINILM_REPO = 'Xenova/all-MiniLM-L6-v2';

export function configureTransformers(origin: string, threads: number): void {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  // Every page is a fresh context anyway; no Cache Storage, so load times are download + compile.
  env.useBrowserCache = false;
  env.remoteHost = `${origin}/mirror/`;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  const wasm = env.backends.onnx.wasm;
  if (!wasm) throw new Error('transformers.js has no ONNX WASM backend settings');
  wasm.wasmPaths = ortPaths();
  wasm.numThreads = threads;
}

export interface RepeatPlan {
  /** Untimed calls first. */
  warmup: number;
  minReps: number;
  maxReps: number;
  /** Keep repeating (up to maxReps) until this much time was measured. */
  minMs: number;
}

/** Times `fn` repeatedly after a warm-up; returns milliseconds per call. */
export async function repeat(plan: RepeatPlan, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < plan.warmup; i++) await fn();
  const ms: number[] = [];
  let total = 0;
  while (ms.length < plan.maxReps && (ms.length < plan.minReps || total < plan.minMs)) {
    const t0 = performance.now();
    await fn();
    const dt = performance.now() - t0;
    ms.push(dt);
    total += dt;
  }
  return ms;
}
