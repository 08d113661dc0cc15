/**
 * The retrieval core at scale, in a worker as in the app: VectorIndexes of clustered random unit
 * vectors (the same vectors in each of the f32, int8 and f16 layouts), a Bm25Index and (for
 * comparison) MiniSearch over the same chunk texts with the same analyzer and BM25 parameters, and
 * the MiniLM twin for embedding queries end to end.
 */
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import MiniSearch from 'minisearch';
import { analyze } from '../../src/lib/core/analyzer';
import { Bm25Index } from '../../src/lib/core/bm25';
import { hybridSearch } from '../../src/lib/core/retrieve';
import { VectorIndex, type Quantization } from '../../src/lib/core/vector';
import { VECTOR_ENCODING } from '../../workers/retrieval/search-index';
import { gaussian, mulberry32 } from '../data/prng';
import { configureTransformers, MINILM_REPO } from './transformers-env';
import { serveWorker } from './worker-rpc';

/** 'vectors' is the app's default f32 index; the other two hold the same vectors quantized. */
export type IndexKind = 'vectors' | 'vectors-int8' | 'vectors-f16' | 'bm25' | 'minisearch';
export const VECTOR_KINDS = { f32: 'vectors', int8: 'vectors-int8', f16: 'vectors-f16' } as const satisfies Record<Quantization, IndexKind>;

export interface CorpusSpec {
  dim: number;
  clusters: number;
  maxSize: number;
  /** Sentences to draw chunk texts from; a chunk is `sentencesPerChunk` random sentences. */
  sentences: string[];
  sentencesPerChunk: number;
  queries: string[];
  seed: number;
}

let spec: CorpusSpec;
let vectors: Record<Quantization, VectorIndex>;
let bm25: Bm25Index;
let mini: MiniSearch;
let centroids: Float32Array[] = [];
let embedder: FeatureExtractionPipeline | null = null;
const sizes: Record<IndexKind, number> = { vectors: 0, 'vectors-int8': 0, 'vectors-f16': 0, bm25: 0, minisearch: 0 };
/** One stream per layout, all from the same seed: vector i is the same in every index. */
let nextVector: Record<Quantization, () => Float32Array>;
let queryVectors: Float32Array[] = [];
let recallQueries: Float32Array[] = [];
const QUANTIZATIONS = Object.keys(VECTOR_KINDS) as Quantization[];
const quantizationOf = (kind: IndexKind) => QUANTIZATIONS.find((q) => VECTOR_KINDS[q] === kind);

function clusteredVectors(seed: number): () => Float32Array {
  const rand = mulberry32(seed);
  const gauss = gaussian(rand);
  const sigma = 0.8 / Math.sqrt(spec.dim);
  return () => {
    const c = centroids[Math.floor(rand() * centroids.length)] as Float32Array;
    const v = new Float32Array(spec.dim);
    for (let i = 0; i < v.length; i++) v[i] = (c[i] as number) + sigma * gauss();
    return v;
  };
}

/** Chunk i's text: deterministic in i, so every index sees the same text for the same id. */
function chunkText(i: number): string {
  const rand = mulberry32(spec.seed * 7919 + i);
  const parts: string[] = [];
  for (let s = 0; s < spec.sentencesPerChunk; s++) parts.push(spec.sentences[Math.floor(rand() * spec.sentences.length)] as string);
  return parts.join(' ');
}

function timeEach<T>(items: readonly T[], fn: (item: T) => unknown): number[] {
  return items.map((item) => {
    const t0 = performance.now();
    fn(item);
    return performance.now() - t0;
  });
}

function cycle<T>(items: readonly T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => items[i % items.length] as T);
}

