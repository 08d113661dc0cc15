/**
 * Retrieval quality (Node, pure): bench/retrieval/quality.ts on SciFact and SQuAD from ../shared,
 * integrated as is. --quick runs it on a slice of each dataset (30 queries) written to a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBeirSubset } from '../data/beir-subset';
import { fromPlainFigure, type BaselineKind } from '../figure';
import { hasBeir } from '../retrieval/beir';
import type { Figure as PlainFigure } from '../retrieval/figure';
import { runRetrievalQuality } from '../retrieval/quality';
import { skip, type Suite } from '../suite';

const DATASETS = ['scifact', join('squad', 'v1.1-dev')];

/** quality.ts names its baselines: a target, a published reference, or another library run here. */
function kindOf(f: PlainFigure): BaselineKind {
  const name = f.baseline?.name ?? '';
  if (/^target\b/i.test(name)) return 'target';
  if (/anserini|published|reference|paper/i.test(name)) return 'reference';
  return 'measured';
}

export const retrievalQualitySuite: Suite = {
  name: 'retrieval-quality',
  runtime: 'node',
  title: 'BM25 nDCG@10 / recall / MRR on SciFact and SQuAD 1.1 (bench/retrieval/quality.ts), vs Anserini and MiniSearch',
  async run(ctx) {
    const datasetsDir = join(ctx.sharedDir, 'datasets');
    const present = DATASETS.filter((d) => hasBeir(join(datasetsDir, d), 'test'));
    if (present.length === 0) skip(`no SciFact or SQuAD data in BEIR layout under ${datasetsDir}`);
    let dir = datasetsDir;
    let temp: string | null = null;
    if (ctx.quick) {
      temp = mkdtempSync(join(tmpdir(), 'hearth-bench-quality-'));
      for (const d of present) writeBeirSubset(join(datasetsDir, d), join(temp, d), 30, 300);
      dir = temp;
    }
    try {
      const plain = await runRetrievalQuality({ datasetsDir: dir, log: (m) => ctx.log(`  ${m}`) });
      const figures = plain.map((f) => fromPlainFigure(f, kindOf(f)));
      const missing = DATASETS.filter((d) => !present.includes(d));
      return {
        figures,
        notes: [
          ...(ctx.quick ? ['quick: 30 queries per dataset and 300 distractor documents, not comparable with the full figures'] : []),
          ...missing.map((d) => `dataset ${d} not found under ${datasetsDir}: its figures are missing`),
        ],
      };
    } finally {
      if (temp) rmSync(temp, { recursive: true, force: true });
    }
  },
};

