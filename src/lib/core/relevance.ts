/**
 * "The documents don't say": how likely it is that the library holds the answer to a question, from
 * the search's own candidates, so the app can abstain (show the closest passages, skip the LLM) when
 * it does not.
 *
 * A raw BM25 score cannot be the signal: it grows with the library's size (IDF ≈ log N / df) and
 * shifts with its vocabulary and document lengths. The features here are ratios against the
 * library's own statistics for this very query, so they move little with the library's size:
 *
 * - scoreRatio: the best candidate's BM25 score ÷ the largest score the query can reach in this
 *   library, Σ qtf · idf · (k1 + 1) (the limit of tf / (tf + norm) → 1 for every term). A passage
 *   that matches only the query's common words scores a small fraction of it.
 * - coverage: the IDF-weighted share of the query's terms that occur in that best passage.
 * A query term no passage has weighs as much as the query's rarest known term (the IDF of an
 * unseen term, log(2N + 2), would grow each time the library were copied).
 * - termCoverage (unweighted share) and knownTerms (IDF-weighted share of the query's terms that occur
 *   anywhere in the library) are reported too; the shipped model gives them no weight.
 * - Optional, when given: denseTop (best cosine among the candidates), agreement (share of the BM25
 *   top 5 that is also in the dense top 5, both within the candidates) and rerank (sigmoid of the
 *   best cross-encoder logit). The shipped model gives them no weight either: this machine has only
 *   random-weight twins of the embedder and reranker, so they could not be calibrated. A model with
 *   weights for them can be passed to `assessRelevance` once calibrated with real weights.
 *
 * Duplicating every document leaves the features as they were (IDF depends on df / N); adding
 * unrelated documents moves them a little (every IDF grows by about the same log factor, which makes
 * the IDF weights slightly more uniform). Measured by bench/suites/abstention.ts, see the model below.
 */

/** What the signal reads from the BM25 index (Bm25Index has all of it). */
export interface RelevanceIndex {
  readonly size: number;
  readonly k1: number;
  idf(term: string): number;
  documentFrequency(term: string): number;
  termFrequency(id: string, term: string): number;
  /** The BM25 score search gives the document for these query terms. */
  scoreTerms(id: string, queryTerms: string[]): number;
}

export interface RelevanceCandidate {
  id: string;
  /** Cosine similarity of the passage's embedding to the query's, when dense search ran. */
  dense?: number;
  /** The cross-encoder's raw logit for (query, passage), when reranked. */
  rerank?: number;
}

export interface RelevanceInput {
  /** The query analyzed as the index analyzes it (Bm25Index.queryTerms). */
  queryTerms: readonly string[];
  index: RelevanceIndex;
  /** The search's candidates (fused, before reranking and MMR), in any order. */
  candidates: readonly RelevanceCandidate[];
}

