/**
 * LFM2 as an ONNX graph in the layout of the onnx-community exports transformers.js loads
 * (Lfm2ForCausalLM): inputs input_ids, attention_mask, position_ids, then per block either
 * past_conv.{i} [batch, hidden, conv_L_cache] (a short-convolution block) or
 * past_key_values.{i}.key/value [batch, kv_heads, past, head_dim] (an attention block); outputs
 * logits (every position) and present_conv.{i} / present.{i}.key/value, as transformers.js'
 * getCacheNames lists them for model_type "lfm2". Names follow transformers' Lfm2 modules.
 *  - short convolution: in_proj to 3 × hidden, split into B, C, x; B·x is appended to the cached
 *    last 3 positions, a depthwise Conv (kernel 3, group = hidden) reads the window, the output is C ·
 *    conv, then out_proj; the last 3 positions of the window are the new conv cache.
 *  - attention: q/k/v projections, RMSNorm of each query and key head (q_layernorm, k_layernorm),
 *    rotary, grouped-query attention, out_proj.
 *  - every block: operator_norm before the mixer, ffn_norm before the SwiGLU (w1 gate, w3 up, w2 down);
 *    embedding_norm after the last block; the output matrix is the embedding table (tied).
 * Weight maths is delegated to `DecoderOps` (the q4 file: MatMulNBits, the table fp32 through a Transpose).
 */
import { attention, causalMaskBias, rmsNorm } from './decoder-blocks.ts';
import { DECODER_IO, decoderWeight } from './decoder-onnx.ts';
import type { DecoderOps } from './decoder-quant-ops.ts';
import type { Lfm2Shape } from './lfm2-spec.ts';
import { attr, GraphBuilder } from './onnx-graph.ts';

export const LFM2_IO = {
  pastConv: (l: number) => `past_conv.${l}`,
  presentConv: (l: number) => `present_conv.${l}`,
} as const;

/** Projection matrices of one block as [in, out], by module name. */
export function lfm2BlockMatrices(s: Lfm2Shape, block: number): { name: string; dims: [number, number] }[] {
  const E = s.embedding;
  const kv = (E / s.heads) * s.kvHeads;
  const mixer: { name: string; dims: [number, number] }[] = s.attentionBlocks.includes(block)
    ? [
      { name: 'self_attn.q_proj', dims: [E, E] },
      { name: 'self_attn.k_proj', dims: [E, kv] },
      { name: 'self_attn.v_proj', dims: [E, kv] },
      { name: 'self_attn.out_proj', dims: [E, E] },
    ]
    : [{ name: 'conv.in_proj', dims: [E, 3 * E] }, { name: 'conv.out_proj', dims: [E, E] }];
  return [
    ...mixer,
    { name: 'feed_forward.w1', dims: [E, s.feedForward] },
    { name: 'feed_forward.w3', dims: [E, s.feedForward] },
    { name: 'feed_forward.w2', dims: [s.feedForward, E] },
  ];
}

