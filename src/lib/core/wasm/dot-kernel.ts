/**
 * The dense-search inner loop in WebAssembly SIMD: one query against every vector of a contiguous
 * array, written as bytes at run time (see encoder.ts) and compiled once per page or worker.
 * - dot_f32: f32x4 multiply + add on four accumulators, 16 floats per step.
 * - dot_i8: int8 vectors × an int16 query with i32x4.dot_i16x8_s (exact integer sums), then one
 *   multiply by the vector's scale and the query's. Reads a quarter of the bytes f32 does.
 * Vectors sit at a fixed stride (padded with zeros to F32_LANES_PER_STEP / I8_LANES_PER_STEP
 * values), so the loops need no tail handling and every load is aligned.
 * Returns null where WebAssembly or its SIMD is missing (or a CSP forbids compiling), and the caller
 * falls back to plain JavaScript.
 */
import { encodeModule, F32, I32, op, V128, type FuncDef } from './encoder';

/** Values per inner-loop step; a vector's stride is its dimension rounded up to these. */
export const F32_LANES_PER_STEP = 16;
export const I8_LANES_PER_STEP = 32;

export interface DotKernel {
  readonly memory: WebAssembly.Memory;
  /** f32 out[s] = Σ data[s·stride + i] · query[i], for s < count. Pointers are byte offsets. */
  dotF32(query: number, data: number, strideBytes: number, count: number, out: number): void;
  /** f32 out[s] = (Σ i8 data · i16 query) · scales[s] · queryScale. */
  dotI8(query: number, data: number, strideBytes: number, count: number, scales: number, queryScale: number, out: number): void;
}

/** out[s] = dot(data[s], q) for s < count; stride is a multiple of 64 bytes. */
function dotF32Func(): FuncDef {
  const [q, data, stride, count, out] = [0, 1, 2, 3, 4];
  const [vend, qi, outEnd] = [5, 6, 7];
  const acc = (k: number) => 8 + k;
  const step: number[] = [];
  for (let k = 0; k < 4; k++) {
    step.push(...op.localGet(acc(k)), ...op.localGet(data), ...op.v128Load(16 * k), ...op.localGet(qi), ...op.v128Load(16 * k));
    step.push(...op.f32x4Mul, ...op.f32x4Add, ...op.localSet(acc(k)));
  }
  const body = [
    ...op.block,
    ...op.localGet(count), ...op.i32Eqz, ...op.brIf(0),
    ...op.localGet(out), ...op.localGet(count), ...op.i32Const(4), ...op.i32Mul, ...op.i32Add, ...op.localSet(outEnd),
    ...op.loop,
    ...[0, 1, 2, 3].flatMap((k) => [...op.v128Zero, ...op.localSet(acc(k))]),
    ...op.localGet(q), ...op.localSet(qi),
    ...op.localGet(data), ...op.localGet(stride), ...op.i32Add, ...op.localSet(vend),
    ...op.loop,
    ...step,
    ...op.localGet(qi), ...op.i32Const(64), ...op.i32Add, ...op.localSet(qi),
    ...op.localGet(data), ...op.i32Const(64), ...op.i32Add, ...op.localTee(data), ...op.localGet(vend), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    // out[s] = horizontal sum of (acc0 + acc1) + (acc2 + acc3)
    ...op.localGet(out),
    ...op.localGet(acc(0)), ...op.localGet(acc(1)), ...op.f32x4Add,
    ...op.localGet(acc(2)), ...op.localGet(acc(3)), ...op.f32x4Add, ...op.f32x4Add, ...op.localTee(acc(0)),
    ...op.f32x4ExtractLane(0), ...op.localGet(acc(0)), ...op.f32x4ExtractLane(1), ...op.f32Add,
    ...op.localGet(acc(0)), ...op.f32x4ExtractLane(2), ...op.localGet(acc(0)), ...op.f32x4ExtractLane(3), ...op.f32Add,
    ...op.f32Add,
    ...op.f32Store(),
    ...op.localGet(out), ...op.i32Const(4), ...op.i32Add, ...op.localTee(out), ...op.localGet(outEnd), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: 'dot_f32', params: [I32, I32, I32, I32, I32], results: [], locals: [[3, I32], [4, V128]], body };
}

