/**
 * Machine peaks in Chromium: WASM SIMD GFLOP/s and read bandwidth with 1..N workers running the
 * kernel at the same time. Each worker's i-th timed call overlaps the others' i-th call, so the
 * aggregate rate of call i is the sum over workers.
 */
import type { FmaVariant } from '../kernels/kernels';
import type { TimingOptions } from '../kernels/measure';
import { expose } from './expose';
import { connectWorker } from './worker-rpc';
import type { PeaksWorkerApi } from './peaks.worker';

function spawn(n: number) {
  return Array.from({ length: n }, () => {
    const worker = new Worker(new URL('./peaks.worker.ts', import.meta.url), { type: 'module' });
    return { worker, remote: connectWorker<PeaksWorkerApi>(worker) };
  });
}

async function together(n: number, run: (w: ReturnType<typeof spawn>[number]) => Promise<{ rates: number[] }>): Promise<number[]> {
  const workers = spawn(n);
  try {
    const results = await Promise.all(workers.map(run));
    const calls = Math.min(...results.map((r) => r.rates.length));
    return Array.from({ length: calls }, (_, i) => results.reduce((s, r) => s + (r.rates[i] as number), 0));
  } finally {
    for (const w of workers) w.worker.terminate();
  }
}

const api = {
  /** Aggregate GFLOP/s samples of `workers` concurrent kernels. */
  flops: (variant: FmaVariant, workers: number, opts: TimingOptions) => together(workers, (w) => w.remote.flops(variant, opts)),
  /** Aggregate GB/s samples; each worker streams its own buffer. */
  bandwidth: (bufferBytes: number, workers: number, opts: TimingOptions) => together(workers, (w) => w.remote.bandwidth(bufferBytes, opts)),
};
export type PeaksPageApi = typeof api;

expose(api);
