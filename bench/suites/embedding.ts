/**
 * Embedding throughput of the all-MiniLM-L6-v2 twin through transformers.js on WASM: 1 vs 2
 * threads, fp32 vs q8, batch 1/8/32; sentences/s and tokens/s, and achieved GFLOP/s against the
 * measured WASM SIMD peak (FLOPs counted from the architecture, on the padded batch ORT executes).
 */
import { MINILM } from '../../scripts/models/specs';
import { benchText, sentencesOfLength } from '../data/text';
import { figure, type Figure } from '../figure';
import { bertFlopsPerToken } from '../model-costs';
import type { EmbeddingPageApi } from '../pages/embedding';
import type { EmbedDtype } from '../pages/embedding.worker';
import type { Plot } from '../report/plot';
import { median } from '../stats';
import type { Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, requireMirrorFiles } from './models';

const NAME = 'embedding';

interface Run {
  threads: number;
  dtype: EmbedDtype;
  batch: number;
  ms: number[];
  real: number;
  padded: number;
  seqLen: number;
}

const label = (r: Pick<Run, 'dtype' | 'batch' | 'threads'>) => `${r.dtype}, batch ${r.batch}, ${r.threads} thread${r.threads > 1 ? 's' : ''}`;

export const embeddingSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'MiniLM twin via transformers.js WASM: threads × dtype × batch; sentences/s, tokens/s, GFLOP/s vs peak',
  async run(ctx) {
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, 'The all-MiniLM-L6-v2 twin');
    const threadsList = ctx.quick ? [2] : [1, 2];
    const dtypes: EmbedDtype[] = ctx.quick ? ['q8'] : ['fp32', 'q8'];
    const batches = ctx.quick ? [1, 8] : [1, 8, 32];
    const plan = ctx.quick ? { warmup: 1, minReps: 2, maxReps: 2, minMs: 0 } : { warmup: 2, minReps: 5, maxReps: 30, minMs: 2000 };
    const source = benchText(ctx.sharedDir);
    const sentences = sentencesOfLength(source, Math.max(...batches), 18, 28);
    if (sentences.length < Math.max(...batches)) throw new Error(`Only ${sentences.length} sentences of 18–28 words in ${source.name}`);

    const peaks = await ctx.peaks();
    const env = await ctx.browser();
    const runs: Run[] = [];
    const notes: string[] = [`sentences: ${source.name}, 18–28 words each`];
    for (const threads of threadsList) {
      const page = await env.openPage<EmbeddingPageApi>('embedding');
      try {
        await page.call('configure', threads);
        for (const dtype of dtypes) {
          const loadMs = await page.call('load', dtype);
          notes.push(`${dtype} model load with ${threads} thread(s): ${(loadMs / 1000).toFixed(2)} s (download from the local mirror + session creation)`);
          for (const batch of batches) {
            const texts = sentences.slice(0, batch);
            const counts = await page.call('tokenCounts', dtype, texts);
            const ms = await page.call('time', dtype, texts, plan);
            runs.push({ threads, dtype, batch, ms, ...counts });
            ctx.log(`  ${label({ threads, dtype, batch })}: ${((batch * 1000) / median(ms)).toFixed(1)} sentences/s`);
          }
        }
      } finally {
        await page.close();
      }
    }

    const find = (t: number, d: EmbedDtype, b: number) => runs.find((r) => r.threads === t && r.dtype === d && r.batch === b);
    const rate = (r: Run, units: number) => r.ms.map((ms) => (units * 1000) / ms);
    const figures: Figure[] = [];
    for (const r of runs) {
      const oneThread = r.threads > 1 ? find(1, r.dtype, r.batch) : undefined;
      const fp32 = r.threads === 1 && r.dtype !== 'fp32' ? find(1, 'fp32', r.batch) : undefined;
      const base = oneThread ?? fp32;
      figures.push(
        figure(NAME, {
          name: `sentences/s, ${label(r)}`,
          unit: 'sentences/s',
          samples: rate(r, r.batch),
          better: 'higher',
          ...(base ? { baseline: { name: oneThread ? '1 thread' : 'fp32', value: median(rate(base, base.batch)), kind: 'measured' as const } } : {}),
        }),
      );
    }
    for (const r of runs) {
      // What the tokens/s would be if every executed FLOP ran at the measured peak.
      const ceiling = (peaks.gflops(r.threads) * 1e9 * (r.real / r.padded)) / bertFlopsPerToken(MINILM.shape, r.seqLen);
      figures.push(
        figure(NAME, {
          name: `tokens/s, ${label(r)}`,
          unit: 'tokens/s',
          samples: rate(r, r.real),
          better: 'higher',
          baseline: { name: 'WASM SIMD peak ÷ FLOPs/token', value: ceiling, kind: 'ceiling' },
          note: `${r.real} real tokens, padded to ${r.padded} (${r.batch}×${r.seqLen})`,
        }),
      );
    }
    const biggest = Math.max(...batches);
    for (const r of runs.filter((x) => x.batch === biggest)) {
      const flops = r.padded * bertFlopsPerToken(MINILM.shape, r.seqLen);
      figures.push(
        figure(NAME, {
          name: `achieved GFLOP/s, ${label(r)}`,
          unit: 'GFLOP/s',
          samples: r.ms.map((ms) => flops / (ms * 1e6)),
          better: 'higher',
          baseline: { name: `WASM SIMD peak, ${r.threads} thread(s)`, value: peaks.gflops(r.threads), kind: 'ceiling' },
          note: r.dtype === 'q8' ? 'q8 runs int8 matmuls; compared with the f32 peak all the same' : undefined,
        }),
      );
    }
    const seqLen = runs.find((r) => r.batch === biggest)?.seqLen ?? 32;
    figures.push(
      figure(NAME, {
        name: `MiniLM FLOPs per token at sequence length ${seqLen}`,
        unit: 'MFLOP',
        samples: [bertFlopsPerToken(MINILM.shape, seqLen) / 1e6],
        better: 'lower',
        note: '6 layers × 2 × (4·384² + 2·384·1536 + 2·L·384), from the architecture',
      }),
    );

    const plot: Plot = {
      file: 'embedding-throughput.svg',
      title: 'MiniLM twin embedding throughput vs batch size (WASM)',
      xLabel: 'batch size (sentences)',
      yLabel: 'sentences / s (median)',
      xLog: true,
      yLog: true,
      series: threadsList.flatMap((t) =>
        dtypes.map((d) => ({
          name: `${d}, ${t} thread${t > 1 ? 's' : ''}`,
          points: runs.filter((r) => r.threads === t && r.dtype === d).map((r): [number, number] => [r.batch, median(rate(r, r.batch))]),
        })),
      ),
    };
    return { figures, plots: [plot], notes };
  },
};