export function buildLfm2Graph(s: Lfm2Shape, seed: string, ops: DecoderOps): GraphBuilder {
  const g = new GraphBuilder();
  const E = s.embedding;
  const hd = E / s.heads;
  const { batch, seq, past, total } = DECODER_IO.dims;
  const isAttention = (l: number) => s.attentionBlocks.includes(l);
  g.io('input', 'input_ids', 'INT64', [batch, seq]);
  g.io('input', 'attention_mask', 'INT64', [batch, total]);
  g.io('input', 'position_ids', 'INT64', [batch, seq]);
  for (let l = 0; l < s.blockCount; l++) {
    if (isAttention(l)) for (const kind of ['key', 'value'] as const) g.io('input', DECODER_IO.past(l, kind), 'FLOAT', [batch, s.kvHeads, past, hd]);
    else g.io('input', LFM2_IO.pastConv(l), 'FLOAT', [batch, E, s.convCache]);
  }
  const W = (name: string, size: number) => decoderWeight(seed, name, size);
  const norm = (x: string, name: string, size = E) => rmsNorm(g, x, name, W(name, size), s.rmsEps);
  const linear = (x: string, p: string, m: { name: string; dims: [number, number] }) =>
    ops.linear(g, x, `${p}.${m.name}`, W(`${p}.${m.name}.weight`, m.dims[0] * m.dims[1]), m.dims);

  const embed = ops.embedding(g, 'model.embed_tokens', W('model.embed_tokens.weight', s.vocabSize * E), [s.vocabSize, E], 'input_ids');
  let hidden = embed.rows;
  const att = attention(g, { heads: s.heads, kvHeads: s.kvHeads, headDim: hd, ropeTheta: s.ropeTheta, maskBias: causalMaskBias(g) });
  const toEnd = (x: string, from: number) => g.op('Slice', [x, g.int64([from]), g.int64([Number.MAX_SAFE_INTEGER]), g.int64([2])]);
  const transpose = (x: string) => g.op('Transpose', [x], [attr.ints('perm', [0, 2, 1])]);

  for (let l = 0; l < s.blockCount; l++) {
    const p = `model.layers.${l}`;
    const matrices = new Map(lfm2BlockMatrices(s, l).map((m) => [m.name, m]));
    const proj = (input: string, name: string) => linear(input, p, matrices.get(name)!);
    const x = norm(hidden, `${p}.operator_norm.weight`);
    let mixed: string;
    if (isAttention(l)) {
      const q = att.rotary(norm(att.splitHeads(proj(x, 'self_attn.q_proj'), s.heads), `${p}.self_attn.q_layernorm.weight`, hd));
      const k = att.rotary(norm(att.splitHeads(proj(x, 'self_attn.k_proj'), s.kvHeads), `${p}.self_attn.k_layernorm.weight`, hd));
      const v = att.splitHeads(proj(x, 'self_attn.v_proj'), s.kvHeads);
      const keys = g.op('Concat', [DECODER_IO.past(l, 'key'), k], [attr.i('axis', 2)], DECODER_IO.present(l, 'key'));
      const values = g.op('Concat', [DECODER_IO.past(l, 'value'), v], [attr.i('axis', 2)], DECODER_IO.present(l, 'value'));
      mixed = proj(att.attend(q, keys, values), 'self_attn.out_proj');
    } else {
      const [b, c, xs] = g.multi('Split', [transpose(proj(x, 'conv.in_proj')), g.int64([E, E, E])], [`${p}.conv.B`, `${p}.conv.C`, `${p}.conv.x`], [attr.i('axis', 1)]);
      const window = g.op('Concat', [LFM2_IO.pastConv(l), g.op('Mul', [b!, xs!])], [attr.i('axis', 2)]);
      g.op('Identity', [toEnd(window, -s.convCache)], [], LFM2_IO.presentConv(l));
      const kernel = g.init(`${p}.conv.conv.weight`, 'FLOAT', [E, 1, s.convCache], W(`${p}.conv.conv.weight`, E * s.convCache));
      const conv = toEnd(g.op('Conv', [window, kernel], [attr.i('group', E), attr.ints('kernel_shape', [s.convCache])]), 1);
      mixed = proj(transpose(g.op('Mul', [c!, conv])), 'conv.out_proj');
    }
    hidden = g.op('Add', [hidden, mixed]);
    const y = norm(hidden, `${p}.ffn_norm.weight`);
    const gate = proj(y, 'feed_forward.w1');
    const act = g.op('Mul', [gate, g.op('Sigmoid', [gate])]);
    hidden = g.op('Add', [hidden, proj(g.op('Mul', [act, proj(y, 'feed_forward.w3')]), 'feed_forward.w2')]);
  }
  const last = norm(hidden, 'model.embedding_norm.weight');
  g.op('Identity', [ops.sharedHead(g, last, embed.stored)], [], 'logits');
  g.io('output', 'logits', 'FLOAT', [batch, seq, s.vocabSize]);
  for (let l = 0; l < s.blockCount; l++) {
    if (isAttention(l)) for (const kind of ['key', 'value'] as const) g.io('output', DECODER_IO.present(l, kind), 'FLOAT', [batch, s.kvHeads, total, hd]);
    else g.io('output', LFM2_IO.presentConv(l), 'FLOAT', [batch, E, s.convCache]);
  }
  return g;
}
