/**
 * Ingestion with the app's own modules, in a worker as in the app: Embedder.load (transformers.js,
 * MiniLM twin), buildDocument (chunk → analyze → embed), saveDocument (IndexedDB, one transaction).
 */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { saveDocument } from '../../src/lib/storage/documents';
import { Embedder } from '../../workers/retrieval/embedder';
import { buildDocument } from '../../workers/retrieval/ingest';
import { serveWorker } from './worker-rpc';

let embedder: Embedder | null = null;
const never = new AbortController().signal;

const api = {
  async load(model: EmbedderModel, modelBaseUrl: string): Promise<{ ms: number; threads: number }> {
    const t0 = performance.now();
    embedder = await Embedder.load(model, modelBaseUrl, () => {});
    return { ms: performance.now() - t0, threads: embedder.threads };
  },

  /** One ingestion of `text`; returns milliseconds and the chunk count. */
  async ingest(name: string, text: string, store: boolean): Promise<{ ms: number; chunks: number }> {
    if (!embedder) throw new Error('Embedder not loaded');
    const t0 = performance.now();
    const payload = { name, mimeType: 'text/plain', sizeBytes: new TextEncoder().encode(text).length, text };
    const { doc, chunks } = await buildDocument(payload, embedder, () => {}, never);
    if (store) await saveDocument(doc, chunks);
    return { ms: performance.now() - t0, chunks: chunks.length };
  },
};
export type IngestWorkerApi = typeof api;

serveWorker(api);
