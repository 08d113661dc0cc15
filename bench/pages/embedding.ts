/** Embedding throughput page: one worker, so ONNX Runtime runs off the main thread as in the app. */
import { expose } from './expose';
import type { EmbeddingWorkerApi } from './embedding.worker';
import { connectWorker } from './worker-rpc';

const worker = connectWorker<EmbeddingWorkerApi>(new Worker(new URL('./embedding.worker.ts', import.meta.url), { type: 'module' }));

const api = {
  configure: (threads: number) => worker.configure(location.origin, threads),
  load: worker.load,
  tokenCounts: worker.tokenCounts,
  time: worker.time,
};
export type EmbeddingPageApi = typeof api;

expose(api);
