/**
 * Retrieval latency and memory at 1k–100k chunks with the project's own core (VectorIndex,
 * Bm25Index, hybridSearch) in a worker, MiniSearch doing the same BM25 job beside it, and hybrid
 * queries end to end with the MiniLM twin embedding the question. Dense search is measured in each
 * vector layout (f32, int8, f16; WebAssembly SIMD) over the same vectors, with the quantized
 * layouts' recall@10 against exact f32 and their bytes per vector. Targets at 100k chunks:
 * dense ≤ 15 ms, BM25 ≤ 10 ms, hybrid ≤ 60 ms (p50); f16 recall@10 ≥ 0.99.
 */
import { benchText } from '../data/text';
import { figure, type Baseline, type Figure } from '../figure';
import type { RetrievalPageApi } from '../pages/retrieval';
import type { Quantization } from '../../src/lib/core/vector';
import { VECTOR_ENCODING } from '../../workers/retrieval/search-index';
import type { IndexKind } from '../pages/retrieval.worker';
import { rendererRssBytes } from '../browser/renderer-memory';
import type { Plot } from '../report/plot';
import { median } from '../stats';
import type { Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, requireMirrorFiles } from './models';

const NAME = 'retrieval-latency';
const K = 10;
const TARGET_SIZE = 100_000;
const TARGETS = { dense: 15, bm25: 10, hybrid: 60, f16Recall: 0.99 };

type Series = 'dense' | 'dense-int8' | 'dense-f16' | 'bm25' | 'minisearch' | 'hybrid';
const DENSE: Record<Quantization, Series> = { f32: 'dense', int8: 'dense-int8', f16: 'dense-f16' };
const QUANTIZATIONS = Object.keys(DENSE) as Quantization[];
/** The worker's index for each layout (a copy: importing the worker module here would start it). */
const VECTOR_KINDS = { f32: 'vectors', int8: 'vectors-int8', f16: 'vectors-f16' } as const satisfies Record<Quantization, IndexKind>;
const LABEL: Record<Series, string> = {
  dense: 'dense top-10 (VectorIndex, 384-d f32)',
  'dense-int8': 'dense top-10 (VectorIndex, 384-d int8)',
  'dense-f16': 'dense top-10 (VectorIndex, 384-d f16)',
  bm25: 'BM25 top-10 (Bm25Index)',
  minisearch: 'MiniSearch top-10 (same terms, same BM25)',
  hybrid: 'hybrid top-10 end to end (embed query + BM25 + dense + RRF)',
};

const mb = (bytes: number) => bytes / 2 ** 20;
const sizeLabel = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

