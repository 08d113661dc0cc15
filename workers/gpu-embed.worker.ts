/// <reference lib="webworker" />
/**
 * The GPU embedding worker (see gpu-embed.protocol.ts): one embedder on ONNX Runtime's WebGPU
 * backend, started by the library worker and terminated by it when it is done or the GPU fails.
 */
import { appError } from '../src/lib/errors';
import { serve } from '../src/lib/rpc/server';
import type { GpuEmbedProtocol } from './gpu-embed.protocol';
import { Embedder, webgpuModelHub } from './retrieval/embedder';

declare const self: DedicatedWorkerGlobalScope;

let embedder: Embedder | null = null;

serve<GpuEmbedProtocol>(
  self,
  {
    async load({ embedder: model, modelBaseUrl }) {
      const t0 = performance.now();
      await embedder?.dispose();
      embedder = null;
      embedder = await Embedder.load(model, modelBaseUrl, () => undefined, webgpuModelHub);
      return { loadMs: performance.now() - t0 };
    },

    async embed({ texts }) {
      if (!embedder) throw appError('INTERNAL', { detail: 'GPU embedder used before it was loaded' });
      return { vectors: await embedder.embed(texts, 'passage') };
    },
  },
  (result) => ('vectors' in (result as object) ? (result as { vectors: Float32Array[] }).vectors.map((v) => v.buffer) : []),
);
