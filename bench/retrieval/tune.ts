/**
 * Grid search for BM25 and analyzer settings on the SciFact TRAIN split only (never test):
 * `npx tsx bench/retrieval/tune.ts [datasetsDir]`. The chosen values are recorded in quality.ts.
 */
import { join } from 'node:path';
import { createAnalyzer, type AnalyzerOptions } from '../../src/lib/core/analyzer';
import { hasBeir, loadBeir } from './beir';
import { analyzeCorpus, buildIndex, evaluateBm25 } from './evaluate';

const datasetsDir = process.argv[2] ?? join(import.meta.dirname, '../../../shared/datasets');
const dir = join(datasetsDir, 'scifact');
if (!hasBeir(dir, 'train')) {
  console.log(`skipped: dataset not found at ${dir}`);
  process.exit(0);
}
const data = loadBeir(dir, 'train');
console.log(`SciFact train: ${data.queries.length} queries, ${data.corpus.length} docs`);

const analyzers: Array<[string, AnalyzerOptions]> = [
  ['lucene-stop+porter2', { stopWords: 'lucene' }],
  ['extended-stop+porter2', { stopWords: 'extended' }],
  ['no-stop+porter2', { stopWords: 'none' }],
  ['extended-stop, no stem', { stopWords: 'extended', stem: false }],
];
const rows: Array<{ setting: string; ndcg10: number; recall10: number; recall100: number }> = [];
for (const [name, opts] of analyzers) {
  const analyzer = createAnalyzer(opts);
  for (const titleRepeat of [0, 1, 2]) {
    const terms = analyzeCorpus(data, analyzer, titleRepeat);
    for (const k1 of [0.6, 0.9, 1.2, 1.5]) {
      for (const b of [0.3, 0.4, 0.5, 0.6, 0.75, 0.9]) {
        const index = buildIndex(data, terms, { k1, b, titleRepeat }, analyzer);
        const s = evaluateBm25(data, index);
        rows.push({ setting: `${name} title×${titleRepeat} k1=${k1} b=${b}`, ndcg10: s.ndcg10, recall10: s.recall10, recall100: s.recall100 });
      }
    }
  }
}
rows.sort((a, b) => b.ndcg10 - a.ndcg10);
for (const r of rows.slice(0, 25)) {
  console.log(`${r.ndcg10.toFixed(4)}  R@10 ${r.recall10.toFixed(4)}  R@100 ${r.recall100.toFixed(4)}  ${r.setting}`);
}
const anserini = rows.find((r) => r.setting === 'lucene-stop+porter2 title×1 k1=0.9 b=0.4');
if (anserini) console.log(`Anserini-default settings on train: nDCG@10 ${anserini.ndcg10.toFixed(4)}`);
