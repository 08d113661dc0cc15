/**
 * How few passage tokens carry the answer (Node, BM25): SQuAD v1.1 dev as a library of documents
 * (ten paragraphs of one article each) through the app's ingestion and search (bench/retrieval/
 * bm25-library.ts), and for each question, whether one of its gold answers is in the passages the
 * app's prompt builder would send — for k = 1…8 passages and for character budgets of 500…6,000, at
 * the app's chunk size and at shorter ones. The CPU engine's budget (MAX_CONTEXT_CHARS_ON_CPU in
 * src/lib/core/budget.ts) is set from this curve by bench/retrieval/budget-rule.ts; the suite reports
 * what the rule picks on this run beside the shipped value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findEmbedder, readCatalogFile } from '../../cli/catalog-node';
import { DEFAULT_SETTINGS } from '../../src/lib/config/settings';
import { MAX_CONTEXT_CHARS_ON_CPU } from '../../src/lib/core/budget';
import { figure, type Figure } from '../figure';
import type { Plot } from '../report/plot';
import { buildBm25Library, tokenizerOnlyEmbedder } from '../retrieval/bm25-library';
import { measureGrid, product, type Grid } from '../retrieval/budget-curve';
import { chooseBudget, type CurvePoint } from '../retrieval/budget-rule';
import { hasSquadAnswers, loadSquadLibrary } from '../retrieval/squad-library';
import { skip, type Suite } from '../suite';

const NAME = 'cpu-budget';
/** The rule's threshold: a larger budget must buy at least this many recall points per 1,000 tokens. */
export const MIN_POINTS_PER_1K_TOKENS = 10;
/** Characters per token of English for the large-vocabulary models the CPU engine runs. */
const CHARS_PER_TOKEN = 4;
const KS = [1, 2, 3, 4, 5, 6, 7, 8];
const BUDGETS = [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000];
/** Deep enough that the budget, not k, decides what is sent (6,000 characters of 200-character chunks is ~25). */
const DEEP = 32;
/** Shorter passages than the app's: chunkBlocks at these targets, overlap 15% as the app's 150 of 1,000. */
const SHORTER = [250, 500, 750];
const APP = 0;

const pct = (x: number) => (x * 100).toFixed(1);
const tokens = (chars: number) => chars / CHARS_PER_TOKEN;
const label = (target: number) => (target === APP ? "the app's chunks" : `${target}-character chunks`);
const short = (target: number) => (target === APP ? "app's chunks" : `${target} chars`);

function curve(grid: Grid, k: number): CurvePoint[] {
  return BUDGETS.map((budget) => {
    const c = grid.cell(k, budget);
    return { budget, recall: c.recall, tokens: tokens(c.chars) };
  });
}

function row(grid: Grid, k: number): string {
  return BUDGETS.map((b) => {
    const c = grid.cell(k, b);
    return `${b}: ${pct(c.recall)}% / ${tokens(c.chars).toFixed(0)} t`;
  }).join(', ');
}

