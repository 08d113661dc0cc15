/**
 * A Llama / Qwen2 decoder with a KV cache as an ONNX graph, in the layout of the Optimum exports
 * transformers.js loads ("text-generation-with-past"): inputs input_ids, attention_mask, position_ids
 * and past_key_values.{i}.key/value [batch, kv_heads, past, head_dim]; outputs logits [batch, seq,
 * vocab] (every position, as those exports compute) and present.{i}.key/value. Per layer: RMSNorm as
 * Pow/ReduceMean/Add/Sqrt/Div/Mul, rotary embeddings from position_ids (Slice/Neg/Concat rotate_half),
 * the cache concatenated on the sequence axis, key/value heads repeated for grouped-query attention
 * (Expand + Reshape, as repeat_kv traces), a causal + padding mask, softmax attention, SiLU MLP.
 * Weight maths is delegated to `DecoderOps` (q4 or q8, decoder-quant-ops.ts).
 */
import { q4Ops, q8Ops, type DecoderOps } from './decoder-quant-ops.ts';
import { headDim, layerMatrices, type DecoderShape, type OnnxQuant } from './decoder-specs.ts';
import { attr, GraphBuilder } from './onnx-graph.ts';
import { encodeModel } from './onnx-proto.ts';
import { randomNormal } from './prng.ts';

export const DECODER_IO = {
  dims: { batch: 'batch_size', seq: 'sequence_length', past: 'past_sequence_length', total: 'total_sequence_length' },
  past: (l: number, kind: 'key' | 'value') => `past_key_values.${l}.${kind}`,
  present: (l: number, kind: 'key' | 'value') => `present.${l}.${kind}`,
} as const;

/** Stand-in weights, drawn per tensor from its name: matrices normal(0, 0.02), norms 1, biases 0. */
export function decoderWeight(seed: string, name: string, size: number): Float32Array {
  if (name.endsWith('norm.weight')) return new Float32Array(size).fill(1);
  if (name.endsWith('.bias')) return new Float32Array(size);
  return randomNormal(size, 0.02, seed, name);
}

const NEG = -3.4028234663852886e38;

