/**
 * The two machine-peak kernels, hand-assembled:
 * - `fma(iters)`: register-resident f32x4 multiply-add on 12 independent accumulators, so the loop
 *   is bound by SIMD throughput, not latency or memory: the WASM SIMD GFLOP/s ceiling.
 * - `sum(ptr, end, reps)`: streams a buffer with 16-byte loads into 4 accumulators: the read
 *   bandwidth a WASM kernel can get (what an LLM's decode step needs to stream its weights).
 */
import { encodeModule, I32, op, V128, F32, type FuncDef } from '../../src/lib/core/wasm/encoder';

export const FMA_ACCUMULATORS = 12;
export const FMA_UNROLL = 4;
/** f32 operations per call of fma(1): accumulators × unroll × 4 lanes × (multiply + add). */
export const FLOPS_PER_ITER = FMA_ACCUMULATORS * FMA_UNROLL * 4 * 2;
/** Bytes read per inner iteration of sum(). */
export const SUM_STRIDE = 128;

export type FmaVariant = 'mul-add' | 'relaxed-madd';

function fmaFunc(variant: FmaVariant): FuncDef {
  const iters = 0;
  const acc = (k: number) => 1 + k;
  const m = 1 + FMA_ACCUMULATORS;
  const c = m + 1;
  const body: number[] = [];
  for (let k = 0; k < FMA_ACCUMULATORS; k++) body.push(...op.f32Const(0.5 + k * 0.01), ...op.f32x4Splat, ...op.localSet(acc(k)));
  body.push(...op.f32Const(0.9999), ...op.f32x4Splat, ...op.localSet(m));
  body.push(...op.f32Const(0.0001), ...op.f32x4Splat, ...op.localSet(c));
  body.push(...op.loop);
  for (let u = 0; u < FMA_UNROLL; u++) {
    for (let k = 0; k < FMA_ACCUMULATORS; k++) {
      body.push(...op.localGet(acc(k)), ...op.localGet(m));
      if (variant === 'relaxed-madd') body.push(...op.localGet(c), ...op.f32x4RelaxedMadd);
      else body.push(...op.f32x4Mul, ...op.localGet(c), ...op.f32x4Add);
      body.push(...op.localSet(acc(k)));
    }
  }
  body.push(...op.localGet(iters), ...op.i32Const(1), ...op.i32Sub, ...op.localTee(iters), ...op.brIf(0), ...op.end);
  // Reduce, so the work cannot be optimized away.
  body.push(...op.localGet(acc(0)));
  for (let k = 1; k < FMA_ACCUMULATORS; k++) body.push(...op.localGet(acc(k)), ...op.f32x4Add);
  body.push(...op.localTee(acc(0)), ...op.f32x4ExtractLane(0));
  for (let lane = 1; lane < 4; lane++) body.push(...op.localGet(acc(0)), ...op.f32x4ExtractLane(lane), ...op.f32Add);
  return { name: 'fma', params: [I32], results: [F32], locals: [[FMA_ACCUMULATORS + 2, V128]], body };
}

function sumFunc(): FuncDef {
  const [ptr, end, reps] = [0, 1, 2];
  const acc = (k: number) => 3 + k;
  const p = 7;
  const body: number[] = [...op.loop, ...op.localGet(ptr), ...op.localSet(p), ...op.loop];
  for (let i = 0; i < SUM_STRIDE / 16; i++) {
    const k = i % 4;
    body.push(...op.localGet(acc(k)), ...op.localGet(p), ...op.v128Load(i * 16), ...op.i32x4Add, ...op.localSet(acc(k)));
  }
  body.push(...op.localGet(p), ...op.i32Const(SUM_STRIDE), ...op.i32Add, ...op.localTee(p), ...op.localGet(end), ...op.i32LtU, ...op.brIf(0), ...op.end);
  body.push(...op.localGet(reps), ...op.i32Const(1), ...op.i32Sub, ...op.localTee(reps), ...op.brIf(0), ...op.end);
  body.push(...op.localGet(acc(0)), ...op.localGet(acc(1)), ...op.i32x4Add, ...op.localGet(acc(2)), ...op.i32x4Add, ...op.localGet(acc(3)), ...op.i32x4Add);
  body.push(...op.localTee(acc(0)), ...op.i32x4ExtractLane(0));
  for (let lane = 1; lane < 4; lane++) body.push(...op.localGet(acc(0)), ...op.i32x4ExtractLane(lane), ...op.i32Add);
  return { name: 'sum', params: [I32, I32, I32], results: [I32], locals: [[4, V128], [1, I32]], body };
}

export function fmaModuleBytes(variant: FmaVariant): Uint8Array<ArrayBuffer> {
  return encodeModule({ funcs: [fmaFunc(variant)] });
}

/** A module whose memory holds `bufferBytes` (rounded up to whole strides) for sum() to stream. */
export function sumModuleBytes(bufferBytes: number): Uint8Array<ArrayBuffer> {
  return encodeModule({ funcs: [sumFunc()], memoryPages: Math.ceil(bufferBytes / 65536) + 1 });
}
