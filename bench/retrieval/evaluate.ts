/** Run BM25 over a BEIR-style dataset and score the rankings; shared by the benchmark and the tuner. */
import type { Analyzer } from '../../src/lib/core/analyzer';
import { Bm25Index } from '../../src/lib/core/bm25';
import type { BeirData, BeirDoc } from './beir';
import { mean, ndcgAtK, reciprocalRankAtK, recallAtK } from './metrics';

export interface Bm25Settings {
  k1: number;
  b: number;
  /** How many times the title is indexed (0 = text only); 1 is plain "title + text". */
  titleRepeat: number;
}

export interface RankingScores {
  ndcg10: number;
  recall1: number;
  recall5: number;
  recall10: number;
  recall100: number;
  mrr10: number;
}

export function documentText(doc: BeirDoc, titleRepeat: number): string {
  return `${`${doc.title}\n`.repeat(titleRepeat)}${doc.text}`;
}

/** Analyze once per analyzer: the k1/b grid then only rebuilds postings from these terms. */
export function analyzeCorpus(data: BeirData, analyzer: Analyzer, titleRepeat: number): string[][] {
  return data.corpus.map((doc) => analyzer(documentText(doc, titleRepeat)));
}

export function buildIndex(data: BeirData, terms: string[][], settings: Bm25Settings, analyzer: Analyzer): Bm25Index {
  const index = new Bm25Index({ k1: settings.k1, b: settings.b, analyzer });
  data.corpus.forEach((doc, i) => index.addTerms(doc.id, terms[i] as string[]));
  return index;
}

export function scoreRankings(data: BeirData, search: (query: string) => string[]): RankingScores {
  const rows: RankingScores[] = data.queries.map((q) => {
    const ranking = search(q.text);
    const judged = data.qrels.get(q.id) ?? new Map<string, number>();
    return {
      ndcg10: ndcgAtK(ranking, judged, 10),
      recall1: recallAtK(ranking, judged, 1),
      recall5: recallAtK(ranking, judged, 5),
      recall10: recallAtK(ranking, judged, 10),
      recall100: recallAtK(ranking, judged, 100),
      mrr10: reciprocalRankAtK(ranking, judged, 10),
    };
  });
  const avg = (key: keyof RankingScores): number => mean(rows.map((r) => r[key]));
  return {
    ndcg10: avg('ndcg10'),
    recall1: avg('recall1'),
    recall5: avg('recall5'),
    recall10: avg('recall10'),
    recall100: avg('recall100'),
    mrr10: avg('mrr10'),
  };
}

export function evaluateBm25(data: BeirData, index: Bm25Index): RankingScores {
  return scoreRankings(data, (query) => index.search(query, 100).map((hit) => hit.id));
}
