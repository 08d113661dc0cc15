/**
 * The order of search results: fused BM25 + dense candidates (only from the chosen documents),
 * optionally reordered by the cross-encoder, then diversified with MMR so that overlapping,
 * near-duplicate chunks do not fill the few contexts a small model can read.
 */
import { mmr } from '../../src/lib/core/mmr';
import type { Relevance } from '../../src/lib/core/relevance';
import type { Scored } from '../../src/lib/core/types';
import { relevanceSignal } from './relevance-signal';
import type { SearchIndex } from './search-index';

/** How many fused candidates the reranker and MMR choose the k results from. */
export const CANDIDATE_POOL = 20;
/** 1 − MMR's lambda; 0.3 is lambda 0.7, the usual trade-off. */
export const DEFAULT_DIVERSITY = 0.3;

export interface RankParams {
  index: SearchIndex;
  query: string;
  queryVector: Float32Array | null;
  k: number;
  /** Only chunks of these documents (all when absent). */
  docIds?: string[];
  /** Scores each passage for the query (a cross-encoder); absent means no reranking. */
  rerank?: (query: string, passages: string[]) => Promise<number[]>;
  /** The texts of chunks (they live in storage, not in the index); needed to rerank. */
  textsOf?: (ids: string[]) => Promise<string[]>;
  /** 0 (plain relevance order) … 1 (only novelty counts); default DEFAULT_DIVERSITY. */
  diversity?: number;
}

/** The top k chunk ids, best first; scores are fusion scores, or reranker scores when reranked. */
export async function rankChunks(params: RankParams): Promise<Scored[]> {
  return (await rank(params)).hits;
}

/**
 * rankChunks' hits and, from the same candidates, whether the library seems to answer the query at
 * all (src/lib/core/relevance.ts). The relevance signal does not change the order.
 */
export async function rankChunksWithRelevance(params: RankParams): Promise<{ hits: Scored[]; relevance: Relevance }> {
  const { hits, candidates, rerankScores } = await rank(params);
  const { index, query, queryVector } = params;
  const relevance = relevanceSignal({
    bm25: index.bm25, query, candidates, vectors: index.vectors, queryVector, ...(rerankScores ? { rerankScores } : {}),
  });
  return { hits, relevance };
}

async function rank(params: RankParams): Promise<{ hits: Scored[]; candidates: Scored[]; rerankScores?: number[] }> {
  const { index, query, queryVector, k, docIds, rerank, textsOf } = params;
  if (k <= 0) return { hits: [], candidates: [] };
  const diversity = Math.min(1, Math.max(0, params.diversity ?? DEFAULT_DIVERSITY));
  const pool = rerank || diversity > 0 ? Math.max(k, CANDIDATE_POOL) : k;
  const fused = index.search(query, queryVector, pool, docIds);
  let candidates = fused;
  let rerankScores: number[] | undefined;

  if (rerank && !textsOf) throw new Error('rankChunks: reranking needs textsOf');
  if (rerank && textsOf && candidates.length > 0) {
    const passages = await textsOf(candidates.map((c) => c.id));
    const scores = await rerank(query, passages);
    rerankScores = fused.map((_, i) => scores[i] ?? -Infinity);
    candidates = candidates
      .map((c, i) => ({ id: c.id, score: scores[i] ?? -Infinity }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const out = (hits: Scored[]) => ({ hits, candidates: fused, ...(rerankScores ? { rerankScores } : {}) });

  if (diversity === 0 || candidates.length <= 1) return out(candidates.slice(0, k));
  // A chunk without a vector (embedded by another model) counts as unlike everything.
  const empty = new Float32Array(0);
  const withVectors = candidates.map((c) => ({ ...c, vector: index.vectors.get(c.id) ?? empty }));
  return out(mmr(withVectors, k, 1 - diversity));
}
