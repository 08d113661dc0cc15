/**
 * Maximal Marginal Relevance (Carbonell & Goldstein, 1998): pick results one at a time, trading
 * relevance against similarity to what is already picked, so the few contexts a small model can read
 * are not near-copies of one passage (overlapping chunks make such copies common).
 */
import type { Scored } from './types';

export interface MmrCandidate {
  id: string;
  score: number;
  vector: Float32Array;
}

function cosine(a: Float32Array, b: Float32Array, normA: number, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += (a[i] as number) * (b[i] as number);
  return dot / (normA * normB);
}

/**
 * Returns up to k candidates in selection order, each with its original relevance score.
 * Relevance is min-max normalized to [0, 1] first so that `lambda` means the same thing whether
 * scores come from RRF (≈0.03) or cosine (≈0.8). lambda = 1 is plain relevance order.
 */
export function mmr(candidates: MmrCandidate[], k: number, lambda = 0.7): Scored[] {
  const n = candidates.length;
  if (k <= 0 || n === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const c of candidates) {
    min = Math.min(min, c.score);
    max = Math.max(max, c.score);
  }
  const range = max - min;
  const rel = candidates.map((c) => (range === 0 ? 1 : (c.score - min) / range));
  const norms = candidates.map((c) => Math.sqrt(c.vector.reduce((s, x) => s + x * x, 0)));
  // maxSim[i]: highest similarity of candidate i to anything selected so far.
  const maxSim = new Float64Array(n).fill(-Infinity);
  const picked = new Uint8Array(n);
  const out: Scored[] = [];

  while (out.length < Math.min(k, n)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < n; i++) {
      if (picked[i]) continue;
      const redundancy = out.length === 0 ? 0 : (maxSim[i] as number);
      const value = lambda * (rel[i] as number) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    const chosen = candidates[best] as MmrCandidate;
    picked[best] = 1;
    out.push({ id: chosen.id, score: chosen.score });
    for (let i = 0; i < n; i++) {
      if (picked[i]) continue;
      const c = candidates[i] as MmrCandidate;
      const sim = cosine(c.vector, chosen.vector, norms[i] as number, norms[best] as number);
      if (sim > (maxSim[i] as number)) maxSim[i] = sim;
    }
  }
  return out;
}
