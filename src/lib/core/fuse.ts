/**
 * Combine ranked lists from different retrievers (BM25, dense) whose scores are not comparable.
 * RRF uses ranks only, so it needs no calibration; blending keeps score gaps but must normalize first.
 */
import type { Scored } from './types';

export interface RrfOptions {
  /** Damping constant; 60 is the value from Cormack et al. (2009) that most systems keep. */
  k?: number;
  /** One weight per list (default 1 each). */
  weights?: number[];
}

function byScoreThenId(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** score(d) = Σ weight_i / (k + rank_i(d)), ranks starting at 1; a document counts once per list. */
export function reciprocalRankFusion(lists: Scored[][], opts: RrfOptions = {}): Scored[] {
  const k = opts.k ?? 60;
  const fused = new Map<string, number>();
  lists.forEach((list, li) => {
    const weight = opts.weights?.[li] ?? 1;
    const seen = new Set<string>();
    let rank = 0;
    for (const hit of list) {
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      rank++;
      fused.set(hit.id, (fused.get(hit.id) ?? 0) + weight / (k + rank));
    }
  });
  return [...fused].map(([id, score]) => ({ id, score })).sort(byScoreThenId);
}

/**
 * Weighted sum of min-max normalized scores; a document missing from a list gets 0 there.
 * A list whose scores are all equal normalizes to 1 for each of its documents.
 */
export function blendScores(lists: Scored[][], weights?: number[]): Scored[] {
  const fused = new Map<string, number>();
  lists.forEach((list, li) => {
    if (list.length === 0) return;
    const weight = weights?.[li] ?? 1;
    let min = Infinity;
    let max = -Infinity;
    for (const hit of list) {
      min = Math.min(min, hit.score);
      max = Math.max(max, hit.score);
    }
    const range = max - min;
    const seen = new Set<string>();
    for (const hit of list) {
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      const norm = range === 0 ? 1 : (hit.score - min) / range;
      fused.set(hit.id, (fused.get(hit.id) ?? 0) + weight * norm);
    }
  });
  return [...fused].map(([id, score]) => ({ id, score })).sort(byScoreThenId);
}