export const cpuBudgetSuite: Suite = {
  name: NAME,
  runtime: 'node',
  title: 'answer recall on SQuAD 1.1 vs passages sent (k 1–8, 500–6,000 characters, shorter chunks): the CPU engine\'s passage budget',
  async run(ctx) {
    const dir = join(ctx.sharedDir, 'datasets', 'squad', 'v1.1-dev');
    if (!hasSquadAnswers(dir)) skip(`no SQuAD v1.1 dev (corpus.jsonl, queries.jsonl with answers, qrels/test.tsv) in ${dir}`);
    const model = findEmbedder(readCatalogFile());
    const tokenizerDir = join(ctx.sharedDir, 'models', `${model.id}-tokenizer`);
    if (!hasTokenizer(tokenizerDir)) skip(`no tokenizer of the default embedder ${model.id} in ${tokenizerDir} (chunks are sized by it)`);
    const embedder = tokenizerOnlyEmbedder(model, tokenizerDir);
    const library = loadSquadLibrary(dir, ctx.quick ? 30 : Infinity);
    const stride = ctx.quick ? Math.ceil(library.questions.length / 300) : 1;
    const questions = library.questions.filter((_, i) => i % stride === 0);
    const appK = DEFAULT_SETTINGS.topK;
    ctx.log(`  ${library.documents.length} documents (${library.paragraphs} paragraphs), ${questions.length} questions`);

    const grids = new Map<number, Grid>();
    const notes: string[] = [];
    for (const target of [APP, ...SHORTER]) {
      const t0 = performance.now();
      const sizes = target === APP ? {} : { targetChars: target, overlapChars: Math.round(target * 0.15) };
      const lib = await buildBm25Library(library.documents, embedder, sizes);
      const cells = [...product(KS, [Infinity]), ...product([DEEP], BUDGETS), ...(target === APP ? product([appK], BUDGETS) : [])];
      const grid = await measureGrid(lib, questions, cells);
      grids.set(target, grid);
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      ctx.log(`  ${label(target)}: ${lib.chunks} chunks of ${lib.meanChunkChars.toFixed(0)} characters on average, ${seconds} s`);
      notes.push(`${label(target)} (${lib.chunks} chunks, mean ${lib.meanChunkChars.toFixed(0)} characters): by k, no budget: ${KS.map((k) => `${k}: ${pct(grid.cell(k, Infinity).recall)}%`).join(', ')}`);
      notes.push(`${label(target)}, by budget, k ${DEEP} (the budget decides): ${row(grid, DEEP)}`);
    }
    const app = grids.get(APP) as Grid;
    notes.push(`the app's chunks, by budget, k ${appK} (the default number of passages searched): ${row(app, appK)}`);

    const choice = chooseBudget(curve(app, DEEP), MIN_POINTS_PER_1K_TOKENS);
    notes.push(
      `rule (bench/retrieval/budget-rule.ts): on the app's chunks at k ${DEEP}, along the upper concave hull of (tokens sent, recall), the last budget whose segment still buys ≥ ${MIN_POINTS_PER_1K_TOKENS} recall points per 1,000 tokens; hull: ` +
        choice.steps.map((s) => `→ ${s.budget}: ${s.pointsPer1k.toFixed(1)}`).join(', ') +
        ` ⇒ ${choice.budget} characters (shipped MAX_CONTEXT_CHARS_ON_CPU: ${MAX_CONTEXT_CHARS_ON_CPU})`,
    );
    notes.push(
      `answer recall = share of questions with one of SQuAD's gold answers (normalized as SQuAD's evaluation does, whole words) in the passages buildPrompt would send; ` +
        `tokens = context characters ÷ ${CHARS_PER_TOKEN} (English, large vocabularies); BM25 only: no real embedder weights here, so this is BM25's curve; hybrid search should need no more passages`,
    );
    if (ctx.quick) notes.push('quick: 30 documents and a sample of their questions; not comparable with the full figures');

    const at = (k: number, budget: number) => app.cell(k, budget);
    const shipped = at(appK, MAX_CONTEXT_CHARS_ON_CPU);
    const figures: Figure[] = [
      ...KS.map((k) => figure(NAME, { name: `answer recall, ${k} passage${k > 1 ? 's' : ''}, no budget (the app's chunks)`, unit: '%', samples: [at(k, Infinity).recall * 100], better: 'higher' })),
      ...[1000, 2000, 3000, 4000, 5000, 6000].map((b) =>
        figure(NAME, {
          name: `answer recall, ${b.toLocaleString('en')}-character budget, k ${appK} (the app's chunks)`,
          unit: '%',
          samples: [at(appK, b).recall * 100],
          better: 'higher',
          note: `${tokens(at(appK, b).chars).toFixed(0)} tokens, ${at(appK, b).passages.toFixed(2)} passages sent on average`,
        })),
      figure(NAME, { name: 'CPU passage budget the rule picks on this run', unit: 'characters', samples: [choice.budget], better: 'lower', baseline: { name: 'shipped MAX_CONTEXT_CHARS_ON_CPU', value: MAX_CONTEXT_CHARS_ON_CPU, kind: 'measured' } }),
      figure(NAME, {
        name: `answer recall at the shipped CPU budget, k ${appK}`,
        unit: '%',
        samples: [shipped.recall * 100],
        better: 'higher',
        baseline: { name: `no budget, k ${appK}`, value: at(appK, Infinity).recall * 100, kind: 'measured' },
      }),
      figure(NAME, {
        name: `passage tokens sent at the shipped CPU budget, k ${appK}`,
        unit: 'tokens',
        samples: [tokens(shipped.chars)],
        better: 'lower',
        baseline: { name: `no budget, k ${appK}`, value: tokens(at(appK, Infinity).chars), kind: 'measured' },
      }),
    ];
    const plots: Plot[] = [
      {
        file: 'cpu-budget-recall.svg',
        title: 'Answer recall vs passage tokens sent (SQuAD 1.1, BM25)',
        xLabel: `passage tokens sent (characters ÷ ${CHARS_PER_TOKEN}, mean)`,
        yLabel: 'answer recall (%)',
        series: [
          ...[APP, ...SHORTER].map((t) => ({ name: `${short(t)}, k ${DEEP}`, points: curve(grids.get(t) as Grid, DEEP).map((p): [number, number] => [p.tokens, p.recall * 100]) })),
          { name: `${short(APP)}, k ${appK}`, points: curve(app, appK).map((p): [number, number] => [p.tokens, p.recall * 100]) },
        ],
      },
      {
        file: 'cpu-budget-k.svg',
        title: 'Answer recall vs passages sent, no budget (SQuAD 1.1, BM25)',
        xLabel: 'passages (k)',
        yLabel: 'answer recall (%)',
        series: [APP, ...SHORTER].map((t) => ({ name: short(t), points: KS.map((k): [number, number] => [k, (grids.get(t) as Grid).cell(k, Infinity).recall * 100]) })),
      },
    ];
    return { figures, plots, notes };
  },
};

function hasTokenizer(dir: string): boolean {
  return ['tokenizer.json', 'tokenizer_config.json'].every((f) => existsSync(join(dir, f)));
}
