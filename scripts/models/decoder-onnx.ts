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
import { attention, causalMaskBias, rmsNorm } from './decoder-blocks.ts';
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
  const norm = (x: string, name: string) => rmsNorm(g, x, name, W(name, s.hidden), s.rmsEps);

  const embed = ops.embedding(g, 'model.embed_tokens', W('model.embed_tokens.weight', s.vocabSize * s.hidden), [s.vocabSize, s.hidden], 'input_ids');
  let hidden = embed.rows;
  const att = attention(g, { heads: s.heads, kvHeads: s.kvHeads, headDim: hd, ropeTheta: s.ropeTheta, maskBias: causalMaskBias(g) });
  const mats = new Map(layerMatrices(s).map((m) => [m.name, m.dims]));
  const linear = (x: string, p: string, m: string) => {
    const dims = mats.get(m)!;
    const name = `${p}.${m}`;
    const bias = s.qkvBias && /[qkv]_proj$/.test(m) ? W(`${name}.bias`, dims[1]) : undefined;
    return ops.linear(g, x, name, W(`${name}.weight`, dims[0] * dims[1]), dims, bias);
  };

  for (let l = 0; l < s.layers; l++) {
    const p = `model.layers.${l}`;
    const x = norm(hidden, `${p}.input_layernorm.weight`);
    const q = att.rotary(att.splitHeads(linear(x, p, 'self_attn.q_proj'), s.heads));
    const k = att.rotary(att.splitHeads(linear(x, p, 'self_attn.k_proj'), s.kvHeads));
    const v = att.splitHeads(linear(x, p, 'self_attn.v_proj'), s.kvHeads);
    const keys = g.op('Concat', [DECODER_IO.past(l, 'key'), k], [attr.i('axis', 2)], DECODER_IO.present(l, 'key'));
    const values = g.op('Concat', [DECODER_IO.past(l, 'value'), v], [attr.i('axis', 2)], DECODER_IO.present(l, 'value'));
    hidden = g.op('Add', [hidden, linear(att.attend(q, keys, values), p, 'self_attn.o_proj')]);

    const y = norm(hidden, `${p}.post_attention_layernorm.weight`);
    const gate = linear(y, p, 'mlp.gate_proj');
    const act = g.op('Mul', [gate, g.op('Sigmoid', [gate])]);
    hidden = g.op('Add', [hidden, linear(g.op('Mul', [act, linear(y, p, 'mlp.up_proj')]), p, 'mlp.down_proj')]);
  }
  const last = norm(hidden, 'model.norm.weight');
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
