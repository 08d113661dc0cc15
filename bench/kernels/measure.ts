/**
 * Runs the kernels and times them; the same code runs in Node (unit test) and in a browser worker.
 * V8 first runs WASM in its baseline tier, so each kernel is warmed up until the optimizing tier
 * has taken over, then timed over several fixed-length calls.
 */
import { FLOPS_PER_ITER, fmaModuleBytes, SUM_STRIDE, sumModuleBytes, type FmaVariant } from './kernels';

export interface KernelSamples {
  /** One rate per timed call (GFLOP/s or GB/s). */
  rates: number[];
  checksum: number;
}

const now = () => performance.now();

async function instantiate(bytes: Uint8Array<ArrayBuffer>): Promise<WebAssembly.Instance> {
  const { instance } = await WebAssembly.instantiate(bytes);
  return instance;
}

/** Call `run(units)` with a size calibrated to ~`callMs`, after `warmupMs` of warm-up; rates = units/ms scaled. */
async function timeCalls(run: (units: number) => number, perUnit: number, opts: { warmupMs: number; callMs: number; calls: number }): Promise<KernelSamples> {
  let units = 1;
  let checksum = 0;
  const warmEnd = now() + opts.warmupMs;
  // Grow the call size until one call takes a measurable time, and keep calling until warm.
  for (;;) {
    const t0 = now();
    checksum += run(units);
    const dt = now() - t0;
    if (dt < opts.callMs / 4) units *= 2;
    if (now() > warmEnd && dt >= opts.callMs / 4) break;
    // Let the background optimizing compile land between calls.
    await new Promise((r) => setTimeout(r, 0));
  }
  const t0 = now();
  checksum += run(units);
  const perCall = now() - t0;
  units = Math.max(1, Math.round((units * opts.callMs) / Math.max(perCall, 0.01)));
  const rates: number[] = [];
  for (let i = 0; i < opts.calls; i++) {
    const t = now();
    checksum += run(units);
    const ms = now() - t;
    rates.push((units * perUnit) / (ms * 1e6));
  }
  return { rates, checksum };
}

export interface TimingOptions {
  warmupMs: number;
  callMs: number;
  calls: number;
}

/** GFLOP/s of the register-resident multiply-add kernel. */
export async function measureFlops(variant: FmaVariant, opts: TimingOptions): Promise<KernelSamples> {
  const fma = (await instantiate(fmaModuleBytes(variant))).exports.fma as (iters: number) => number;
  return timeCalls((iters) => fma(iters), FLOPS_PER_ITER, opts);
}

/** GB/s of streaming reads over a buffer of `bufferBytes` (make it far larger than the caches). */
export async function measureBandwidth(bufferBytes: number, opts: TimingOptions): Promise<KernelSamples> {
  const bytes = Math.ceil(bufferBytes / SUM_STRIDE) * SUM_STRIDE;
  const instance = await instantiate(sumModuleBytes(bytes));
  const memory = instance.exports.memory as WebAssembly.Memory;
  // Touch every page first, so page faults are not timed.
  new Uint8Array(memory.buffer, 0, bytes).fill(1);
  const sum = instance.exports.sum as (ptr: number, end: number, reps: number) => number;
  return timeCalls((reps) => sum(0, bytes, reps), bytes, opts);
}
