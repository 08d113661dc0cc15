/** The page's handle on the library worker, which makes every write to the document store. */
import { WorkerClient } from '../rpc/client';
import type { LibraryProtocol } from '../../../workers/library.protocol';

export type LibraryClient = WorkerClient<LibraryProtocol>;

/**
 * Deadlines: this worker does long synchronous work (parsing a large HTML or Word file, chunking an
 * 8 MB text), so it may miss pings for longer than the other workers before it counts as hung. A file
 * being built reports progress at least every embedding batch or page; none for a minute means its
 * work is wedged (a task killed mid-inference leaves ONNX Runtime waiting for ever) even though the
 * worker still answers pings. Embedding the library again reports every batch too, and the new
 * model's download while it loads.
 */
export function createLibraryClient(): LibraryClient {
  return new WorkerClient<LibraryProtocol>(
    () => new Worker(new URL('../../../workers/library.worker.ts', import.meta.url), { type: 'module', name: 'library' }),
    { deadlineMs: 30_000, progressDeadlineMs: { ingest: 60_000, reembed: 60_000 } },
  );
}