export const retrievalLatencySuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'dense / BM25 / hybrid top-10 latency and index memory at 1k–100k chunks, vs MiniSearch',
  async run(ctx) {
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, 'The all-MiniLM-L6-v2 twin (query embedding)');
    const sizes = ctx.quick ? [500, 2_000] : [1_000, 10_000, 30_000, TARGET_SIZE];
    const counts = ctx.quick ? { dense: 20, bm25: 20, minisearch: 20, hybrid: 10 } : { dense: 200, bm25: 300, minisearch: 150, hybrid: 60 };
    const indexKinds: IndexKind[] = [...QUANTIZATIONS.map((q) => VECTOR_KINDS[q]), 'bm25', 'minisearch'];
    const reported = ctx.quick ? sizes : sizes.filter((s) => s >= 10_000 && s !== 30_000);
    const text = benchText(ctx.sharedDir);
    const env = await ctx.browser();
    const corpus = { dim: 384, clusters: 256, maxSize: Math.max(...sizes), sentences: text.sentences, sentencesPerChunk: 3, queries: text.queries, seed: 42 };
    const samples = new Map<string, number[]>();
    const key = (s: Series, n: number) => `${s}@${n}`;
    const buildMs: Record<IndexKind, number> = { vectors: 0, 'vectors-int8': 0, 'vectors-f16': 0, bm25: 0, minisearch: 0 };
    const recall = new Map<string, number>();
    let bytesPerVector: Record<Quantization, number> = { f32: 0, int8: 0, f16: 0 };

    // Latency: the indexes grow through the sizes; the embedder (q8, 2 threads as in the app) embeds hybrid queries.
    const page = await env.openPage<RetrievalPageApi>('retrieval');
    try {
      await page.call('init', corpus);
      await page.call('configure', 2);
      const loadMs = await page.call('loadEmbedder');
      ctx.log(`  embedder (q8) loaded in ${(loadMs / 1000).toFixed(2)} s; text: ${text.name}`);
      for (const n of sizes) {
        for (const kind of indexKinds) buildMs[kind] += await page.call('grow', kind, n);
        const warm = Math.min(20, counts.dense);
        for (const q of QUANTIZATIONS) {
          await page.call('dense', warm, K, q);
          samples.set(key(DENSE[q], n), await page.call('dense', counts.dense, K, q));
        }
        for (const q of ['int8', 'f16'] as const) recall.set(key(DENSE[q], n), await page.call('recall', K, q));
        await page.call('bm25', warm, K);
        samples.set(key('bm25', n), await page.call('bm25', counts.bm25, K));
        await page.call('minisearch', warm, K);
        samples.set(key('minisearch', n), await page.call('minisearch', counts.minisearch, K));
        samples.set(key('hybrid', n), await page.call('hybrid', text.queries.slice(0, counts.hybrid), K, 5));
        const p50 = (s: Series) => median(samples.get(key(s, n)) ?? [0]).toFixed(2);
        const r = (q: Quantization) => (recall.get(key(DENSE[q], n)) ?? 0).toFixed(3);
        ctx.log(`  ${sizeLabel(n)} chunks: dense f32 ${p50('dense')} / int8 ${p50('dense-int8')} / f16 ${p50('dense-f16')} ms (recall@10 int8 ${r('int8')}, f16 ${r('f16')}), BM25 ${p50('bm25')} ms, MiniSearch ${p50('minisearch')} ms, hybrid ${p50('hybrid')} ms`);
      }
      bytesPerVector = await page.call('bytesPerVector');
    } finally {
      await page.close();
    }

    // Memory, in a page of its own: measureUserAgentSpecificMemory() waits on every worker, and ONNX
    // Runtime's thread pool workers sit blocked in Atomics.wait, so the embedder must not be loaded.
    // It also leaves out WebAssembly memories, so the renderer's resident memory is measured too.
    type Delta = { ua: number | null; rss: number | null };
    const none = (): Delta => ({ ua: null, rss: null });
    const memory: Record<IndexKind, Delta> = { vectors: none(), 'vectors-int8': none(), 'vectors-f16': none(), bm25: none(), minisearch: none() };
    let typed = { vectors: 0, bm25Snapshot: 0 };
    const memPage = await env.openPage<RetrievalPageApi>('retrieval');
    try {
      await memPage.call('init', corpus);
      const sample = async () => {
        const ua = await memPage.call('memory'); // also collects garbage before the RSS is read
        return { ua, rss: await rendererRssBytes(env.browser) };
      };
      for (const kind of indexKinds) {
        const before = await sample();
        await memPage.call('grow', kind, corpus.maxSize);
        const after = await sample();
        const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
        memory[kind] = { ua: delta(before.ua, after.ua), rss: delta(before.rss, after.rss) };
      }
      typed = await memPage.call('typedArrayBytes');
    } finally {
      await memPage.close();
    }

    const largest = Math.max(...sizes);
    const figures: Figure[] = [];
    const get = (s: Series, n: number) => samples.get(key(s, n)) as number[];
    for (const n of reported) {
      const target = (t: number): Baseline | undefined => (n === TARGET_SIZE ? { name: 'target', value: t, kind: 'target' } : undefined);
      const add = (s: Series, baseline: Baseline | undefined) =>
        figures.push(figure(NAME, { name: `${LABEL[s]} @ ${sizeLabel(n)} chunks`, unit: 'ms', samples: get(s, n), better: 'lower', ...(baseline ? { baseline } : {}) }));
      add('dense', target(TARGETS.dense));
      const f32Median: Baseline = { name: 'f32', value: median(get('dense', n)), kind: 'measured' };
      add('dense-int8', f32Median);
      add('dense-f16', f32Median);
      for (const q of ['int8', 'f16'] as const) {
        const r = recall.get(key(DENSE[q], n)) as number;
        const baseline: Baseline | undefined = q === 'f16' && n === TARGET_SIZE ? { name: 'target', value: TARGETS.f16Recall, kind: 'target' } : undefined;
        figures.push(figure(NAME, { name: `dense ${q} recall@10 vs exact f32 @ ${sizeLabel(n)} chunks`, unit: 'recall', samples: [r], better: 'higher', ...(baseline ? { baseline } : {}), note: '200 clustered queries; share of the f32 index\'s top 10 returned' }));
      }
      add('bm25', target(TARGETS.bm25));
      add('minisearch', { name: 'Hearth Bm25Index', value: median(get('bm25', n)), kind: 'measured' });
      add('hybrid', target(TARGETS.hybrid));
    }
    const at = `@ ${sizeLabel(largest)} chunks`;
    const mem = (name: string, bytes: number, baseline?: Baseline, note?: string) =>
      figures.push(figure(NAME, { name, unit: 'MiB', samples: [mb(bytes)], better: 'lower', ...(baseline ? { baseline } : {}), ...(note ? { note } : {}) }));
    const vsMini = (what: 'ua' | 'rss'): Baseline | undefined => {
      const v = memory.minisearch[what];
      return v === null ? undefined : { name: 'MiniSearch', value: mb(v), kind: 'measured' };
    };
    const payload: Baseline = { name: 'payload', value: mb(typed.vectors), kind: 'measured' };
    mem(`memory: vector index payload ${at}`, typed.vectors, undefined, `${largest} × 384 × 4 bytes`);
    if (memory.vectors.rss !== null) mem(`memory: vector index, renderer RSS delta ${at}`, memory.vectors.rss, payload, 'includes capacity doubling and WebAssembly memory');
    if (memory.vectors.ua !== null) mem(`memory: vector index, measureUserAgentSpecificMemory ${at}`, memory.vectors.ua, payload, 'Chromium leaves WebAssembly memory out of this measurement');
    for (const q of QUANTIZATIONS) {
      const rss = memory[VECTOR_KINDS[q]].rss;
      const perVector: Baseline | undefined = q === 'f32' ? undefined : { name: 'f32', value: bytesPerVector.f32, kind: 'measured' };
      figures.push(figure(NAME, { name: `memory: bytes per vector, ${q} payload`, unit: 'bytes', samples: [bytesPerVector[q]], better: 'lower', ...(perVector ? { baseline: perVector } : {}), note: q === 'int8' ? '384 int8 values + a 4-byte scale' : `384 × ${q === 'f32' ? 4 : 2} bytes` }));
      if (rss !== null) {
        const f32Rss = memory.vectors.rss;
        const vsF32: Baseline | undefined = q === 'f32' || f32Rss === null ? undefined : { name: 'f32', value: f32Rss / largest, kind: 'measured' };
        figures.push(figure(NAME, { name: `memory: bytes per vector, ${q} index, renderer RSS delta ${at}`, unit: 'bytes', samples: [rss / largest], better: 'lower', ...(vsF32 ? { baseline: vsF32 } : {}), note: 'Wasm memory as touched: vectors, scores, capacity doubling' }));
      }
    }
    mem(`memory: BM25 snapshot typed arrays ${at}`, typed.bm25Snapshot, undefined, 'what IndexedDB holds for it');
    if (memory.bm25.rss !== null) mem(`memory: BM25 index, renderer RSS delta ${at}`, memory.bm25.rss, vsMini('rss'));
    if (memory.bm25.ua !== null) mem(`memory: BM25 index, measureUserAgentSpecificMemory ${at}`, memory.bm25.ua, vsMini('ua'));
    const notes = [
      `chunks: ${text.name} text, 3 random sentences each; vectors: random unit vectors around 256 cluster centres (the latency does not depend on the values: f16 stores components below 2^-14 as zero, so no slow subnormal is multiplied)`,
      `dense f32, int8 and f16: three VectorIndexes over the same vectors, each scored by the WebAssembly SIMD kernel; recall@10 is measured against the f32 index's results; hybrid searches the layout the app holds (${VECTOR_ENCODING})`,
      `queries: ${text.name} ${text.name === 'SciFact' ? 'test claims' : 'generated questions'}; hybrid queries are embedded by the MiniLM twin (q8, 2 threads)`,
      `index build for ${sizeLabel(largest)} chunks: vectors ${(buildMs.vectors / 1000).toFixed(1)} s (int8 ${(buildMs['vectors-int8'] / 1000).toFixed(1)} s, f16 ${(buildMs['vectors-f16'] / 1000).toFixed(1)} s), BM25 ${(buildMs.bm25 / 1000).toFixed(1)} s, MiniSearch ${(buildMs.minisearch / 1000).toFixed(1)} s (incl. analyzing the text)`,
      'memory deltas around building each index alone to full size in a fresh page: performance.measureUserAgentSpecificMemory() (page + workers, after GC; needs cross-origin isolation; excludes WebAssembly memory) and the renderer processes\' resident memory (Linux /proc; includes everything, and garbage not yet returned to the OS)',
    ];
    const plot: Plot = {
      file: 'retrieval-latency.svg',
      title: 'Retrieval latency (p50) vs corpus size',
      xLabel: 'chunks in the index',
      yLabel: 'milliseconds per query (p50)',
      xLog: true,
      yLog: true,
      series: (['dense', 'dense-int8', 'dense-f16', 'bm25', 'minisearch', 'hybrid'] as const).map((s) => ({
        name: {
          dense: 'dense f32 (VectorIndex)',
          'dense-int8': 'dense int8',
          'dense-f16': 'dense f16',
          bm25: 'BM25 (Bm25Index)',
          minisearch: 'BM25 (MiniSearch)',
          hybrid: 'hybrid end to end',
        }[s],
        points: sizes.map((n): [number, number] => [n, median(get(s, n))]),
      })),
    };
    return { figures, plots: [plot], notes };
  },
};
