/**
 * The search's relevance signal (src/lib/core/relevance.ts) from the same candidates rankChunks
 * ranks: BM25 statistics from the index, the dense cosine of each candidate when there is a query
 * vector, the reranker's logits when it ran. It reads, never reorders.
 */
import type { Bm25Index } from '../../src/lib/core/bm25';
import { normalize } from '../../src/lib/core/normalize';
import { assessRelevance, type Relevance, type RelevanceCandidate } from '../../src/lib/core/relevance';
import type { Scored } from '../../src/lib/core/types';
import type { VectorIndex } from '../../src/lib/core/vector';

export interface RelevanceSignalParams {
  bm25: Bm25Index;
  query: string;
  /** The fused candidates, before reranking and MMR. */
  candidates: readonly Scored[];
  vectors?: VectorIndex | null;
  queryVector?: Float32Array | null;
  /** The reranker's raw logits, aligned with `candidates`. */
  rerankScores?: readonly number[];
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

export function relevanceSignal(params: RelevanceSignalParams): Relevance {
  const { bm25, query, candidates, vectors, queryVector, rerankScores } = params;
  const unitQuery = vectors && queryVector && queryVector.length === vectors.dim ? normalize(queryVector) : null;
  const rows: RelevanceCandidate[] = candidates.map((c, i) => {
    const row: RelevanceCandidate = { id: c.id };
    const v = unitQuery ? vectors?.get(c.id) : undefined;
    if (unitQuery && v && v.length === unitQuery.length) row.dense = dot(unitQuery, v);
    const r = rerankScores?.[i];
    if (r !== undefined) row.rerank = r;
    return row;
  });
  return assessRelevance({ queryTerms: bm25.queryTerms(query), index: bm25, candidates: rows });
}
