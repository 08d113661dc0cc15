/** The page's handle on the library worker, which makes every write to the document store. */
import { WorkerClient } from '../rpc/client';
import type { LibraryProtocol } from '../../../workers/library.protocol';

export type LibraryClient = WorkerClient<LibraryProtocol>;

export function createLibraryClient(): LibraryClient {
  return new WorkerClient<LibraryProtocol>(
    () => new Worker(new URL('../../../workers/library.worker.ts', import.meta.url), { type: 'module', name: 'library' }),
  );
}