const api = {
  init(s: CorpusSpec): void {
    spec = s;
    const gauss = gaussian(mulberry32(s.seed));
    centroids = Array.from({ length: s.clusters }, () => {
      const c = new Float32Array(s.dim);
      let norm = 0;
      for (let i = 0; i < s.dim; i++) norm += (c[i] = gauss()) ** 2;
      return c.map((x) => x / Math.sqrt(norm));
    });
    // Grown by doubling, as the app's SearchIndex does (no initial capacity).
    vectors = { f32: new VectorIndex(s.dim), int8: new VectorIndex(s.dim, { quantization: 'int8' }), f16: new VectorIndex(s.dim, { quantization: 'f16' }) };
    bm25 = new Bm25Index();
    // The same BM25 job: our analyzer's terms, Lucene's BM25 (BM25+ with d = 0), k1 = 0.9, b = 0.4.
    mini = new MiniSearch({ fields: ['text'], tokenize: analyze, processTerm: (t) => t, searchOptions: { bm25: { k: 0.9, b: 0.4, d: 0 } } });
    nextVector = { f32: clusteredVectors(s.seed + 1), int8: clusteredVectors(s.seed + 1), f16: clusteredVectors(s.seed + 1) };
    const queryGen = clusteredVectors(s.seed + 2);
    queryVectors = Array.from({ length: 64 }, queryGen);
    recallQueries = Array.from({ length: 200 }, clusteredVectors(s.seed + 3));
  },

  configure: (origin: string, threads: number) => configureTransformers(origin, threads),

  async loadEmbedder(): Promise<number> {
    const t0 = performance.now();
    embedder = await pipeline('feature-extraction', MINILM_REPO, { dtype: 'q8', device: 'wasm' });
    return performance.now() - t0;
  },

  /** Adds chunks to one index until it holds `size`; returns the milliseconds it took. */
  grow(kind: IndexKind, size: number): number {
    const t0 = performance.now();
    const quantization = quantizationOf(kind);
    for (let i = sizes[kind]; i < size; i++) {
      const id = `c${i}`;
      if (quantization) vectors[quantization].add(id, nextVector[quantization]());
      else if (kind === 'bm25') bm25.add(id, chunkText(i));
      else mini.add({ id, text: chunkText(i) });
    }
    sizes[kind] = Math.max(sizes[kind], size);
    return performance.now() - t0;
  },

  /** Bytes the indexes keep in typed arrays: the f32 vectors' payload, and BM25's persisted snapshot. */
  typedArrayBytes(): { vectors: number; bm25Snapshot: number } {
    const snap = bm25.export();
    const bm25Snapshot = [snap.docOffsets, snap.docTerms, snap.docFreqs, snap.docLengths].reduce((s, a) => s + (ArrayBuffer.isView(a) ? a.byteLength : 0), 0);
    return { vectors: vectors.f32.size * vectors.f32.dim * 4, bm25Snapshot };
  },

  /** Payload bytes per stored vector in each layout (vector data plus int8's scale), from a snapshot. */
  bytesPerVector(): Record<Quantization, number> {
    const out = {} as Record<Quantization, number>;
    for (const q of QUANTIZATIONS) {
      const index = vectors[q];
      const { data, scales } = index.export();
      out[q] = (data.byteLength + (scales?.byteLength ?? 0)) / index.size;
    }
    return out;
  },

  dense: (n: number, k: number, quantization: Quantization = 'f32') => timeEach(cycle(queryVectors, n), (q) => vectors[quantization].search(q, k)),

  /** Mean share of the exact f32 top k that the `quantization` index also returns, over 200 queries. */
  recall(k: number, quantization: Quantization): number {
    if (vectors[quantization].size !== vectors.f32.size) throw new Error(`The ${quantization} index holds ${vectors[quantization].size} vectors, f32 ${vectors.f32.size}`);
    let found = 0;
    for (const q of recallQueries) {
      const truth = new Set(vectors.f32.search(q, k).map((h) => h.id));
      found += vectors[quantization].search(q, k).filter((h) => truth.has(h.id)).length;
    }
    return found / (k * recallQueries.length);
  },
  bm25: (n: number, k: number) => timeEach(cycle(spec.queries, n), (q) => bm25.search(q, k)),
  minisearch: (n: number, k: number) => timeEach(cycle(spec.queries, n), (q) => mini.search(q).slice(0, k)),

  /** One query the way the app answers it: embed the question, then hybrid BM25 + dense search (the app's layout). */
  async hybrid(query: string, k: number): Promise<number> {
    if (!embedder) throw new Error('Embedder not loaded');
    const out = await embedder([query], { pooling: 'mean', normalize: true });
    const hits = hybridSearch({ bm25, vectors: vectors[VECTOR_ENCODING], queryText: query, queryVector: out.data as Float32Array, k });
    return hits.length;
  },
};
export type RetrievalWorkerApi = typeof api;

serveWorker(api);
