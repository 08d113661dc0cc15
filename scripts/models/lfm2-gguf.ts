/**
 * The LFM2-700M GGUF twin: lfm2 metadata as llama.cpp's converter writes it, a byte-level BPE
 * tokenizer of the published size with LFM2's control tokens, and random weights. Every requested
 * quantization is written in one pass, so each tensor's floats are drawn once.
 */
import { buildBpeVocab } from './bpe-vocab.ts';
import { encodeTensor, GGML_TYPE } from './ggml-quant.ts';
import { kv, type GgufKv } from './gguf-format.ts';
import { GgufFileWriter, type GgufTensorPlan } from './gguf-writer.ts';
import {
  LFM2_700M, LFM2_CHAT_TEMPLATE, LFM2_SPECIAL_TOKENS, lfm2HeadCountKv, lfm2TensorShapes, lfm2TensorType,
  type Lfm2Quant, type Lfm2Shape,
} from './lfm2-spec.ts';
import { randomNormal } from './prng.ts';

export function lfm2Metadata(shape: Lfm2Shape, quant: Lfm2Quant): GgufKv[] {
  const vocab = buildBpeVocab(shape.vocabSize, LFM2_SPECIAL_TOKENS);
  const t = LFM2_700M.tokenizer;
  return [
    kv.str('general.architecture', 'lfm2'),
    kv.str('general.type', 'model'),
    kv.str('general.name', 'LFM2 700M (random-weight shape twin)'),
    kv.str('general.description', 'Made by Hearth make-models: same shapes as the published file, random weights, meaningless output.'),
    kv.str('general.basename', 'LFM2'),
    kv.str('general.size_label', '700M'),
    kv.u32('lfm2.block_count', shape.blockCount),
    kv.u32('lfm2.context_length', shape.contextLength),
    kv.u32('lfm2.embedding_length', shape.embedding),
    kv.u32('lfm2.feed_forward_length', shape.feedForward),
    kv.u32('lfm2.attention.head_count', shape.heads),
    kv.i32s('lfm2.attention.head_count_kv', lfm2HeadCountKv(shape)),
    kv.f32('lfm2.rope.freq_base', shape.ropeTheta),
    kv.f32('lfm2.attention.layer_norm_rms_epsilon', shape.rmsEps),
    kv.u32('general.file_type', LFM2_700M.fileType[quant]),
    kv.u32('lfm2.vocab_size', shape.vocabSize),
    kv.u32('lfm2.shortconv.l_cache', shape.convCache),
    kv.str('tokenizer.ggml.model', t.model),
    kv.str('tokenizer.ggml.pre', t.pre),
    kv.strs('tokenizer.ggml.tokens', vocab.tokens),
    kv.i32s('tokenizer.ggml.token_type', vocab.types),
    kv.strs('tokenizer.ggml.merges', vocab.merges),
    kv.u32('tokenizer.ggml.bos_token_id', t.bos),
    kv.u32('tokenizer.ggml.eos_token_id', t.eos),
    kv.u32('tokenizer.ggml.padding_token_id', t.padding),
    kv.bool('tokenizer.ggml.add_bos_token', true),
    kv.str('tokenizer.chat_template', LFM2_CHAT_TEMPLATE),
    kv.u32('general.quantization_version', 2),
  ];
}

export function lfm2TensorPlan(shape: Lfm2Shape, quant: Lfm2Quant): GgufTensorPlan[] {
  return lfm2TensorShapes(shape).map((t) => ({ name: t.name, dims: t.dims, type: GGML_TYPE[lfm2TensorType(t, shape, quant)] }));
}

/** Stand-in weights: RMSNorm scales 1, conv kernels and matrices normal(0, 0.02). */
function tensorValues(name: string, count: number, seed: string): Float32Array {
  return name.endsWith('norm.weight') ? new Float32Array(count).fill(1) : randomNormal(count, 0.02, seed, name);
}

/** Writes one GGUF per requested quantization; returns each file's size and sha256. */
export function writeLfm2Ggufs(shape: Lfm2Shape, seed: string, outputs: { quant: Lfm2Quant; path: string }[]) {
  const writers = outputs.map((o) => ({ ...o, plan: lfm2TensorPlan(shape, o.quant) }))
    .map((o) => ({ ...o, writer: new GgufFileWriter(o.path, lfm2Metadata(shape, o.quant), o.plan) }));
  lfm2TensorShapes(shape).forEach(({ name, dims }, i) => {
    const values = tensorValues(name, dims.reduce((a, b) => a * b, 1), seed);
    for (const w of writers) w.writer.writeTensor(encodeTensor(w.plan[i]!.type, values));
  });
  return writers.map((w) => ({ quant: w.quant, path: w.path, ...w.writer.finish() }));
}
