/**
 * The GPU embedding worker's protocol. The library worker starts it when documents go to the GPU
 * (src/lib/device/embed-policy.ts) and keeps the tokenizer itself (library/gpu-embedder.ts), so this
 * worker only runs the model. It is a worker of its own because ONNX Runtime shares one backend
 * between its WASM and WebGPU sessions: a WebGPU backend that failed to start, or a GPU lost
 * mid-way, makes every later session in that worker fail too, and then the WASM fallback would as well.
 */
import type { EmbedderModel } from '../src/lib/catalog/types';

export type GpuEmbedProtocol = {
  /** Load the model onto the GPU. @throws MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED or MODEL_LOAD_FAILED. */
  load: { payload: { embedder: EmbedderModel; modelBaseUrl: string }; event: never; result: { loadMs: number } };
  /** Embed passages (with the model's passage prefix): unit vectors, in order. @throws EMBEDDING_FAILED. */
  embed: { payload: { texts: string[] }; event: never; result: { vectors: Float32Array[] } };
};
