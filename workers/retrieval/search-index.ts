/**
 * The in-memory search state of the retrieval worker: a BM25 index and a vector index over every
 * stored chunk, loaded from a snapshot at start-up (index-snapshot.ts) or rebuilt from IndexedDB,
 * and updated as documents come and go. Chunk texts stay in IndexedDB (fetched for the few hits).
 */
import { Bm25Index } from '../../src/lib/core/bm25';
import { hybridSearch } from '../../src/lib/core/retrieve';
import { decodeHalves } from '../../src/lib/core/float16';
import { VectorIndex } from '../../src/lib/core/vector';
import type { Scored } from '../../src/lib/core/types';
import type { ChunkRecord } from '../../src/lib/storage/schema';

export interface ChunkMeta {
  docId: string;
  start: number;
  end: number;
  page?: number;
  pageEnd?: number;
  headingPath: string[];
}

/** Vectors in memory are float16, as stored: half of float32's memory, the same top 10 (vector.ts). */
export const VECTOR_ENCODING = 'f16';

export class SearchIndex {
  readonly bm25: Bm25Index;
  readonly vectors: VectorIndex;
  readonly #meta: Map<string, ChunkMeta>;

  constructor(dimensions: number, parts?: { bm25: Bm25Index; vectors: VectorIndex; meta: Map<string, ChunkMeta> }) {
    this.bm25 = parts?.bm25 ?? new Bm25Index();
    this.vectors = parts?.vectors ?? new VectorIndex(dimensions, { quantization: VECTOR_ENCODING });
    this.#meta = parts?.meta ?? new Map();
  }

  /** Every chunk's place, in insertion order (for a snapshot). */
  entries(): IterableIterator<[string, ChunkMeta]> {
    return this.#meta.entries();
  }

  get size(): number {
    return this.#meta.size;
  }

  /**
   * `withVector`: the chunk's vector comes from the embedder this index searches with. A chunk of
   * another embedder (a document stored while the library switched models) is found by its words
   * only: vectors of two models are never compared.
   */
  add(chunk: ChunkRecord, withVector = true): void {
    this.bm25.addTerms(chunk.id, chunk.terms);
    if (withVector && chunk.vector.length === this.vectors.dim) this.vectors.add(chunk.id, decodeHalves(chunk.vector));
    this.#meta.set(chunk.id, {
      docId: chunk.docId,
      start: chunk.start,
      end: chunk.end,
      ...(chunk.page !== undefined ? { page: chunk.page, pageEnd: chunk.pageEnd ?? chunk.page } : {}),
      headingPath: chunk.headingPath ?? [],
    });
  }

  remove(chunkId: string): void {
    this.bm25.remove(chunkId);
    this.vectors.remove(chunkId);
    this.#meta.delete(chunkId);
  }

  meta(chunkId: string): ChunkMeta | undefined {
    return this.#meta.get(chunkId);
  }

  search(query: string, queryVector: Float32Array | null, k: number, docIds?: string[]): Scored[] {
    const allowed = docIds ? new Set(docIds) : null;
    const filter = allowed ? (id: string) => allowed.has(this.#meta.get(id)?.docId ?? '') : undefined;
    return hybridSearch({
      bm25: this.bm25,
      vectors: this.vectors,
      queryText: query,
      queryVector,
      k,
      ...(filter ? { filter } : {}),
    });
  }
}
