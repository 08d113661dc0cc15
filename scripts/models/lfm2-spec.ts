/**
 * LFM2's GGUF shape, as llama.cpp's converter writes LiquidAI/LFM2-700M (its config.json: hidden
 * 1536, 16 blocks of which 6 attention (2, 5, 8, 10, 12, 14) and 10 gated short convolutions with a
 * 3-token cache, 24 heads of 64 with 8 KV heads, feed-forward 10240 auto-adjusted to 6912, 65,536
 * tokens, tied embeddings), and the tensor types llama-quantize gives a Q4_K_M file. Data only, no I/O.
 */
import type { GgmlTypeName } from './ggml-quant.ts';

export interface Lfm2Shape {
  blockCount: number;
  embedding: number;
  heads: number;
  kvHeads: number;
  feedForward: number;
  vocabSize: number;
  contextLength: number;
  /** Blocks that are attention; the others are short convolutions. */
  attentionBlocks: readonly number[];
  convCache: number;
  ropeTheta: number;
  rmsEps: number;
}

export const LFM2_SPECIAL_TOKENS = [
  '<|pad|>', '<|startoftext|>', '<|endoftext|>', '<|fim_pre|>', '<|fim_mid|>', '<|fim_suf|>', '<|im_start|>', '<|im_end|>',
  '<|tool_list_start|>', '<|tool_list_end|>', '<|tool_call_start|>', '<|tool_call_end|>', '<|tool_response_start|>', '<|tool_response_end|>',
];

/** LFM2's ChatML-style template (the model card's, without its tool-list branch). */
export const LFM2_CHAT_TEMPLATE =
  "{{- bos_token -}}{%- for message in messages -%}{{- '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' -}}" +
  "{%- endfor -%}{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\n' -}}{%- endif -%}";

export type Lfm2Quant = 'Q4_K_M' | 'Q8_0';

export const LFM2_700M = {
  repo: 'LiquidAI/LFM2-700M-GGUF',
  seed: 'hearth-lfm2-700m-twin-v1',
  shape: {
    blockCount: 16, embedding: 1536, heads: 24, kvHeads: 8, feedForward: 6912, vocabSize: 65536,
    contextLength: 128000, attentionBlocks: [2, 5, 8, 10, 12, 14], convCache: 3, ropeTheta: 1_000_000, rmsEps: 1e-5,
  } satisfies Lfm2Shape,
  files: { Q4_K_M: 'LFM2-700M-Q4_K_M.gguf', Q8_0: 'LFM2-700M-Q8_0.gguf' } satisfies Record<Lfm2Quant, string>,
  /** The published Q4_K_M file's size (its hub listing), which the twin's must come within 1 % of. */
  publishedBytes: { Q4_K_M: 468_624_320 },
  /** llama_ftype stored in general.file_type. */
  fileType: { Q4_K_M: 15, Q8_0: 7 } satisfies Record<Lfm2Quant, number>,
  tokenizer: { model: 'gpt2', pre: 'lfm2', bos: 1, eos: 7, padding: 0 },
  /** Parameters on the model card: 742M. */
  params: 742_489_344,
} as const;

export interface Lfm2Tensor {
  name: string;
  dims: number[];
  /** The block it belongs to, or -1. */
  block: number;
}

