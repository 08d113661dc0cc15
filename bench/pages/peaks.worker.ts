/** Runs one machine-peak kernel in a worker, so several can run at once (one per core). */
import { measureBandwidth, measureFlops, type TimingOptions } from '../kernels/measure';
import type { FmaVariant } from '../kernels/kernels';
import { serveWorker } from './worker-rpc';

const api = {
  flops: (variant: FmaVariant, opts: TimingOptions) => measureFlops(variant, opts),
  bandwidth: (bufferBytes: number, opts: TimingOptions) => measureBandwidth(bufferBytes, opts),
};
export type PeaksWorkerApi = typeof api;

serveWorker(api);
