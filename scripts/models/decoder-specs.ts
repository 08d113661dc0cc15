/**
 * The published decoder LLMs the project twins for the CPU engines: their architecture numbers, the
 * ONNX file layout transformers.js loads (onnx/model_q4.onnx = MatMulNBits, onnx/model_quantized.onnx
 * = MatMulInteger), the GGUF files wllama loads, and a tiny decoder of the same layout for tests.
 * Data only, no I/O.
 */

/** Bump when a decoder builder changes its output bytes, so existing mirrors are rebuilt. */
export const DECODER_GENERATOR_VERSION = 1;

export type DecoderArch = 'llama' | 'qwen2';

export interface DecoderShape {
  arch: DecoderArch;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  intermediate: number;
  /** Rows of the embedding matrix (config.json vocab_size; Qwen pads it past the tokenizer's size). */
  vocabSize: number;
  /** Tokens the tokenizer has (BPE vocabulary plus added tokens). */
  tokenizerSize: number;
  maxPositions: number;
  ropeTheta: number;
  rmsEps: number;
  /** Qwen2 has biases on the q, k and v projections; Llama has none. */
  qkvBias: boolean;
  /**
   * How the output matrix is stored in the ONNX export: 'untied' = its own initializer (SmolLM2's
   * export: 654 MB fp32, embeddings counted twice); 'shared' = the embedding table through a
   * Transpose node (Qwen2.5-0.5B's: 1.99 GB fp32, 786 MB q4 and 512 MB q8, which only fit one copy).
   */
  lmHead: 'untied' | 'shared';
}

export type OnnxQuant = 'q4' | 'q8';

/** transformers.js' file name for each dtype (DEFAULT_DTYPE_SUFFIX_MAPPING: q4 → _q4, q8 → _quantized). */
export const ONNX_FILES: Record<OnnxQuant, string> = { q4: 'onnx/model_q4.onnx', q8: 'onnx/model_quantized.onnx' };

export interface ChatTokens {
  /** Control tokens, in id order, placed first (SmolLM2) or after the BPE vocabulary (Qwen). */
  specials: readonly string[];
  where: 'first' | 'last';
  bos: string | null;
  eos: string;
  /** generation_config.json's eos ids (Qwen stops on <|im_end|> and <|endoftext|>). */
  generationEos: readonly string[];
  pad: string;
  chatTemplate: string;
  tokenizerClass: string;
}

export interface DecoderTwin {
  id: string;
  /** The repo id transformers.js (and the mirror) uses. */
  repo: string;
  seed: string;
  shape: DecoderShape;
  tokens: ChatTokens;
  quants: readonly OnnxQuant[];
  /** Published file sizes in MB (10^6 bytes), to compare the twin's with; none for test models. */
  publishedMB?: Partial<Record<OnnxQuant, number>>;
  note: string;
}

const SMOLLM2_SPECIALS = [
  '<|endoftext|>', '<|im_start|>', '<|im_end|>', '<repo_name>', '<reponame>', '<file_sep>', '<filename>',
  '<gh_stars>', '<issue_start>', '<issue_comment>', '<issue_closed>', '<jupyter_start>', '<jupyter_text>',
  '<jupyter_code>', '<jupyter_output>', '<jupyter_script>', '<empty_output>',
];

const SMOLLM2_TEMPLATE =
  "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}" +
  "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}" +
  "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

/** Qwen2.5-Instruct's added tokens (ids 151643…151664). */
const QWEN_SPECIALS = [
  '<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|object_ref_start|>', '<|object_ref_end|>', '<|box_start|>',
  '<|box_end|>', '<|quad_start|>', '<|quad_end|>', '<|vision_start|>', '<|vision_end|>', '<|vision_pad|>',
  '<|image_pad|>', '<|video_pad|>', '<tool_call>', '</tool_call>', '<|fim_prefix|>', '<|fim_middle|>',
  '<|fim_suffix|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>',
];

/** ChatML with Qwen2.5's default system prompt (the tool-calling branches of the real template left out). */
const QWEN_TEMPLATE =
  "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}" +
  "{{ '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}" +
  "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

const SMOLLM2_TOKENS: ChatTokens = {
  specials: SMOLLM2_SPECIALS, where: 'first', bos: '<|im_start|>', eos: '<|im_end|>', generationEos: ['<|im_end|>'],
  pad: '<|im_end|>', chatTemplate: SMOLLM2_TEMPLATE, tokenizerClass: 'GPT2Tokenizer',
};