/** Tensor names and ggml-order dims (dims[0] = row length) of an LFM2 GGUF with tied embeddings. */
export function lfm2TensorShapes(s: Lfm2Shape): Lfm2Tensor[] {
  const E = s.embedding;
  const headDim = E / s.heads;
  const kv = headDim * s.kvHeads;
  const out: Lfm2Tensor[] = [{ name: 'token_embd.weight', dims: [E, s.vocabSize], block: -1 }];
  for (let l = 0; l < s.blockCount; l++) {
    const p = `blk.${l}`;
    out.push({ name: `${p}.attn_norm.weight`, dims: [E], block: l });
    if (s.attentionBlocks.includes(l)) {
      out.push(
        { name: `${p}.attn_q.weight`, dims: [E, E], block: l },
        { name: `${p}.attn_k.weight`, dims: [E, kv], block: l },
        { name: `${p}.attn_v.weight`, dims: [E, kv], block: l },
        { name: `${p}.attn_output.weight`, dims: [E, E], block: l },
        { name: `${p}.attn_q_norm.weight`, dims: [headDim], block: l },
        { name: `${p}.attn_k_norm.weight`, dims: [headDim], block: l },
      );
    } else {
      out.push(
        { name: `${p}.shortconv.conv.weight`, dims: [s.convCache, E], block: l },
        { name: `${p}.shortconv.in_proj.weight`, dims: [E, 3 * E], block: l },
        { name: `${p}.shortconv.out_proj.weight`, dims: [E, E], block: l },
      );
    }
    out.push(
      { name: `${p}.ffn_norm.weight`, dims: [E], block: l },
      { name: `${p}.ffn_gate.weight`, dims: [E, s.feedForward], block: l },
      { name: `${p}.ffn_up.weight`, dims: [E, s.feedForward], block: l },
      { name: `${p}.ffn_down.weight`, dims: [s.feedForward, E], block: l },
    );
  }
  out.push({ name: 'token_embd_norm.weight', dims: [E], block: -1 });
  return out;
}

/** llama-quantize's use_more_bits: the first and last eighth of the layers and every third between. */
function useMoreBits(i: number, n: number): boolean {
  const eighth = Math.floor(n / 8);
  return i < eighth || i >= Math.floor((7 * n) / 8) || (i - eighth) % 3 === 2;
}

/**
 * The type each tensor gets. Q4_K_M: the tied token_embd (the output matrix) Q6_K; ffn_down Q6_K in
 * the layers use_more_bits picks, attn_v likewise counted over the attention layers; other matrices
 * Q4_K. Q8_0: every matrix Q8_0. Norms and the 3-tap conv kernels stay F32 in both.
 */
export function lfm2TensorType(t: Lfm2Tensor, s: Lfm2Shape, quant: Lfm2Quant): GgmlTypeName {
  if (t.dims.length === 1 || t.name.endsWith('shortconv.conv.weight')) return 'F32';
  if (quant === 'Q8_0') return 'Q8_0';
  if (t.name === 'token_embd.weight') return 'Q6_K';
  if (t.name.endsWith('ffn_down.weight')) return useMoreBits(t.block, s.blockCount) ? 'Q6_K' : 'Q4_K';
  if (t.name.endsWith('attn_v.weight')) return useMoreBits(s.attentionBlocks.indexOf(t.block), s.attentionBlocks.length) ? 'Q6_K' : 'Q4_K';
  return 'Q4_K';
}

/** Per-block KV head counts: 0 marks a short-convolution block, as the converter writes them. */
export function lfm2HeadCountKv(s: Lfm2Shape): number[] {
  return Array.from({ length: s.blockCount }, (_, l) => (s.attentionBlocks.includes(l) ? s.kvHeads : 0));
}

/** Scalar metadata llama.cpp's converter writes for LFM2 (head_count_kv is the array above). */
export function lfm2ExpectedMetadata(s: Lfm2Shape, quant: Lfm2Quant): Record<string, string | number> {
  return {
    'general.architecture': 'lfm2',
    'lfm2.block_count': s.blockCount,
    'lfm2.context_length': s.contextLength,
    'lfm2.embedding_length': s.embedding,
    'lfm2.feed_forward_length': s.feedForward,
    'lfm2.attention.head_count': s.heads,
    'lfm2.rope.freq_base': s.ropeTheta,
    'lfm2.attention.layer_norm_rms_epsilon': s.rmsEps,
    'lfm2.vocab_size': s.vocabSize,
    'lfm2.shortconv.l_cache': s.convCache,
    'general.file_type': LFM2_700M.fileType[quant],
    'tokenizer.ggml.model': LFM2_700M.tokenizer.model,
    'tokenizer.ggml.pre': LFM2_700M.tokenizer.pre,
    'tokenizer.ggml.bos_token_id': LFM2_700M.tokenizer.bos,
    'tokenizer.ggml.eos_token_id': LFM2_700M.tokenizer.eos,
  };
}
