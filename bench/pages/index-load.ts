/** Index-load page: one worker running the retrieval worker's IndexStore over a synthetic stored library. */
import { expose } from './expose';
import type { IndexLoadWorkerApi } from './index-load.worker';
import { connectWorker } from './worker-rpc';

const worker = connectWorker<IndexLoadWorkerApi>(new Worker(new URL('./index-load.worker.ts', import.meta.url), { type: 'module' }));

const api = {
  populate: worker.populate,
  start: worker.start,
  clear: worker.clear,
};
export type IndexLoadPageApi = typeof api;

expose(api);
