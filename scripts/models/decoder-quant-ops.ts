/**
 * The two weight formats of transformers.js' decoder exports, written the way its conversion script
 * (scripts/quantize.py) makes them with ONNX Runtime's quantizers:
 *  - q4 (model_q4.onnx): MatMul4BitsQuantizer, block_size 32, is_symmetric, no accuracy_level — every
 *    MatMul with a constant weight becomes com.microsoft MatMulNBits (uint8 blobs [N, K/32, 16], one
 *    float scale per block, no zero points: 8 is implied); Gather tables stay fp32.
 *  - q8 (model_quantized.onnx): ONNXQuantizer IntegerOps, dynamic, per-tensor (per_channel and
 *    reduce_range unset), QInt8 weights (no Conv in the graph): DynamicQuantizeLinear on the
 *    activation, MatMulInteger, Cast, Mul by both scales; Gather tables int8 with DequantizeLinear.
 * The output matrix shared with the embedding table (Qwen2.5's export) is the table through a
 * Transpose node: fp32 in the q4 file, int8 in the q8 file.
 */
import type { GraphBuilder } from './onnx-graph.ts';
import { attr } from './onnx-graph.ts';

const fr = Math.fround;
const BLOCK = 32;

export interface DecoderOps {
  /** x · W (+ b), W stored [in, out] as `name`.weight. */
  linear(g: GraphBuilder, x: string, name: string, w: Float32Array, dims: [number, number], bias?: Float32Array): string;
  /** Rows of the table picked by `ids`; returns the rows and the table's stored initializer names. */
  embedding(g: GraphBuilder, name: string, table: Float32Array, dims: [number, number], ids: string): { rows: string; stored: StoredTable };
  /** x · tableᵀ through a Transpose of the stored table (tied output matrix). */
  sharedHead(g: GraphBuilder, x: string, stored: StoredTable): string;
}

export interface StoredTable {
  weight: string;
  scale?: string;
  zeroPoint?: string;
}

/**
 * Symmetric 4-bit blocks along K for each output column n: scale = m / -8 (m the value of largest
 * magnitude), q = clamp(round(w / scale) + 8, 0, 15); byte i of a block holds value 2i low, 2i+1 high.
 */
export function quantizeBlocks4(w: Float32Array, k: number, n: number): { blobs: Uint8Array; scales: Float32Array } {
  if (k % BLOCK !== 0) throw new Error(`K = ${k} is not a multiple of ${BLOCK}`);
  const blocks = k / BLOCK;
  const blobs = new Uint8Array(n * blocks * (BLOCK / 2));
  const scales = new Float32Array(n * blocks);
  for (let col = 0; col < n; col++) {
    for (let b = 0; b < blocks; b++) {
      let m = 0;
      for (let j = 0; j < BLOCK; j++) {
        const v = w[(b * BLOCK + j) * n + col]!;
        if (Math.abs(v) > Math.abs(m)) m = v;
      }
      const scale = fr(m / -8);
      const inv = scale ? 1 / scale : 0;
      scales[col * blocks + b] = scale;
      const base = (col * blocks + b) * (BLOCK / 2);
      for (let j = 0; j < BLOCK; j += 2) {
        const lo = Math.max(0, Math.min(15, Math.round(w[(b * BLOCK + j) * n + col]! * inv) + 8));
        const hi = Math.max(0, Math.min(15, Math.round(w[(b * BLOCK + j + 1) * n + col]! * inv) + 8));
        blobs[base + j / 2] = lo | (hi << 4);
      }
    }
  }
  return { blobs, scales };
}

/** Symmetric per-tensor int8: scale = max|w| / 127, zero point 0. */
export function quantizeTensorInt8(w: Float32Array): { q: Int8Array; scale: number } {
  let absmax = 0;
  for (const v of w) absmax = Math.max(absmax, Math.abs(v));
  const scale = absmax > 0 ? fr(absmax / 127) : 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / scale)));
  return { q, scale };
}

function addBias(g: GraphBuilder, y: string, name: string, bias: Float32Array | undefined): string {
  return bias ? g.op('Add', [y, g.init(`${name}.bias`, 'FLOAT', [bias.length], bias)]) : y;
}

export const q4Ops: DecoderOps = {
  linear(g, x, name, w, [k, n], bias) {
    const { blobs, scales } = quantizeBlocks4(w, k, n);
    const y = g.contrib('MatMulNBits', [
      x,
      g.init(`${name}.weight_Q4`, 'UINT8', [n, k / BLOCK, BLOCK / 2], blobs),
      g.init(`${name}.weight_scales`, 'FLOAT', [n * (k / BLOCK)], scales),
    ], [attr.i('K', k), attr.i('N', n), attr.i('bits', 4), attr.i('block_size', BLOCK)]);
    return addBias(g, y, name, bias);
  },
  embedding(g, name, table, dims, ids) {
    const weight = g.init(`${name}.weight`, 'FLOAT', dims, table);
    return { rows: g.op('Gather', [weight, ids]), stored: { weight } };
  },
  sharedHead(g, x, stored) {
    return g.op('MatMul', [x, g.op('Transpose', [stored.weight], [attr.ints('perm', [1, 0])])]);
  },
};

/** One DynamicQuantizeLinear per activation, shared by the MatMuls that read it (as ORT's quantizer does). */
const dynamic = new WeakMap<GraphBuilder, Map<string, [string, string, string]>>();

function quantizeActivation(g: GraphBuilder, x: string): [string, string, string] {
  let cache = dynamic.get(g);
  if (!cache) dynamic.set(g, (cache = new Map()));
  const hit = cache.get(x);
  if (hit) return hit;
  const outs: [string, string, string] = [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`];
  g.multi('DynamicQuantizeLinear', [x], outs);
  cache.set(x, outs);
  return outs;
}

function integerMatMul(g: GraphBuilder, x: string, weight: string, scale: string, zeroPoint: string): string {
  const [xq, xScale, xZero] = quantizeActivation(g, x);
  const product = g.op('MatMulInteger', [xq, weight, xZero, zeroPoint]);
  return g.op('Mul', [g.op('Cast', [product], [attr.i('to', 1)]), g.op('Mul', [xScale, scale])]);
}

export const q8Ops: DecoderOps = {
  linear(g, x, name, w, dims, bias) {
    const { q, scale } = quantizeTensorInt8(w);
    const y = integerMatMul(
      g, x,
      g.init(`${name}.weight_quantized`, 'INT8', dims, q),
      g.init(`${name}.weight_scale`, 'FLOAT', [], Float32Array.of(scale)),
      g.init(`${name}.weight_zero_point`, 'INT8', [], Int8Array.of(0)),
    );
    return addBias(g, y, name, bias);
  },
  embedding(g, name, table, dims, ids) {
    const { q, scale } = quantizeTensorInt8(table);
    const stored = {
      weight: g.init(`${name}.weight_quantized`, 'INT8', dims, q),
      scale: g.init(`${name}.weight_scale`, 'FLOAT', [], Float32Array.of(scale)),
      zeroPoint: g.init(`${name}.weight_zero_point`, 'INT8', [], Int8Array.of(0)),
    };
    const rows = g.op('DequantizeLinear', [g.op('Gather', [stored.weight, ids]), stored.scale, stored.zeroPoint]);
    return { rows, stored };
  },
  sharedHead(g, x, stored) {
    const transposed = g.op('Transpose', [stored.weight], [attr.ints('perm', [1, 0])]);
    return integerMatMul(g, x, transposed, stored.scale!, stored.zeroPoint!);
  },
};
