/**
 * The GGUF twin of Qwen2.5-0.5B-Instruct (Qwen/Qwen2.5-0.5B-Instruct-GGUF, llama.cpp architecture
 * "qwen2"): the same shapes and the same vocabulary as its ONNX twin (decoder-specs.ts), so both CPU
 * engines are compared on one model. Q8_0 and Q4_0; as llama-quantize does for a tied output
 * matrix whose rows (896) are not a multiple of 256, token_embd is Q8_0 in both; norms and the
 * q/k/v biases stay F32. (The catalog's Q4_K_M file mixes Q5_0/Q8_0 fallbacks for the 896-wide
 * rows with K-quants for ffn_down; Q4_0 is the nearest block format this project writes.)
 */
import { decoderVocab } from './decoder-files.ts';
import { QWEN25_ONNX, headDim } from './decoder-specs.ts';
import { encodeTensor, GGML_TYPE } from './ggml-quant.ts';
import { kv, type GgufKv } from './gguf-format.ts';
import { GgufFileWriter, type GgufTensorPlan } from './gguf-writer.ts';
import { randomNormal } from './prng.ts';

export const QWEN25_GGUF = {
  id: 'qwen25-gguf',
  repo: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
  seed: 'hearth-qwen25-gguf-twin-v1',
  files: { Q8_0: 'qwen2.5-0.5b-instruct-q8_0.gguf', Q4_0: 'qwen2.5-0.5b-instruct-q4_0.gguf' },
  fileType: { Q8_0: 7, Q4_0: 2 },
} as const;

export type Qwen2Quant = keyof typeof QWEN25_GGUF.files;

const s = QWEN25_ONNX.shape;
const TOKEN_TYPE = { NORMAL: 1, CONTROL: 3, UNUSED: 5 } as const;

/** llama.cpp tensor names and ggml-order dims (dims[0] = row length). */
export function qwen2TensorShapes(): { name: string; dims: number[] }[] {
  const E = s.hidden;
  const kvDim = headDim(s) * s.kvHeads;
  const out = [{ name: 'token_embd.weight', dims: [E, s.vocabSize] }];
  for (let l = 0; l < s.layers; l++) {
    const p = `blk.${l}`;
    out.push(
      { name: `${p}.attn_norm.weight`, dims: [E] },
      { name: `${p}.attn_q.weight`, dims: [E, E] },
      { name: `${p}.attn_q.bias`, dims: [E] },
      { name: `${p}.attn_k.weight`, dims: [E, kvDim] },
      { name: `${p}.attn_k.bias`, dims: [kvDim] },
      { name: `${p}.attn_v.weight`, dims: [E, kvDim] },
      { name: `${p}.attn_v.bias`, dims: [kvDim] },
      { name: `${p}.attn_output.weight`, dims: [E, E] },
      { name: `${p}.ffn_norm.weight`, dims: [E] },
      { name: `${p}.ffn_gate.weight`, dims: [E, s.intermediate] },
      { name: `${p}.ffn_up.weight`, dims: [E, s.intermediate] },
      { name: `${p}.ffn_down.weight`, dims: [s.intermediate, E] },
    );
  }
  out.push({ name: 'output_norm.weight', dims: [E] });
  return out;
}

export function qwen2TensorType(name: string, quant: Qwen2Quant): 'F32' | 'Q8_0' | 'Q4_0' {
  if (name.endsWith('_norm.weight') || name.endsWith('.bias')) return 'F32';
  if (name === 'token_embd.weight') return 'Q8_0';
  return quant;
}

export function qwen2Metadata(quant: Qwen2Quant): GgufKv[] {
  const parts = decoderVocab(QWEN25_ONNX);
  const specials = new Set(QWEN25_ONNX.tokens.specials);
  const tokens = [...parts.ids.keys()];
  for (let i = tokens.length; i < s.vocabSize; i++) tokens.push(`[PAD${i}]`);
  const types = tokens.map((t, i) => (specials.has(t) ? TOKEN_TYPE.CONTROL : i >= s.tokenizerSize ? TOKEN_TYPE.UNUSED : TOKEN_TYPE.NORMAL));
  const id = (t: string) => parts.ids.get(t)!;
  return [
    kv.str('general.architecture', 'qwen2'),
    kv.str('general.type', 'model'),
    kv.str('general.name', 'Qwen2.5 0.5B Instruct (random-weight shape twin)'),
    kv.str('general.description', 'Made by Hearth make-models: same shapes as the published file, random weights, meaningless output.'),
    kv.u32('qwen2.block_count', s.layers),
    kv.u32('qwen2.context_length', s.maxPositions),
    kv.u32('qwen2.embedding_length', s.hidden),
    kv.u32('qwen2.feed_forward_length', s.intermediate),
    kv.u32('qwen2.attention.head_count', s.heads),
    kv.u32('qwen2.attention.head_count_kv', s.kvHeads),
    kv.f32('qwen2.rope.freq_base', s.ropeTheta),
    kv.f32('qwen2.attention.layer_norm_rms_epsilon', s.rmsEps),
    kv.u32('general.file_type', QWEN25_GGUF.fileType[quant]),
    kv.str('tokenizer.ggml.model', 'gpt2'),
    kv.str('tokenizer.ggml.pre', 'qwen2'),
    kv.strs('tokenizer.ggml.tokens', tokens),
    kv.i32s('tokenizer.ggml.token_type', types),
    kv.strs('tokenizer.ggml.merges', parts.merges),
    kv.u32('tokenizer.ggml.eos_token_id', id(QWEN25_ONNX.tokens.eos)),
    kv.u32('tokenizer.ggml.padding_token_id', id(QWEN25_ONNX.tokens.pad)),
    kv.u32('tokenizer.ggml.bos_token_id', id(QWEN25_ONNX.tokens.pad)),
    kv.bool('tokenizer.ggml.add_bos_token', false),
    kv.str('tokenizer.chat_template', QWEN25_ONNX.tokens.chatTemplate),
    kv.u32('general.quantization_version', 2),
  ];
}

/** Stand-in weights: norms 1, biases 0, matrices normal(0, 0.02). */
function values(name: string, count: number): Float32Array {
  if (name.endsWith('_norm.weight')) return new Float32Array(count).fill(1);
  if (name.endsWith('.bias')) return new Float32Array(count);
  return randomNormal(count, 0.02, QWEN25_GGUF.seed, name);
}

/** Writes every requested quantization in one pass (each tensor's floats drawn once). */
export function writeQwen2Ggufs(outputs: { quant: Qwen2Quant; path: string }[]): void {
  const shapes = qwen2TensorShapes();
  const writers = outputs.map((o) => {
    const plan: GgufTensorPlan[] = shapes.map(({ name, dims }) => ({ name, dims, type: GGML_TYPE[qwen2TensorType(name, o.quant)] }));
    return { plan, writer: new GgufFileWriter(o.path, qwen2Metadata(o.quant), plan) };
  });
  shapes.forEach(({ name, dims }, i) => {
    const x = values(name, dims.reduce((a, b) => a * b, 1));
    for (const w of writers) w.writer.writeTensor(encodeTensor(w.plan[i]!.type, x));
  });
  for (const w of writers) w.writer.finish();
}
