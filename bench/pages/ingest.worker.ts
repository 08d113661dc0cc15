/**
 * Ingestion with the app's own modules, in a worker as in the app: Embedder.load (transformers.js,
 * MiniLM twin), buildDocument (parse → chunk → analyze → embed), idbDocumentStore.save (IndexedDB, one transaction).
 */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { idbDocumentStore as documents } from '../../src/lib/storage/documents';
import { opfsOriginals } from '../../workers/retrieval/originals';
import { importPack } from '../../workers/retrieval/packs';
import { Embedder } from '../../workers/retrieval/embedder';
import { buildDocument, sha256Hex } from '../../workers/retrieval/ingest';
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
    const bytes = new TextEncoder().encode(text);
    const input = { id: crypto.randomUUID(), name, mimeType: 'text/plain', bytes, contentHash: await sha256Hex(bytes) };
    const { doc, chunks } = await buildDocument(input, embedder, () => {}, never);
    if (store) await documents.save(doc, chunks);
    return { ms: performance.now() - t0, chunks: chunks.length };
  },

  /**
   * Many small documents in a row (a corpus), each through buildDocument and idbDocumentStore.save as the app
   * stores them; returns wall time and where it went (embedding vs everything else).
   */
  async ingestCorpus(docs: { name: string; text: string }[]): Promise<{ wallMs: number; chunks: number; parseMs: number; chunkMs: number; embedMs: number; saveMs: number }> {
    if (!embedder) throw new Error('Embedder not loaded');
    const totals = { chunks: 0, parseMs: 0, chunkMs: 0, embedMs: 0, saveMs: 0 };
    const t0 = performance.now();
    for (const d of docs) {
      const bytes = new TextEncoder().encode(d.text);
      const input = { id: crypto.randomUUID(), name: d.name, mimeType: 'text/plain', bytes, contentHash: await sha256Hex(bytes) };
      const { doc, chunks, timings } = await buildDocument(input, embedder, () => {}, never);
      const s0 = performance.now();
      await documents.save(doc, chunks);
      totals.saveMs += performance.now() - s0;
      totals.chunks += chunks.length;
      totals.parseMs += timings.parseMs;
      totals.chunkMs += timings.chunkMs;
      totals.embedMs += timings.embedMs;
    }
    return { wallMs: performance.now() - t0, ...totals };
  },

  /** Deletes every stored document (so the next pack import adds all of its documents again). */
  async clear(): Promise<number> {
    const docs = await documents.list();
    for (const d of docs) {
      await documents.remove(d.id);
      await opfsOriginals.remove(d.id);
    }
    return docs.length;
  },

  /**
   * The app's pack import (verify → embed again if needed → originals → one transaction), timed;
   * with the bytes one stored chunk's vector takes in IndexedDB.
   */
  async importPack(bytes: Uint8Array, name: string): Promise<{ ms: number; chunks: number; documents: number; reembedded: number; vectorBytes: number; storedBytes: number }> {
    if (!embedder) throw new Error('Embedder not loaded');
    const t0 = performance.now();
    const file = new File([bytes as Uint8Array<ArrayBuffer>], name);
    const result = await importPack(file, { embedder, documents, originals: opfsOriginals, emit: () => {}, signal: never });
    const ms = performance.now() - t0;
    const [first] = result.documents;
    const stored = first ? await documents.chunksOf(first.id) : [];
    return {
      ms,
      chunks: result.stored.reduce((n, e) => n + e.chunks.length, 0),
      documents: result.documents.length,
      reembedded: result.reembedded,
      vectorBytes: stored[0]?.vector.byteLength ?? 0,
      storedBytes: result.documents.reduce((n, d) => n + d.storedBytes, 0),
    };
  },
};
export type IngestWorkerApi = typeof api;

serveWorker(api);
