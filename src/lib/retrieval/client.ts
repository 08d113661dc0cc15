/** The page's handle on the retrieval worker. */
import { WorkerClient } from '../rpc/client';
import type { RetrievalProtocol } from '../../../workers/retrieval.protocol';

export type RetrievalClient = WorkerClient<RetrievalProtocol>;

export function createRetrievalClient(): RetrievalClient {
  return new WorkerClient<RetrievalProtocol>(
    () => new Worker(new URL('../../../workers/retrieval.worker.ts', import.meta.url), { type: 'module', name: 'retrieval' }),
  );
}