const TWIN_NOTE = 'Shape twin made by Hearth make-models: the published layout and shapes, random weights, meaningless output, real speed.';

/** HuggingFaceTB/SmolLM2-135M-Instruct, whose repo carries its own onnx/ folder (model_q4.onnx 200 MB). */
export const SMOLLM2_ONNX: DecoderTwin = {
  id: 'smollm2-onnx',
  repo: 'HuggingFaceTB/SmolLM2-135M-Instruct',
  seed: 'hearth-smollm2-onnx-twin-v1',
  shape: {
    arch: 'llama', layers: 30, hidden: 576, heads: 9, kvHeads: 3, intermediate: 1536, vocabSize: 49152,
    tokenizerSize: 49152, maxPositions: 8192, ropeTheta: 100000, rmsEps: 1e-5, qkvBias: false, lmHead: 'untied',
  },
  tokens: SMOLLM2_TOKENS,
  // The repo publishes q4 (and fp32/fp16); the q8 file is made the way transformers.js' converter makes one.
  quants: ['q4', 'q8'],
  publishedMB: { q4: 200 },
  note: TWIN_NOTE,
};

/** onnx-community/Qwen2.5-0.5B-Instruct (model_q4.onnx 786 MB, model_quantized.onnx 512 MB). */
export const QWEN25_ONNX: DecoderTwin = {
  id: 'qwen25-onnx',
  repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
  seed: 'hearth-qwen25-onnx-twin-v1',
  shape: {
    arch: 'qwen2', layers: 24, hidden: 896, heads: 14, kvHeads: 2, intermediate: 4864, vocabSize: 151936,
    tokenizerSize: 151665, maxPositions: 32768, ropeTheta: 1000000, rmsEps: 1e-6, qkvBias: true, lmHead: 'shared',
  },
  tokens: {
    specials: QWEN_SPECIALS, where: 'last', bos: null, eos: '<|im_end|>', generationEos: ['<|im_end|>', '<|endoftext|>'],
    pad: '<|endoftext|>', chatTemplate: QWEN_TEMPLATE, tokenizerClass: 'Qwen2Tokenizer',
  },
  quants: ['q4', 'q8'],
  publishedMB: { q4: 786, q8: 512 },
  note: TWIN_NOTE,
};

/** A tiny decoder in SmolLM2's layout for the engine tests: loads in well under a second. */
export const TINY_DECODER: DecoderTwin = {
  id: 'tiny-decoder',
  repo: 'hearth-test/tiny-decoder',
  seed: 'hearth-tiny-decoder-v1',
  shape: {
    arch: 'llama', layers: 2, hidden: 64, heads: 4, kvHeads: 2, intermediate: 128, vocabSize: 1024,
    tokenizerSize: 1024, maxPositions: 2048, ropeTheta: 10000, rmsEps: 1e-5, qkvBias: false, lmHead: 'untied',
  },
  tokens: SMOLLM2_TOKENS,
  quants: ['q4', 'q8'],
  note: 'Generated by Hearth make-models for tests: random weights, so its text is deterministic noise.',
};

export const headDim = (s: DecoderShape) => s.hidden / s.heads;

/** Projection matrices of one layer as [in, out] (how an ONNX export multiplies by them). */
export function layerMatrices(s: DecoderShape): { name: string; dims: [number, number] }[] {
  const hd = headDim(s);
  return [
    { name: 'self_attn.q_proj', dims: [s.hidden, s.heads * hd] },
    { name: 'self_attn.k_proj', dims: [s.hidden, s.kvHeads * hd] },
    { name: 'self_attn.v_proj', dims: [s.hidden, s.kvHeads * hd] },
    { name: 'self_attn.o_proj', dims: [s.heads * hd, s.hidden] },
    { name: 'mlp.gate_proj', dims: [s.hidden, s.intermediate] },
    { name: 'mlp.up_proj', dims: [s.hidden, s.intermediate] },
    { name: 'mlp.down_proj', dims: [s.intermediate, s.hidden] },
  ];
}

/** Parameters multiplied per token: every projection plus the output matrix. */
export function decoderMatmulParams(s: DecoderShape): number {
  const perLayer = layerMatrices(s).reduce((sum, m) => sum + m.dims[0] * m.dims[1], 0);
  return s.layers * perLayer + s.hidden * s.vocabSize;
}
