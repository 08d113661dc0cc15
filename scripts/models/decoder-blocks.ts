/**
 * Graph pieces the decoder exports share (Llama / Qwen2 in decoder-onnx.ts, LFM2 in lfm2-onnx.ts),
 * written as the traced PyTorch modules come out of an Optimum-style export: RMSNorm as
 * Pow/ReduceMean/Add/Sqrt/Div/Mul, a causal + padding mask bias, rotary embeddings from position_ids
 * (Slice/Neg/Concat rotate_half), heads split by Reshape + Transpose, key/value heads repeated for
 * grouped-query attention (Expand + Reshape, as repeat_kv traces) and softmax attention.
 */
import { attr, type GraphBuilder } from './onnx-graph.ts';

const NEG = -3.4028234663852886e38;

/** x / sqrt(mean(x²) + eps) · weight, over the last axis. */
export function rmsNorm(g: GraphBuilder, x: string, name: string, weight: Float32Array, eps: number): string {
  const variance = g.op('ReduceMean', [g.op('Pow', [x, g.float([2], [])])], [attr.ints('axes', [-1]), attr.i('keepdims', 1)]);
  const normed = g.op('Div', [x, g.op('Sqrt', [g.op('Add', [variance, g.float([eps], [])])])]);
  return g.op('Mul', [normed, g.init(name, 'FLOAT', [weight.length], weight)]);
}

/**
 * Mask bias [batch, 1, seq, total]: a query at absolute position past + i sees keys j <= past + i
 * whose attention_mask is 1; everything else gets the most negative float.
 */
export function causalMaskBias(g: GraphBuilder): string {
  const shapeOf = (x: string, i: number) => g.op('Gather', [g.op('Shape', [x]), g.int64([i], [])], [attr.i('axis', 0)]);
  const totalLen = shapeOf('attention_mask', 1);
  const seqLen = shapeOf('input_ids', 1);
  const queryPos = g.op('Range', [g.op('Sub', [totalLen, seqLen]), totalLen, g.int64([1], [])]);
  const keyPos = g.op('Range', [g.int64([0], []), totalLen, g.int64([1], [])]);
  const causal = g.op('LessOrEqual', [g.op('Unsqueeze', [keyPos, g.int64([0])]), g.op('Unsqueeze', [queryPos, g.int64([1])])]);
  const padding = g.op('Unsqueeze', [g.op('Cast', ['attention_mask'], [attr.i('to', 9)]), g.int64([1, 2])]);
  return g.op('Where', [g.op('And', [causal, padding]), g.float([0], []), g.float([NEG], [])]);
}

export interface Attention {
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Applies rotary embeddings to [batch, heads, seq, head_dim] (tables from position_ids, shared by every layer). */
  rotary(x: string): string;
  splitHeads(x: string, heads: number): string;
  /** Softmax attention of q over the concatenated keys and values; returns [batch, seq, heads · head_dim]. */
  attend(q: string, keys: string, values: string): string;
}

export function attention(g: GraphBuilder, opts: { heads: number; kvHeads: number; headDim: number; ropeTheta: number; maskBias: string }): Attention {
  const { heads, kvHeads, headDim: hd } = opts;
  const invFreq = Float32Array.from({ length: hd / 2 }, (_, i) => 1 / opts.ropeTheta ** ((2 * i) / hd));
  const freqs = g.op('Mul', [g.op('Unsqueeze', [g.op('Cast', ['position_ids'], [attr.i('to', 1)]), g.int64([-1])]), g.init('inv_freq', 'FLOAT', [hd / 2], invFreq)]);
  const angles = g.op('Concat', [freqs, freqs], [attr.i('axis', -1)]);
  const cos = g.op('Unsqueeze', [g.op('Cos', [angles]), g.int64([1])]);
  const sin = g.op('Unsqueeze', [g.op('Sin', [angles]), g.int64([1])]);
  const half = (x: string, from: number, to: number) => g.op('Slice', [x, g.int64([from]), g.int64([to]), g.int64([3])]);
  const repeat = heads / kvHeads;
  const repeatKv = (x: string) =>
    repeat === 1 ? x : g.op('Reshape', [g.op('Expand', [g.op('Unsqueeze', [x, g.int64([2])]), g.int64([1, 1, repeat, 1, 1])]), g.int64([0, heads, -1, hd])]);
  const scale = g.float([1 / Math.sqrt(hd)], []);
  return {
    heads, kvHeads, headDim: hd,
    rotary(x) {
      const rotated = g.op('Concat', [g.op('Neg', [half(x, hd / 2, hd)]), half(x, 0, hd / 2)], [attr.i('axis', -1)]);
      return g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [rotated, sin])]);
    },
    splitHeads(x, n) {
      return g.op('Transpose', [g.op('Reshape', [x, g.int64([0, 0, n, hd])])], [attr.ints('perm', [0, 2, 1, 3])]);
    },
    attend(q, keys, values) {
      const keysT = g.op('Transpose', [repeatKv(keys)], [attr.ints('perm', [0, 1, 3, 2])]);
      const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, keysT]), scale]), opts.maskBias]);
      const context = g.op('MatMul', [g.op('Softmax', [scores], [attr.i('axis', -1)]), repeatKv(values)]);
      return g.op('Reshape', [g.op('Transpose', [context], [attr.ints('perm', [0, 2, 1, 3])]), g.int64([0, 0, heads * hd])]);
    },
  };
}
