/**
 * Embedding documents on WASM vs WebGPU in the same run, each in a worker of its own as in the app:
 * the MiniLM twin's fp32 file (the one the app runs on a GPU, models.json `gpuDtype`) at the app's
 * batch size, passages/s on both, the q8 file on WASM (what a device without a real GPU uses) beside
 * them, and how closely the two devices agree on the same passages (cosine, worst case; the app's
 * tolerance is 0.999), for the twin and for the project's own test embedder.
 *
 * Where the only adapter is a software one (SwiftShader here), WebGPU runs on the CPU: its speed
 * proves the path works, not what a GPU does, and the figure says so.
 */
import { MINILM, TINY_BERT } from '../../scripts/models/specs';
import { DEVICE_AGREEMENT } from '../../src/lib/device/embed-policy';
import { EMBED_BATCH } from '../../workers/retrieval/ingest';
import { benchText, sentencesOfLength } from '../data/text';
import { figure, type Figure } from '../figure';
import type { EmbedDevicesPageApi } from '../pages/embed-devices';
import type { EmbedDevice, EmbedDtype } from '../pages/embedding.worker';
import { median } from '../stats';
import { skip, type Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, requireMirrorFiles } from './models';
import { cosine } from '../../src/lib/core/cosine';

const NAME = 'embedding-device';
const TINY_DIR = `${TINY_BERT.repo}/resolve/main`;

export const embeddingDeviceSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'Documents on WASM vs WebGPU (MiniLM twin fp32, the app batch): passages/s, and cosine agreement of the two',
  async run(ctx) {
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, 'The all-MiniLM-L6-v2 twin');
    requireMirrorFiles(ctx.root, TINY_DIR, ['tokenizer.json', TINY_BERT.onnx], 'The tiny test embedder', 'test');
    const batch = ctx.quick ? 4 : EMBED_BATCH;
    const agreeOn = ctx.quick ? 4 : 2 * EMBED_BATCH;
    const plan = ctx.quick ? { warmup: 1, minReps: 1, maxReps: 1, minMs: 0 } : { warmup: 1, minReps: 3, maxReps: 10, minMs: 3000 };
    const source = benchText(ctx.sharedDir);
    const sentences = sentencesOfLength(source, Math.max(batch, agreeOn), 18, 28);
    if (sentences.length < Math.max(batch, agreeOn)) throw new Error(`Only ${sentences.length} sentences of 18–28 words in ${source.name}`);
    const texts = sentences.slice(0, batch);

    const env = await ctx.browser();
    const page = await env.openPage<EmbedDevicesPageApi>('embed-devices');
    const notes: string[] = [`passages: ${source.name}, 18–28 words each, ${batch} per call (the app's batch)`];
    const figures: Figure[] = [];
    try {
      await page.call('configure', 2);
      const adapter = await page.call('adapter');
      if (!adapter) skip('No WebGPU adapter in this browser (Chromium needs --enable-unsafe-webgpu where WebGPU is not enabled by default)');
      const software = adapter.isFallbackAdapter;
      const tag = software ? ` [software adapter (${adapter.architecture || adapter.vendor}): computes on the CPU, so this proves the path, not GPU speed]` : '';
      notes.push(`WebGPU adapter: ${adapter.vendor} ${adapter.architecture}, isFallbackAdapter ${software}`);

      const rates = new Map<string, number[]>();
      const measure = async (device: EmbedDevice, dtype: EmbedDtype) => {
        const loadMs = await page.call('load', device, dtype);
        notes.push(`MiniLM twin ${dtype} on ${device}: load ${(loadMs / 1000).toFixed(2)} s (local mirror + session creation)`);
        const ms = await page.call('time', device, dtype, texts, plan);
        const samples = ms.map((t) => (batch * 1000) / t);
        rates.set(`${device}/${dtype}`, samples);
        ctx.log(`  ${dtype} on ${device}: ${median(samples).toFixed(1)} passages/s`);
        return samples;
      };
      // Both WASM runs first: the software adapter's own threads may still be busy after a WebGPU run.
      const wasmFp32 = await measure('wasm', 'fp32');
      const wasmQ8 = await measure('wasm', 'q8');
      const gpuFp32 = await measure('webgpu', 'fp32');
      const counts = await page.call('tokenCounts', 'wasm', 'fp32', texts);
      const onWasm = { name: 'WASM fp32, same run', value: median(wasmFp32), kind: 'measured' as const };
      const tokens = `${counts.real} real tokens per call, padded to ${counts.padded}`;
      figures.push(
        figure(NAME, { name: `passages/s, fp32, batch ${batch}, WASM (2 threads)`, unit: 'passages/s', samples: wasmFp32, better: 'higher', note: tokens }),
        figure(NAME, { name: `passages/s, fp32, batch ${batch}, WebGPU${tag}`, unit: 'passages/s', samples: gpuFp32, better: 'higher', baseline: onWasm, note: tokens }),
        figure(NAME, { name: `passages/s, q8, batch ${batch}, WASM (2 threads): documents without a real GPU`, unit: 'passages/s', samples: wasmQ8, better: 'higher', baseline: onWasm, note: tokens }),
      );

      // Agreement: the same passages on both devices, in the app's batches.
      const agreement = async (what: string, dtype: EmbedDtype, repo?: string) => {
        if (repo) for (const device of ['wasm', 'webgpu'] as const) await page.call('load', device, dtype, repo);
        const cosines: number[] = [];
        let largest = 0;
        for (let i = 0; i < agreeOn; i += batch) {
          const chunk = sentences.slice(i, Math.min(i + batch, agreeOn));
          const [a, b] = [await page.call('vectors', 'wasm', dtype, chunk, repo), await page.call('vectors', 'webgpu', dtype, chunk, repo)];
          a.forEach((v, j) => {
            const w = b[j] ?? [];
            cosines.push(cosine(v, w));
            v.forEach((x, k) => (largest = Math.max(largest, Math.abs(x - (w[k] ?? 0)))));
          });
        }
        const worst = Math.min(...cosines);
        ctx.log(`  agreement, ${what}: worst cosine ${worst.toFixed(8)} over ${cosines.length}`);
        // As 1 − cosine, so the table shows how far from identical (a cosine prints as "1").
        figures.push(
          figure(NAME, {
            name: `cosine distance (1 − cos) of WebGPU vs WASM vectors, same passage, worst of ${cosines.length}, ${what}`,
            unit: '',
            samples: [Math.max(0, 1 - worst)],
            better: 'lower',
            baseline: { name: `tolerance (cosine ≥ ${DEVICE_AGREEMENT})`, value: 1 - DEVICE_AGREEMENT, kind: 'target' },
            note: `worst cosine ${worst.toFixed(8)}, median ${median(cosines).toFixed(8)}; largest difference of one component ${largest.toExponential(2)} (float32 rounding)`,
          }),
        );
      };
      await agreement(`MiniLM twin (${MINILM.shape.numLayers} layers × ${MINILM.shape.hiddenSize}) fp32`, 'fp32');
      await agreement('tiny test embedder fp32', 'fp32', TINY_BERT.repo);
    } finally {
      await page.close();
    }
    return { figures, notes };
  },
};