/** out[s] = (Σ data[s]·q) · scales[s] · qscale; data int8, q int16, stride a multiple of 32 bytes. */
function dotI8Func(): FuncDef {
  const [q, data, stride, count, scales, qscale, out] = [0, 1, 2, 3, 4, 5, 6];
  const [vend, qi, outEnd] = [7, 8, 9];
  const acc = (k: number) => 10 + k;
  const step: number[] = [];
  for (let k = 0; k < 4; k++) {
    // 8 int8 values sign-extended to i16, times 8 i16 query values, summed pairwise into 4 i32 lanes.
    step.push(...op.localGet(acc(k % 2)), ...op.localGet(data), ...op.v128Load8x8S(8 * k), ...op.localGet(qi), ...op.v128Load(16 * k));
    step.push(...op.i32x4DotI16x8S, ...op.i32x4Add, ...op.localSet(acc(k % 2)));
  }
  const body = [
    ...op.block,
    ...op.localGet(count), ...op.i32Eqz, ...op.brIf(0),
    ...op.localGet(out), ...op.localGet(count), ...op.i32Const(4), ...op.i32Mul, ...op.i32Add, ...op.localSet(outEnd),
    ...op.loop,
    ...op.v128Zero, ...op.localSet(acc(0)), ...op.v128Zero, ...op.localSet(acc(1)),
    ...op.localGet(q), ...op.localSet(qi),
    ...op.localGet(data), ...op.localGet(stride), ...op.i32Add, ...op.localSet(vend),
    ...op.loop,
    ...step,
    ...op.localGet(qi), ...op.i32Const(64), ...op.i32Add, ...op.localSet(qi),
    ...op.localGet(data), ...op.i32Const(32), ...op.i32Add, ...op.localTee(data), ...op.localGet(vend), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.localGet(out),
    ...op.localGet(acc(0)), ...op.localGet(acc(1)), ...op.i32x4Add, ...op.localTee(acc(0)),
    ...op.i32x4ExtractLane(0), ...op.localGet(acc(0)), ...op.i32x4ExtractLane(1), ...op.i32Add,
    ...op.localGet(acc(0)), ...op.i32x4ExtractLane(2), ...op.localGet(acc(0)), ...op.i32x4ExtractLane(3), ...op.i32Add,
    ...op.i32Add,
    ...op.f32ConvertI32S,
    ...op.localGet(scales), ...op.f32Load(), ...op.f32Mul, ...op.localGet(qscale), ...op.f32Mul,
    ...op.f32Store(),
    ...op.localGet(scales), ...op.i32Const(4), ...op.i32Add, ...op.localSet(scales),
    ...op.localGet(out), ...op.i32Const(4), ...op.i32Add, ...op.localTee(out), ...op.localGet(outEnd), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  return { name: 'dot_i8', params: [I32, I32, I32, I32, I32, F32, I32], results: [], locals: [[3, I32], [2, V128]], body };
}

export function dotKernelBytes(): Uint8Array<ArrayBuffer> {
  return encodeModule({ funcs: [dotF32Func(), dotI8Func()], importMemory: true });
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD cannot be used here. Compiled once. */
export function dotKernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = dotKernelBytes();
    // validate() is false when the engine lacks SIMD; compiling may still throw under a strict CSP.
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** A kernel bound to `memory` (which the caller grows), or null to use the JavaScript loops. */
export function instantiateDotKernel(memory: WebAssembly.Memory): DotKernel | null {
  const module = dotKernelModule();
  if (!module) return null;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const exports = instance.exports as {
    dot_f32: DotKernel['dotF32'];
    dot_i8: DotKernel['dotI8'];
  };
  return { memory, dotF32: exports.dot_f32, dotI8: exports.dot_i8 };
}
