/**
 * The JSON files beside a decoder's ONNX weights, as the published repos carry them: config.json
 * (transformers' LlamaConfig / Qwen2Config fields), generation_config.json, and a byte-level BPE
 * tokenizer (tokenizer.json in the `tokenizers` format, tokenizer_config.json with the chat template).
 * The vocabulary is the project's generated one (bpe-vocab.ts) at the published size.
 */
import { buildBpeVocab } from './bpe-vocab.ts';
import { headDim, type DecoderTwin } from './decoder-specs.ts';

export interface TokenizerParts {
  /** Token string → id, BPE vocabulary and added tokens alike. */
  ids: Map<string, number>;
  merges: string[];
}

/** The twin's vocabulary: special tokens first (SmolLM2) or after the BPE tokens (Qwen). */
export function decoderVocab(twin: DecoderTwin): TokenizerParts {
  const { specials, where } = twin.tokens;
  const bpe = buildBpeVocab(twin.shape.tokenizerSize - specials.length, []);
  const ordered = where === 'first' ? [...specials, ...bpe.tokens] : [...bpe.tokens, ...specials];
  return { ids: new Map(ordered.map((t, i) => [t, i])), merges: bpe.merges };
}

export function idOf(parts: TokenizerParts, token: string): number {
  const id = parts.ids.get(token);
  if (id === undefined) throw new Error(`token ${token} is not in the vocabulary`);
  return id;
}

/** The tokenizer files need only the chat tokens and the context length. */
export type TokenizerTwin = Pick<DecoderTwin, 'tokens'> & { shape: { maxPositions: number } };

export function tokenizerJson(twin: Pick<DecoderTwin, 'tokens'>, parts: TokenizerParts): object {
  const specials = new Set(twin.tokens.specials);
  const vocab: Record<string, number> = {};
  for (const [token, id] of parts.ids) if (!specials.has(token)) vocab[token] = id;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: twin.tokens.specials.map((content) => ({
      id: idOf(parts, content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges: parts.merges,
    },
  };
}

export function tokenizerConfigJson(twin: TokenizerTwin, parts: TokenizerParts): object {
  const t = twin.tokens;
  const decoder: Record<string, object> = {};
  for (const content of t.specials) {
    decoder[String(idOf(parts, content))] = { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
  }
  return {
    add_bos_token: false,
    add_prefix_space: false,
    added_tokens_decoder: decoder,
    additional_special_tokens: t.specials.filter((s) => s === '<|im_start|>' || s === '<|im_end|>'),
    bos_token: t.bos,
    chat_template: t.chatTemplate,
    clean_up_tokenization_spaces: false,
    eos_token: t.eos,
    errors: 'replace',
    model_max_length: twin.shape.maxPositions,
    pad_token: t.pad,
    split_special_tokens: false,
    tokenizer_class: t.tokenizerClass,
    unk_token: null,
  };
}

export function configJson(twin: DecoderTwin, parts: TokenizerParts): object {
  const s = twin.shape;
  const eos = idOf(parts, twin.tokens.eos);
  const bos = twin.tokens.bos ? idOf(parts, twin.tokens.bos) : idOf(parts, twin.tokens.pad);
  return {
    architectures: [s.arch === 'llama' ? 'LlamaForCausalLM' : 'Qwen2ForCausalLM'],
    attention_bias: s.qkvBias,
    attention_dropout: 0,
    bos_token_id: bos,
    eos_token_id: eos,
    head_dim: headDim(s),
    hidden_act: 'silu',
    hidden_size: s.hidden,
    initializer_range: 0.02,
    intermediate_size: s.intermediate,
    max_position_embeddings: s.maxPositions,
    model_type: s.arch,
    num_attention_heads: s.heads,
    num_hidden_layers: s.layers,
    num_key_value_heads: s.kvHeads,
    pad_token_id: idOf(parts, twin.tokens.pad),
    rms_norm_eps: s.rmsEps,
    rope_scaling: null,
    rope_theta: s.ropeTheta,
    tie_word_embeddings: true,
    torch_dtype: 'bfloat16',
    use_cache: true,
    vocab_size: s.vocabSize,
    hearth_note: twin.note,
  };
}

export function generationConfigJson(twin: DecoderTwin, parts: TokenizerParts): object {
  const eos = twin.tokens.generationEos.map((t) => idOf(parts, t));
  return {
    bos_token_id: twin.tokens.bos ? idOf(parts, twin.tokens.bos) : idOf(parts, twin.tokens.pad),
    eos_token_id: eos.length === 1 ? eos[0] : eos,
    pad_token_id: idOf(parts, twin.tokens.pad),
    do_sample: true,
    temperature: 0.7,
    top_p: 0.8,
    top_k: 20,
    repetition_penalty: 1.05,
  };
}

export const DECODER_JSON_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** Every JSON file of the repo as text. */
export function decoderJsonFiles(twin: DecoderTwin): Map<string, string> {
  const parts = decoderVocab(twin);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return new Map([
    ['config.json', json(configJson(twin, parts))],
    ['generation_config.json', json(generationConfigJson(twin, parts))],
    ['tokenizer.json', json(tokenizerJson(twin, parts))],
    ['tokenizer_config.json', json(tokenizerConfigJson(twin, parts))],
  ]);
}
