/**
 * int8 weights for the BERT graph, in the pattern ONNX Runtime's `quantize_dynamic` produces — the
 * tool transformers.js' conversion script ran (per_channel=True, reduce_range=True, QInt8 weights)
 * to make the published model_quantized.onnx files:
 *  - MatMul with a weight: DynamicQuantizeLinear on the activation (uint8, one per distinct input),
 *    MatMulInteger with int8 weights quantized per output column (7-bit range, symmetric, zero
 *    point 0), Cast to float, Mul by activation-scale × weight-scale, then the original bias Add.
 *  - MatMul of two activations (attention): both sides DynamicQuantizeLinear, MatMulInteger u8×u8.
 *  - Gather of an embedding table: the table stored uint8 (asymmetric, one scale), Gather on the
 *    quantized table, DequantizeLinear after.
 * All of these are CPU-kernel ops that onnxruntime-web's WASM build runs.
 */
import type { BertOps } from './bert-onnx.ts';
import type { GraphBuilder } from './onnx-graph.ts';
import { attr } from './onnx-graph.ts';

const fr = Math.fround;

/** numpy's rint: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Symmetric per-column int8 with reduce_range: q ∈ [-64, 64], scale = max|w| / 64 per column. */
export function quantizePerColumnInt8(w: Float32Array, rows: number, cols: number) {
  const scales = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    let absmax = 0;
    for (let r = 0; r < rows; r++) absmax = Math.max(absmax, Math.abs(w[r * cols + c]!));
    scales[c] = absmax > 0 ? fr(fr(2 * absmax) / 128) : 1;
  }
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      q[r * cols + c] = Math.max(-64, Math.min(64, roundHalfEven(w[r * cols + c]! / scales[c]!)));
    }
  }
  return { q, scales, zeroPoints: new Int8Array(cols) };
}

/** Asymmetric per-tensor uint8 (the range always includes 0, as ORT does). */
export function quantizeTensorUint8(x: Float32Array) {
  let min = 0;
  let max = 0;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = max > min ? fr((max - min) / 255) : 1;
  const zeroPoint = Math.max(0, Math.min(255, roundHalfEven(-min / scale)));
  const q = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) q[i] = Math.max(0, Math.min(255, roundHalfEven(x[i]! / scale) + zeroPoint));
  return { q, scale, zeroPoint };
}

/** One DynamicQuantizeLinear per activation, shared by every MatMul that reads it (as ORT does). */
const dynamicQuantized = new WeakMap<GraphBuilder, Map<string, [string, string, string]>>();

function dynamicQuantize(g: GraphBuilder, x: string): [string, string, string] {
  let cache = dynamicQuantized.get(g);
  if (!cache) dynamicQuantized.set(g, (cache = new Map()));
  const hit = cache.get(x);
  if (hit) return hit;
  const outs: [string, string, string] = [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`];
  g.multi('DynamicQuantizeLinear', [x], outs);
  cache.set(x, outs);
  return outs;
}

/** MatMulInteger → Cast → Mul(scaleA × scaleB): the float product of two quantized operands. */
function integerProduct(g: GraphBuilder, a: [string, string, string], b: [string, string, string]): string {
  const product = g.op('MatMulInteger', [a[0], b[0], a[2], b[2]]);
  const asFloat = g.op('Cast', [product], [attr.i('to', 1)]);
  return g.op('Mul', [asFloat, g.op('Mul', [a[1], b[1]])]);
}

export const int8Ops: BertOps = {
  linear(g, x, prefix, w, [rows, cols], b) {
    const name = `${prefix}.weight`;
    const { q, scales, zeroPoints } = quantizePerColumnInt8(w, rows, cols);
    const weight: [string, string, string] = [
      g.init(`${name}_quantized`, 'INT8', [rows, cols], q),
      g.init(`${name}_scale`, 'FLOAT', [cols], scales),
      g.init(`${name}_zero_point`, 'INT8', [cols], zeroPoints),
    ];
    const y = integerProduct(g, dynamicQuantize(g, x), weight);
    return g.op('Add', [y, g.init(`${prefix}.bias`, 'FLOAT', [cols], b)]);
  },
  embedding(g, name, table, dims, ids) {
    const { q, scale, zeroPoint } = quantizeTensorUint8(table);
    const rows = g.op('Gather', [g.init(`${name}_quantized`, 'UINT8', dims, q), ids]);
    return g.op('DequantizeLinear', [
      rows,
      g.init(`${name}_scale`, 'FLOAT', [], Float32Array.of(scale)),
      g.init(`${name}_zero_point`, 'UINT8', [], Uint8Array.of(zeroPoint)),
    ]);
  },
  matmul(g, a, b) {
    return integerProduct(g, dynamicQuantize(g, a), dynamicQuantize(g, b));
  },
};