export function buildDecoderGraph(s: DecoderShape, seed: string, ops: DecoderOps): GraphBuilder {
  const g = new GraphBuilder();
  const hd = headDim(s);
  const { batch, seq, past, total } = DECODER_IO.dims;
  g.io('input', 'input_ids', 'INT64', [batch, seq]);
  g.io('input', 'attention_mask', 'INT64', [batch, total]);
  g.io('input', 'position_ids', 'INT64', [batch, seq]);
  for (let l = 0; l < s.layers; l++) {
    for (const kind of ['key', 'value'] as const) g.io('input', DECODER_IO.past(l, kind), 'FLOAT', [batch, s.kvHeads, past, hd]);
  }
  const W = (name: string, size: number) => decoderWeight(seed, name, size);
  const rmsNorm = (x: string, name: string) => {
    const variance = g.op('ReduceMean', [g.op('Pow', [x, g.float([2], [])])], [attr.ints('axes', [-1]), attr.i('keepdims', 1)]);
    const normed = g.op('Div', [x, g.op('Sqrt', [g.op('Add', [variance, g.float([s.rmsEps], [])])])]);
    return g.op('Mul', [normed, g.init(name, 'FLOAT', [s.hidden], W(name, s.hidden))]);
  };

  const embed = ops.embedding(g, 'model.embed_tokens', W('model.embed_tokens.weight', s.vocabSize * s.hidden), [s.vocabSize, s.hidden], 'input_ids');
  let hidden = embed.rows;

  // Mask bias [batch, 1, seq, total]: a query at absolute position past + i sees keys j <= past + i
  // whose attention_mask is 1; everything else gets the most negative float.
  const shapeOf = (x: string, i: number) => g.op('Gather', [g.op('Shape', [x]), g.int64([i], [])], [attr.i('axis', 0)]);
  const totalLen = shapeOf('attention_mask', 1);
  const seqLen = shapeOf('input_ids', 1);
  const queryPos = g.op('Range', [g.op('Sub', [totalLen, seqLen]), totalLen, g.int64([1], [])]);
  const keyPos = g.op('Range', [g.int64([0], []), totalLen, g.int64([1], [])]);
  const causal = g.op('LessOrEqual', [g.op('Unsqueeze', [keyPos, g.int64([0])]), g.op('Unsqueeze', [queryPos, g.int64([1])])]);
  const padding = g.op('Unsqueeze', [g.op('Cast', ['attention_mask'], [attr.i('to', 9)]), g.int64([1, 2])]);
  const maskBias = g.op('Where', [g.op('And', [causal, padding]), g.float([0], []), g.float([NEG], [])]);

  // Rotary tables from position_ids, shared by every layer: [batch, 1, seq, head_dim].
  const invFreq = Float32Array.from({ length: hd / 2 }, (_, i) => 1 / s.ropeTheta ** ((2 * i) / hd));
  const freqs = g.op('Mul', [g.op('Unsqueeze', [g.op('Cast', ['position_ids'], [attr.i('to', 1)]), g.int64([-1])]), g.init('inv_freq', 'FLOAT', [hd / 2], invFreq)]);
  const angles = g.op('Concat', [freqs, freqs], [attr.i('axis', -1)]);
  const cos = g.op('Unsqueeze', [g.op('Cos', [angles]), g.int64([1])]);
  const sin = g.op('Unsqueeze', [g.op('Sin', [angles]), g.int64([1])]);
  const half = (x: string, from: number, to: number) => g.op('Slice', [x, g.int64([from]), g.int64([to]), g.int64([3])]);
  const rotary = (x: string) => {
    const rotated = g.op('Concat', [g.op('Neg', [half(x, hd / 2, hd)]), half(x, 0, hd / 2)], [attr.i('axis', -1)]);
    return g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [rotated, sin])]);
  };

  const splitHeads = (x: string, heads: number) =>
    g.op('Transpose', [g.op('Reshape', [x, g.int64([0, 0, heads, hd])])], [attr.ints('perm', [0, 2, 1, 3])]);
  const repeat = s.heads / s.kvHeads;
  const repeatKv = (x: string) =>
    repeat === 1 ? x : g.op('Reshape', [g.op('Expand', [g.op('Unsqueeze', [x, g.int64([2])]), g.int64([1, 1, repeat, 1, 1])]), g.int64([0, s.heads, -1, hd])]);
  const scale = g.float([1 / Math.sqrt(hd)], []);
  const mats = new Map(layerMatrices(s).map((m) => [m.name, m.dims]));
  const linear = (x: string, p: string, m: string) => {
    const dims = mats.get(m)!;
    const name = `${p}.${m}`;
    const bias = s.qkvBias && /[qkv]_proj$/.test(m) ? W(`${name}.bias`, dims[1]) : undefined;
    return ops.linear(g, x, name, W(`${name}.weight`, dims[0] * dims[1]), dims, bias);
  };

  for (let l = 0; l < s.layers; l++) {
    const p = `model.layers.${l}`;
    const x = rmsNorm(hidden, `${p}.input_layernorm.weight`);
    const q = rotary(splitHeads(linear(x, p, 'self_attn.q_proj'), s.heads));
    const k = rotary(splitHeads(linear(x, p, 'self_attn.k_proj'), s.kvHeads));
    const v = splitHeads(linear(x, p, 'self_attn.v_proj'), s.kvHeads);
    const keys = g.op('Concat', [DECODER_IO.past(l, 'key'), k], [attr.i('axis', 2)], DECODER_IO.present(l, 'key'));
    const values = g.op('Concat', [DECODER_IO.past(l, 'value'), v], [attr.i('axis', 2)], DECODER_IO.present(l, 'value'));
    const keysT = g.op('Transpose', [repeatKv(keys)], [attr.ints('perm', [0, 1, 3, 2])]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, keysT]), scale]), maskBias]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], [attr.i('axis', -1)]), repeatKv(values)]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], [attr.ints('perm', [0, 2, 1, 3])]), g.int64([0, 0, s.heads * hd])]);
    hidden = g.op('Add', [hidden, linear(merged, p, 'self_attn.o_proj')]);

    const y = rmsNorm(hidden, `${p}.post_attention_layernorm.weight`);
    const gate = linear(y, p, 'mlp.gate_proj');
    const act = g.op('Mul', [gate, g.op('Sigmoid', [gate])]);
    hidden = g.op('Add', [hidden, linear(g.op('Mul', [act, linear(y, p, 'mlp.up_proj')]), p, 'mlp.down_proj')]);
  }
  const last = rmsNorm(hidden, 'model.norm.weight');
  const logits = s.lmHead === 'shared'
    ? ops.sharedHead(g, last, embed.stored)
    : ops.linear(g, last, 'lm_head', W('lm_head.weight', s.hidden * s.vocabSize), [s.hidden, s.vocabSize]);
  g.op('Identity', [logits], [], 'logits');
  g.io('output', 'logits', 'FLOAT', [batch, seq, s.vocabSize]);
  for (let l = 0; l < s.layers; l++) {
    for (const kind of ['key', 'value'] as const) g.io('output', DECODER_IO.present(l, kind), 'FLOAT', [batch, s.kvHeads, total, hd]);
  }
  return g;
}

/** The serialised model file for one quantization. */
export function encodeDecoderModel(s: DecoderShape, seed: string, quant: OnnxQuant, docString: string): Uint8Array {
  const g = buildDecoderGraph(s, seed, quant === 'q4' ? q4Ops : q8Ops);
  return encodeModel(g.model({ name: 'main_graph', opset: 17, producer: 'hearth-make-models', docString }));
}
