/**
 * Start-up of the search indexes as the retrieval worker does it (workers/retrieval/index-store.ts):
 * from the stored snapshot, or rebuilt from every chunk in IndexedDB, then the first hybrid search.
 * The library is synthetic: documents of 100 chunks, 384-d vectors, 60 terms per chunk.
 */
import { analyze } from '../../src/lib/core/analyzer';
import { normalize } from '../../src/lib/core/vector';
import { encodeHalves } from '../../src/lib/core/float16';
import { openHearthDb } from '../../src/lib/storage/db';
import { idbDocumentStore } from '../../src/lib/storage/documents';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { IndexStore } from '../../workers/retrieval/index-store';
import { removeSnapshotFile } from '../../workers/retrieval/snapshot-store';
import { uniformStream } from '../../scripts/models/prng';
import { serveWorker } from './worker-rpc';

const DIM = 384;
const PER_DOC = 100;
const WORDS = 'harbour storm ledger tide budget orchard ferry lamp audit pruning keeper revenue council minutes tariff cargo pilot beacon reef shoal dredge quay berth mooring'.split(' ');

const api = {
  async clear(): Promise<void> {
    const db = await openHearthDb();
    const tx = db.transaction(['documents', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('documents').clear(), tx.objectStore('chunks').clear(), tx.done]);
    await removeSnapshotFile();
  },

  /** Store `chunks` synthetic chunks (in documents of 100). */
  async populate(chunks: number): Promise<{ ms: number }> {
    const t0 = performance.now();
    const next = uniformStream(chunks);
    const db = await openHearthDb();
    for (let d = 0; d * PER_DOC < chunks; d++) {
      const docId = `bench-doc-${d}`;
      const tx = db.transaction(['documents', 'chunks'], 'readwrite');
      const records: ChunkRecord[] = [];
      for (let i = 0; i < PER_DOC && d * PER_DOC + i < chunks; i++) {
        const text = Array.from({ length: 60 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
        const vector = encodeHalves(normalize(Float32Array.from({ length: DIM }, () => next() - 0.5)));
        records.push({ id: `${docId}:${i}`, docId, index: i, text, start: i * 500, end: i * 500 + text.length, terms: analyze(text), vector, headingPath: [] });
      }
      for (const r of records) void tx.objectStore('chunks').put(r);
      const doc: DocumentRecord = {
        id: docId, name: `${docId}.txt`, mimeType: 'text/plain', sizeBytes: 0, textLength: 0, chunkCount: records.length, embedderId: 'bench',
        addedAt: d, format: 'text', contentHash: null, warnings: [], hasOriginal: false, storedBytes: 0,
      };
      void tx.objectStore('documents').put(doc);
      await tx.done;
    }
    return { ms: performance.now() - t0 };
  },

  /** From a fresh IndexStore to the first search answered. */
  async start(): Promise<{ ms: number; loadMs: number; source: string; reason: string; chunks: number; hits: number }> {
    const t0 = performance.now();
    const store = new IndexStore('bench', DIM, idbDocumentStore);
    const { index, report } = await store.load();
    const hits = index.search('harbour storm tide', normalize(Float32Array.from({ length: DIM }, (_, i) => Math.sin(i))), 10);
    const ms = performance.now() - t0;
    await store.flushed(); // a rebuild writes its snapshot after the first search: let it land before the next start
    return { ms, loadMs: report.ms, source: report.source, reason: report.reason ?? '', chunks: report.chunks, hits: hits.length };
  },
};
export type IndexLoadWorkerApi = typeof api;

serveWorker(api);
