/**
 * The SmolLM2 GGUF twin: llama architecture metadata as llama.cpp's converter writes it, a
 * byte-level BPE tokenizer of the published size, and random weights quantized block by block.
 * All requested quantizations are written in one pass, so each tensor's floats are drawn once.
 */
import { buildBpeVocab } from './bpe-vocab.ts';
import { encodeTensor, GGML_TYPE } from './ggml-quant.ts';
import { kv, type GgufKv } from './gguf-format.ts';
import { GgufFileWriter, type GgufTensorPlan } from './gguf-writer.ts';
import { randomNormal } from './prng.ts';
import {
  SMOLLM2, SMOLLM2_CHAT_TEMPLATE, SMOLLM2_SPECIAL_TOKENS, llamaTensorShapes, llamaTensorTypeName,
  type LlamaQuant, type LlamaShape,
} from './specs.ts';

export function llamaMetadata(shape: LlamaShape, quant: LlamaQuant): GgufKv[] {
  const vocab = buildBpeVocab(shape.vocabSize, SMOLLM2_SPECIAL_TOKENS);
  const t = SMOLLM2.tokenizer;
  return [
    kv.str('general.architecture', 'llama'),
    kv.str('general.type', 'model'),
    kv.str('general.name', 'SmolLM2 135M Instruct (random-weight shape twin)'),
    kv.str('general.description', 'Made by Hearth make-models: same shapes as the published file, random weights, meaningless output.'),
    kv.str('general.basename', 'SmolLM2'),
    kv.str('general.finetune', 'Instruct'),
    kv.str('general.size_label', '135M'),
    kv.u32('llama.block_count', shape.blockCount),
    kv.u32('llama.context_length', shape.contextLength),
    kv.u32('llama.embedding_length', shape.embedding),
    kv.u32('llama.feed_forward_length', shape.feedForward),
    kv.u32('llama.attention.head_count', shape.heads),
    kv.u32('llama.attention.head_count_kv', shape.kvHeads),
    kv.f32('llama.rope.freq_base', shape.ropeTheta),
    kv.f32('llama.attention.layer_norm_rms_epsilon', shape.rmsEps),
    kv.u32('general.file_type', SMOLLM2.fileType[quant]),
    kv.u32('llama.vocab_size', shape.vocabSize),
    kv.u32('llama.rope.dimension_count', shape.embedding / shape.heads),
    kv.str('tokenizer.ggml.model', t.model),
    kv.str('tokenizer.ggml.pre', t.pre),
    kv.strs('tokenizer.ggml.tokens', vocab.tokens),
    kv.i32s('tokenizer.ggml.token_type', vocab.types),
    kv.strs('tokenizer.ggml.merges', vocab.merges),
    kv.u32('tokenizer.ggml.bos_token_id', t.bos),
    kv.u32('tokenizer.ggml.eos_token_id', t.eos),
    kv.u32('tokenizer.ggml.unknown_token_id', t.unknown),
    kv.u32('tokenizer.ggml.padding_token_id', t.padding),
    kv.bool('tokenizer.ggml.add_bos_token', false),
    kv.str('tokenizer.chat_template', SMOLLM2_CHAT_TEMPLATE),
    kv.u32('general.quantization_version', 2),
  ];
}

export function llamaTensorPlan(shape: LlamaShape, quant: LlamaQuant): GgufTensorPlan[] {
  return llamaTensorShapes(shape).map(({ name, dims }) => ({ name, dims, type: GGML_TYPE[llamaTensorTypeName(name, quant)] }));
}

/** Stand-in weights: RMSNorm scales 1, matrices normal(0, 0.02). */
function tensorValues(name: string, count: number, seed: string): Float32Array {
  return name.endsWith('_norm.weight') ? new Float32Array(count).fill(1) : randomNormal(count, 0.02, seed, name);
}

/** Writes one GGUF per requested quantization; returns each file's size and sha256. */
export function writeLlamaGgufs(shape: LlamaShape, seed: string, outputs: { quant: LlamaQuant; path: string }[]) {
  const writers = outputs.map((o) => ({ ...o, plan: llamaTensorPlan(shape, o.quant) }))
    .map((o) => ({ ...o, writer: new GgufFileWriter(o.path, llamaMetadata(shape, o.quant), o.plan) }));
  const shapes = llamaTensorShapes(shape);
  shapes.forEach(({ name, dims }, i) => {
    const values = tensorValues(name, dims.reduce((a, b) => a * b, 1), seed);
    for (const w of writers) w.writer.writeTensor(encodeTensor(w.plan[i]!.type, values));
  });
  return writers.map((w) => ({ quant: w.quant, path: w.path, ...w.writer.finish() }));
}
