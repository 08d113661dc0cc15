/**
 * A tiny GGUF chat model for one spec: the llama architecture with random weights (meaningless
 * output, a few hundred kB), a byte-level BPE vocabulary that holds a chat family's control tokens,
 * and that family's real chat template in `tokenizer.chat_template`, so llama.cpp (in wllama)
 * renders Hearth's prompt through it exactly as it would for the published model.
 */
import { buildBpeVocab } from '../../scripts/models/bpe-vocab.ts';
import { encodeTensor, GGML_TYPE } from '../../scripts/models/ggml-quant.ts';
import { kv } from '../../scripts/models/gguf-format.ts';
import { GgufFileWriter } from '../../scripts/models/gguf-writer.ts';
import { randomNormal } from '../../scripts/models/prng.ts';
import { llamaTensorShapes, type LlamaShape } from '../../scripts/models/specs.ts';

const SHAPE: LlamaShape = { blockCount: 2, embedding: 64, heads: 4, kvHeads: 2, feedForward: 128, vocabSize: 1024, contextLength: 4096, ropeTheta: 10000, rmsEps: 1e-6 };

export interface TinyChatSpec {
  name: string;
  chatTemplate: string;
  /** Control tokens, ids 0…; `eos` and `bos` index into them. */
  specials: readonly string[];
  bos: number;
  eos: number;
}

/** Qwen3's control tokens as its chat template uses them (ids here are not Qwen's own). */
export const QWEN3_SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<think>', '</think>'] as const;

/** Writes the model to `path`; returns its size in bytes. */
export function writeTinyChatGguf(path: string, spec: TinyChatSpec): number {
  const vocab = buildBpeVocab(SHAPE.vocabSize, spec.specials);
  const metadata = [
    kv.str('general.architecture', 'llama'),
    kv.str('general.type', 'model'),
    kv.str('general.name', spec.name),
    kv.u32('llama.block_count', SHAPE.blockCount),
    kv.u32('llama.context_length', SHAPE.contextLength),
    kv.u32('llama.embedding_length', SHAPE.embedding),
    kv.u32('llama.feed_forward_length', SHAPE.feedForward),
    kv.u32('llama.attention.head_count', SHAPE.heads),
    kv.u32('llama.attention.head_count_kv', SHAPE.kvHeads),
    kv.f32('llama.rope.freq_base', SHAPE.ropeTheta),
    kv.f32('llama.attention.layer_norm_rms_epsilon', SHAPE.rmsEps),
    kv.u32('general.file_type', 0), // all F32
    kv.u32('llama.vocab_size', SHAPE.vocabSize),
    kv.u32('llama.rope.dimension_count', SHAPE.embedding / SHAPE.heads),
    kv.str('tokenizer.ggml.model', 'gpt2'),
    kv.str('tokenizer.ggml.pre', 'qwen2'),
    kv.strs('tokenizer.ggml.tokens', vocab.tokens),
    kv.i32s('tokenizer.ggml.token_type', vocab.types),
    kv.strs('tokenizer.ggml.merges', vocab.merges),
    kv.u32('tokenizer.ggml.bos_token_id', spec.bos),
    kv.u32('tokenizer.ggml.eos_token_id', spec.eos),
    kv.u32('tokenizer.ggml.padding_token_id', spec.bos),
    kv.bool('tokenizer.ggml.add_bos_token', false),
    kv.str('tokenizer.chat_template', spec.chatTemplate),
    kv.u32('general.quantization_version', 2),
  ];
  const shapes = llamaTensorShapes(SHAPE);
  const writer = new GgufFileWriter(path, metadata, shapes.map(({ name, dims }) => ({ name, dims, type: GGML_TYPE.F32 })));
  for (const { name, dims } of shapes) {
    const count = dims.reduce((a, b) => a * b, 1);
    const values = name.endsWith('_norm.weight') ? new Float32Array(count).fill(1) : randomNormal(count, 0.02, spec.name, name);
    writer.writeTensor(encodeTensor(GGML_TYPE.F32, values));
  }
  return writer.finish().size;
}
