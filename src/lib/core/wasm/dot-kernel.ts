/**
 * The dense-search inner loop in WebAssembly SIMD: one query against every vector of a contiguous
 * array, written as bytes at run time (see encoder.ts) and compiled once per page or worker.
 * - dot_f32: f32x4 multiply + add on four accumulators, 16 floats per step.
 * - dot_i8: int8 vectors × an int16 query with i32x4.dot_i16x8_s (exact integer sums), then one
 *   multiply by the vector's scale and the query's. Reads a quarter of the bytes f32 does.
 * - dot_f16: IEEE half vectors × an f32 query, 32 halves per step, decoded exactly with integer
 *   shifts and a mask (Wasm 2.0 has no f16 instructions), then f32x4 multiply + add. Reads half
 *   the bytes f32 does.
 * Vectors sit at a fixed stride (padded with zeros to F32_LANES_PER_STEP / I8_LANES_PER_STEP /
 * F16_LANES_PER_STEP values), so the loops need no tail handling and every load is aligned.
 * Returns null where WebAssembly or its SIMD is missing (or a CSP forbids compiling), and the caller
 * falls back to plain JavaScript.
 */
import { encodeModule, F32, I32, op, V128, type FuncDef } from './encoder';

/** Values per inner-loop step; a vector's stride is its dimension rounded up to these. */
export const F32_LANES_PER_STEP = 16;
export const I8_LANES_PER_STEP = 32;
export const F16_LANES_PER_STEP = 32;

/** dot_f16 multiplies by this what it decodes; the caller multiplies the query by it beforehand. */
export const F16_QUERY_SCALE = 2 ** 112;
/** Keeps bit 31 and bits 27…13 of a lane (see dot_f16). */
export const F16_MASK = 0x8fffe000 | 0;

/**
 * Where query element i goes for dot_f16: in each group of eight, the even elements first, then the
 * odd ones (the order the kernel decodes a v128 of halves in).
 */
export function f16QueryPosition(i: number): number {
  const r = i & 7;
  return (i & ~7) + (r >> 1) + (r & 1) * 4;
}

export interface DotKernel {
  readonly memory: WebAssembly.Memory;
  /** f32 out[s] = Σ data[s·stride + i] · query[i], for s < count. Pointers are byte offsets. */
  dotF32(query: number, data: number, strideBytes: number, count: number, out: number): void;
  /** f32 out[s] = (Σ i8 data · i16 query) · scales[s] · queryScale. */
  dotI8(query: number, data: number, strideBytes: number, count: number, scales: number, queryScale: number, out: number): void;
  /**
   * f32 out[s] = Σ f16 data · query: data u16 bits, query f32 × F16_QUERY_SCALE in f16QueryPosition
   * order (finite for |query[i]| < 65504).
   */
  dotF16(query: number, data: number, strideBytes: number, count: number, out: number): void;
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

/**
 * out[s] = Σ f16 data[s] · q; data u16 bits, stride a multiple of 64 bytes; q f32, pre-multiplied by
 * 2^112 and laid out in f16QueryPosition order. Decoding needs no f16 hardware: an i32 lane holding
 * two halves (even element low, odd high) is shifted so a half's top bit lands on bit 28 with copies
 * of it above (arithmetic shift right by 3; the even half first moved up by 16), and F16_MASK keeps
 * the sign at bit 31 and the exponent and mantissa 13 bits up. As an f32 that is exactly the half's
 * value × 2^-112 (zero and subnormals included: the f32 exponent field is the f16 one), so the
 * product with the scaled query is the product of the values. Infinity and NaN decode as finite
 * garbage (they never occur in unit vectors). This pairing takes five integer operations per eight
 * halves, against seven for i32x4.extend_{low,high}_i16x8_s + shl 13, and measured 8% faster.
 * Subnormal halves (|x| < 2^-14, about 0.1% of a 384-d unit vector's components) are f32
 * subnormals here, which the CPU multiplies slowly (~15% of the time at 100k on AMD EPYC).
 */
function dotF16Func(): FuncDef {
  const [q, data, stride, count, out] = [0, 1, 2, 3, 4];
  const [vend, qi, outEnd, mask, h] = [5, 6, 7, 8, 9];
  const acc = (k: number) => 10 + k;
  const step: number[] = [];
  for (let k = 0; k < 4; k++) {
    const [even, odd] = [acc((2 * k) % 4), acc((2 * k + 1) % 4)];
    step.push(...op.localGet(data), ...op.v128Load(16 * k), ...op.localSet(h));
    // Elements 8k, 8k+2, 8k+4, 8k+6 (the low half of each i32 lane) × query floats 8k…8k+3.
    step.push(...op.localGet(even), ...op.localGet(h), ...op.i32Const(16), ...op.i32x4Shl, ...op.i32Const(3), ...op.i32x4ShrS);
    step.push(...op.localGet(mask), ...op.v128And, ...op.localGet(qi), ...op.v128Load(32 * k), ...op.f32x4Mul, ...op.f32x4Add, ...op.localSet(even));
    // Elements 8k+1, 8k+3, 8k+5, 8k+7 (the high half) × query floats 8k+4…8k+7.
    step.push(...op.localGet(odd), ...op.localGet(h), ...op.i32Const(3), ...op.i32x4ShrS);
    step.push(...op.localGet(mask), ...op.v128And, ...op.localGet(qi), ...op.v128Load(32 * k + 16), ...op.f32x4Mul, ...op.f32x4Add, ...op.localSet(odd));
  }
  const body = [
    ...op.block,
    ...op.localGet(count), ...op.i32Eqz, ...op.brIf(0),
    ...op.v128ConstI32x4(F16_MASK), ...op.localSet(mask),
    ...op.localGet(out), ...op.localGet(count), ...op.i32Const(4), ...op.i32Mul, ...op.i32Add, ...op.localSet(outEnd),
    ...op.loop,
    ...[0, 1, 2, 3].flatMap((k) => [...op.v128Zero, ...op.localSet(acc(k))]),
    ...op.localGet(q), ...op.localSet(qi),
    ...op.localGet(data), ...op.localGet(stride), ...op.i32Add, ...op.localSet(vend),
    ...op.loop,
    ...step,
    ...op.localGet(qi), ...op.i32Const(128), ...op.i32Add, ...op.localSet(qi),
    ...op.localGet(data), ...op.i32Const(64), ...op.i32Add, ...op.localTee(data), ...op.localGet(vend), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
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
  return { name: 'dot_f16', params: [I32, I32, I32, I32, I32], results: [], locals: [[3, I32], [6, V128]], body };
}

export function dotKernelBytes(): Uint8Array<ArrayBuffer> {
  return encodeModule({ funcs: [dotF32Func(), dotI8Func(), dotF16Func()], importMemory: true });
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
    dot_f16: DotKernel['dotF16'];
  };
  return { memory, dotF32: exports.dot_f32, dotI8: exports.dot_i8, dotF16: exports.dot_f16 };
}