export const FEATURE_NAMES = ['terms', 'topScore', 'scoreRatio', 'coverage', 'termCoverage', 'knownTerms', 'denseTop', 'agreement', 'rerank'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type RelevanceFeatures = Partial<Record<FeatureName, number>>;

/** relevance = sigmoid(intercept + Σ weight · feature); abstain when relevance < abstainBelow. */
export interface RelevanceModel {
  intercept: number;
  weights: RelevanceFeatures;
  abstainBelow: number;
}

/**
 * The shipped model: BM25-side features only. Calibrated by `npx tsx bench/run.ts --suite abstention`
 * on the CALIBRATION half of the questions only (articles whose FNV-1a title hash is even), library =
 * the 1,204 SQuAD 2.0 dev paragraphs indexed as the app indexes chunks (title as the name, k1 0.9,
 * b 0.4), candidates = the BM25 top 20:
 * - weights: L2-regularised logistic regression (lambda 0.1) of "the library answers it" on 2,698
 *   answerable SQuAD 2.0 questions vs 2,282 questions whose article is in no library (SQuAD 1.1 dev
 *   articles that 2.0 dev lacks). SQuAD 2.0's unanswerable questions are left out of the fit: they
 *   were written against their paragraph to look answerable, BM25-side features barely tell them
 *   apart (held-out ROC AUC 0.59), and they only pull the fit toward noise.
 * - abstainBelow: a false-abstention budget (a precision-first rule, not max-F1): the 5th percentile
 *   of relevance over the answerable calibration questions. Max-F1 on SQuAD 2.0 alone is degenerate
 *   (threshold 0.998: it abstains on 97% of all questions, F1 0.659, as good as always abstaining).
 * Held-out half (3,230 answerable, 3,352 unanswerable, 2,275 out-of-library questions), these constants:
 *   1,204 paragraphs: false abstention 4.0% of answerable; SQuAD 2.0 unanswerable P 0.637 R 0.068;
 *     out of library P 0.932 R 0.778 (AUC 0.958); answerable recall@5 0.958.
 *   6,387 passages (+ the 5,183 SciFact abstracts): false abstention 1.9%; unanswerable P 0.674
 *     R 0.038; out of library P 0.961 R 0.663 (AUC 0.949); answerable recall@5 0.944.
 *   A raw top-BM25-score threshold chosen by the same rule: out-of-library R 0.432 → 0.096 from the
 *   small to the large library (this signal: 0.778 → 0.663). The setting does drift toward
 *   answering as the library grows: more passages give a question more chances of a partial match.
 */
export const BM25_RELEVANCE_MODEL: RelevanceModel = {
  intercept: -6.67,
  weights: { scoreRatio: 11.9, coverage: 4.35 },
  abstainBelow: 0.28,
};

export interface Relevance {
  /** 0 (the library surely does not answer it) … 1. */
  score: number;
  abstain: boolean;
  features: RelevanceFeatures;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const AGREEMENT_DEPTH = 5;

function topIds(scores: Map<string, number>, n: number): Set<string> {
  return new Set(
    [...scores]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([id]) => id),
  );
}

/** Every feature the input allows (dense and rerank ones only when the candidates carry them). */
export function relevanceFeatures(input: RelevanceInput): RelevanceFeatures {
  const { index, candidates } = input;
  const qtf = new Map<string, number>();
  for (const t of input.queryTerms) qtf.set(t, (qtf.get(t) ?? 0) + 1);
  const terms = [...qtf.keys()];
  const queryTerms = [...input.queryTerms];
  // A term no passage has weighs as much as the query's rarest known term: its own IDF (df = 0)
  // would grow with every copy of the library while the others stay put.
  const known = terms.filter((t) => index.documentFrequency(t) > 0);
  const rarest = Math.max(0, ...known.map((t) => index.idf(t)));
  const idf = new Map(terms.map((t) => [t, known.includes(t) || rarest === 0 ? index.idf(t) : rarest]));
  const weight = (t: string) => (qtf.get(t) as number) * (idf.get(t) as number);
  const total = terms.reduce((s, t) => s + weight(t), 0);

  const bm25 = new Map<string, number>();
  let best: string | undefined;
  let topScore = 0;
  if (terms.length > 0) {
    for (const c of candidates) {
      const s = index.scoreTerms(c.id, queryTerms);
      bm25.set(c.id, s);
      if (s > topScore || (s === topScore && s > 0 && best !== undefined && c.id < best)) {
        topScore = s;
        best = c.id;
      }
    }
  }
  const matched = best === undefined ? [] : terms.filter((t) => index.termFrequency(best as string, t) > 0);
  const share = (ts: string[]) => (total > 0 ? ts.reduce((s, t) => s + weight(t), 0) / total : 0);
  const features: RelevanceFeatures = {
    terms: terms.length,
    topScore,
    scoreRatio: total > 0 ? Math.min(1, topScore / (total * (index.k1 + 1))) : 0,
    coverage: share(matched),
    termCoverage: terms.length > 0 ? matched.length / terms.length : 0,
    knownTerms: share(known),
  };

  const dense = new Map<string, number>();
  for (const c of candidates) if (c.dense !== undefined && Number.isFinite(c.dense)) dense.set(c.id, c.dense);
  if (dense.size > 0) {
    features.denseTop = Math.max(...dense.values());
    const lexical = topIds(new Map([...bm25].filter(([, s]) => s > 0)), AGREEMENT_DEPTH);
    const semantic = topIds(dense, AGREEMENT_DEPTH);
    const depth = Math.min(AGREEMENT_DEPTH, lexical.size, semantic.size);
    features.agreement = depth > 0 ? [...lexical].filter((id) => semantic.has(id)).length / depth : 0;
  }
  const logits = candidates.map((c) => c.rerank).filter((r): r is number => r !== undefined && Number.isFinite(r));
  if (logits.length > 0) features.rerank = sigmoid(Math.max(...logits));
  return features;
}

/** Apply a model to features; a feature the model weighs but the input lacks counts as 0. */
export function scoreRelevance(features: RelevanceFeatures, model: RelevanceModel = BM25_RELEVANCE_MODEL): Relevance {
  // No query terms after analysis (only stop words, say): BM25 has no evidence either way.
  if (!features.terms) return { score: 0, abstain: true, features };
  let z = model.intercept;
  for (const name of Object.keys(model.weights) as FeatureName[]) z += (model.weights[name] ?? 0) * (features[name] ?? 0);
  const score = sigmoid(z);
  return { score, abstain: score < model.abstainBelow, features };
}

export function assessRelevance(input: RelevanceInput, model: RelevanceModel = BM25_RELEVANCE_MODEL): Relevance {
  return scoreRelevance(relevanceFeatures(input), model);
}
