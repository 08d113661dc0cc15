/** Ingestion page: one worker running the app's ingestion modules. */
import { expose } from './expose';
import type { IngestWorkerApi } from './ingest.worker';
import { connectWorker } from './worker-rpc';

const worker = connectWorker<IngestWorkerApi>(new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }));

const api = {
  load: worker.load,
  ingest: worker.ingest,
  ingestCorpus: worker.ingestCorpus,
  clear: worker.clear,
  importPack: worker.importPack,
};
export type IngestPageApi = typeof api;

expose(api);
