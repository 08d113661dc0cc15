/**
 * Hybrid retrieval: BM25 and dense search each return a deep candidate list, and fusion merges them.
 * Keyword search catches names, numbers and rare terms; embeddings catch paraphrases. When there is no
 * query vector (no embedding model downloaded yet) it is plain BM25, so search works from the first
 * document on.
 */
import { blendScores, reciprocalRankFusion } from './fuse';
import type { Scored, TextSearcher, VectorSearcher } from './types';

export interface FusionOptions {
  /** 'rrf' (default) fuses ranks; 'blend' fuses min-max normalized scores. */
  method?: 'rrf' | 'blend';
  /** [bm25, dense] weights; default [1, 1]. */
  weights?: [number, number];
  /** RRF damping constant; default 60. */
  rrfK?: number;
}

export interface HybridSearchParams {
  bm25: TextSearcher;
  vectors?: VectorSearcher | null;
  queryText: string;
  queryVector: Float32Array | null;
  k: number;
  /** How deep each retriever goes before fusion; default max(50, 4k). */
  candidates?: number;
  filter?: (id: string) => boolean;
  fusion?: FusionOptions;
}

/**
 * The top k hits. With BM25 only, scores are BM25 scores; fused, they are fusion scores (comparable
 * within one result list only).
 */
export function hybridSearch(params: HybridSearchParams): Scored[] {
  const { bm25, vectors, queryText, queryVector, k, filter } = params;
  if (k <= 0) return [];
  if (!vectors || !queryVector) return bm25.search(queryText, k, filter);
  const depth = Math.max(k, params.candidates ?? Math.max(50, 4 * k));
  const lexical = bm25.search(queryText, depth, filter);
  const dense = vectors.search(queryVector, depth, filter);
  const fusion = params.fusion ?? {};
  const weights = fusion.weights ?? [1, 1];
  const fused =
    fusion.method === 'blend'
      ? blendScores([lexical, dense], weights)
      : reciprocalRankFusion([lexical, dense], { k: fusion.rrfK ?? 60, weights });
  return fused.slice(0, k);
}
