/**
 * Work per token, from the architecture alone (the twins have the published shapes, see
 * scripts/models/specs.ts): FLOPs for the compute ceilings and bytes of weights read per decoded
 * token for the memory-bandwidth ceiling. A multiply-accumulate counts as 2 FLOPs.
 */
import { GGML_TYPE, ggmlByteSize } from '../scripts/models/ggml-quant';
import { lfm2TensorShapes, lfm2TensorType, type Lfm2Quant, type Lfm2Shape } from '../scripts/models/lfm2-spec';
import { decoderMatmulParams, type DecoderShape } from '../scripts/models/decoder-specs';
import { llamaTensorShapes, llamaTensorTypeName, type BertShape, type LlamaQuant, type LlamaShape } from '../scripts/models/specs';

/**
 * BERT encoder FLOPs per token at sequence length `seqLen`: Q, K, V and output projections (4·H²
 * MACs), the feed-forward pair (2·H·I), and attention scores plus the weighted sum (2·seqLen·H).
 * Embedding lookups, layer norms, GELU and pooling are a rounding error next to these and left out.
 */
export function bertFlopsPerToken(s: BertShape, seqLen: number): number {
  const H = s.hiddenSize;
  const projections = 4 * H * H + 2 * H * s.intermediateSize;
  const attention = 2 * seqLen * H;
  return s.numLayers * 2 * (projections + attention);
}

/** Weights a llama decoder multiplies by per token: every projection plus the (tied) output matrix. */
export function llamaMatmulParams(s: LlamaShape): number {
  const E = s.embedding;
  const kv = (E / s.heads) * s.kvHeads;
  return s.blockCount * (2 * E * E + 2 * E * kv + 3 * E * s.feedForward) + E * s.vocabSize;
}

/** Decode FLOPs per token: 2 × matmul parameters (attention over a short context is left out). */
export function llamaFlopsPerToken(s: LlamaShape): number {
  return 2 * llamaMatmulParams(s);
}

/** [values, bytes] per block of the ggml types the twins use. */
const BLOCK: Record<'F32' | 'Q8_0' | 'Q4_0', [number, number]> = { F32: [1, 4], Q8_0: [32, 34], Q4_0: [32, 18] };

/**
 * Bytes of weights a decode step streams from memory: every tensor once. With tied embeddings
 * token_embd is the output matrix too, so it is read whole (the input lookup reads one row of it).
 */
export function llamaWeightBytesPerToken(s: LlamaShape, quant: LlamaQuant): number {
  let bytes = 0;
  for (const t of llamaTensorShapes(s)) {
    const [per, size] = BLOCK[llamaTensorTypeName(t.name, quant)];
    const count = t.dims.reduce((a, b) => a * b, 1);
    bytes += (count / per) * size;
  }
  return bytes;
}

/** Weights an LFM2 block stack multiplies by per token: every matrix, the tied output included; the
 *  3-tap short-convolution kernels and the norms are elementwise work, left out. */
export function lfm2MatmulParams(s: Lfm2Shape): number {
  return lfm2TensorShapes(s)
    .filter((t) => t.dims.length === 2 && !t.name.endsWith('shortconv.conv.weight'))
    .reduce((sum, t) => sum + t.dims[0]! * t.dims[1]!, 0);
}

export function lfm2FlopsPerToken(s: Lfm2Shape): number {
  return 2 * lfm2MatmulParams(s);
}

/** Bytes of weights an LFM2 decode step streams: every tensor once, in the file's types. */
export function lfm2WeightBytesPerToken(s: Lfm2Shape, quant: Lfm2Quant): number {
  return lfm2TensorShapes(s).reduce((sum, t) => sum + ggmlByteSize(GGML_TYPE[lfm2TensorType(t, s, quant)], t.dims.reduce((a, b) => a * b, 1)), 0);
}

/**
 * Bytes of weights one decoded token streams from LFM2's ONNX q4 export: every block matrix as
 * MatMulNBits (4-bit blocks of 32, an fp32 scale each), and the output matrix as the fp32 embedding
 * table it shares.
 */
export function lfm2OnnxQ4WeightBytesPerToken(s: Lfm2Shape): number {
  const head = s.embedding * s.vocabSize;
  return (lfm2MatmulParams(s) - head) * ((16 + 4) / 32) + head * 4;
}

/** How a decoder's weights are stored, for the bytes a decode step reads. */
export type DecoderFormat = 'onnx-q4' | 'onnx-q8' | 'gguf-Q8_0' | 'gguf-Q4_0';

/** Bytes per weight: 4-bit blocks of 32 with an fp32 scale (MatMulNBits) or fp16 (Q4_0), int8 per tensor or Q8_0 blocks. */
const BYTES_PER_WEIGHT: Record<DecoderFormat, number> = { 'onnx-q4': (16 + 4) / 32, 'onnx-q8': 1, 'gguf-Q8_0': 34 / 32, 'gguf-Q4_0': 18 / 32 };

/**
 * Bytes of weights one decoded token streams: every layer matrix in the file's format, plus the
 * output matrix as stored — the ONNX q4 export of a model with a shared output matrix multiplies by
 * the fp32 embedding table (4 bytes a weight), GGUF stores it as Q8_0 (llama-quantize's fallback).
 */
export function decoderWeightBytesPerToken(s: DecoderShape, format: DecoderFormat): number {
  const head = s.hidden * s.vocabSize;
  const layers = decoderMatmulParams(s) - head;
  const headBytes = format.startsWith('gguf') ? 34 / 32 : format === 'onnx-q4' && s.lmHead === 'shared' ? 4 : BYTES_PER_WEIGHT[format];
  return layers * BYTES_PER_WEIGHT[format] + head * headBytes;
}
