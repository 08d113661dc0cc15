/**
 * Ranking metrics as trec_eval / pytrec_eval (and so BEIR) define them, so our numbers compare with
 * published ones. `ranking` is best-first document ids; `qrels` maps relevant ids to their grade.
 */

export type Qrels = ReadonlyMap<string, number>;

/** nDCG@k with linear gain (rel / log2(rank + 1)); the ideal ranking uses every judged relevant doc. */
export function ndcgAtK(ranking: readonly string[], qrels: Qrels, k: number): number {
  let dcg = 0;
  const top = ranking.slice(0, k);
  for (let i = 0; i < top.length; i++) {
    const rel = qrels.get(top[i] as string) ?? 0;
    if (rel > 0) dcg += rel / Math.log2(i + 2);
  }
  const ideal = [...qrels.values()].filter((r) => r > 0).sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  for (let i = 0; i < ideal.length; i++) idcg += (ideal[i] as number) / Math.log2(i + 2);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Fraction of the relevant documents found in the top k. */
export function recallAtK(ranking: readonly string[], qrels: Qrels, k: number): number {
  let relevant = 0;
  for (const rel of qrels.values()) if (rel > 0) relevant++;
  if (relevant === 0) return 0;
  let found = 0;
  for (const id of ranking.slice(0, k)) if ((qrels.get(id) ?? 0) > 0) found++;
  return found / relevant;
}

/** 1 / rank of the first relevant document within the top k, else 0. */
export function reciprocalRankAtK(ranking: readonly string[], qrels: Qrels, k: number): number {
  const top = ranking.slice(0, k);
  for (let i = 0; i < top.length; i++) if ((qrels.get(top[i] as string) ?? 0) > 0) return 1 / (i + 1);
  return 0;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
