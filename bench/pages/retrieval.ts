/**
 * Retrieval latency page: drives the worker, times hybrid queries end to end from the page (the
 * postMessage round trip included, as the app sees it), and measures memory for the whole page
 * and its workers with performance.measureUserAgentSpecificMemory() (cross-origin isolated only).
 */
import { expose } from './expose';
import type { RetrievalWorkerApi } from './retrieval.worker';
import { connectWorker } from './worker-rpc';

const worker = connectWorker<RetrievalWorkerApi>(new Worker(new URL('./retrieval.worker.ts', import.meta.url), { type: 'module' }));

type MemoryApi = { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };

const api = {
  init: worker.init,
  configure: (threads: number) => worker.configure(location.origin, threads),
  loadEmbedder: worker.loadEmbedder,
  grow: worker.grow,
  typedArrayBytes: worker.typedArrayBytes,
  bytesPerVector: worker.bytesPerVector,
  dense: worker.dense,
  recall: worker.recall,
  bm25: worker.bm25,
  minisearch: worker.minisearch,

  /** Bytes used by the page and its workers after a GC, or null where the API is missing. */
  async memory(): Promise<number | null> {
    const perf = performance as unknown as MemoryApi;
    if (!self.crossOriginIsolated || !perf.measureUserAgentSpecificMemory) return null;
    return (await perf.measureUserAgentSpecificMemory()).bytes;
  },

  /** Milliseconds per query, page → worker (embed + hybrid search) → page. */
  async hybrid(queries: string[], k: number, warmup: number): Promise<number[]> {
    for (let i = 0; i < warmup; i++) await worker.hybrid(queries[i % queries.length] as string, k);
    const ms: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await worker.hybrid(q, k);
      ms.push(performance.now() - t0);
    }
    return ms;
  },
};
export type RetrievalPageApi = typeof api;

expose(api);
