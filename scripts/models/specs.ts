/**
 * The published shapes the generated models must match: repo ids, file names, architecture
 * numbers, and the tensor lists derived from them. Builders make files from these; checks and
 * tests read the written files back and compare against these. Data only, no I/O.
 */

/** Bump when a builder changes its output bytes, so existing mirrors are rebuilt. */
export const GENERATOR_VERSION = 1;

export interface BertShape {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  maxPositions: number;
  typeVocabSize: number;
  layerNormEps: number;
}

/** The inputs and output a transformers.js feature-extraction BERT export has. */
export const BERT_IO = {
  inputs: ['input_ids', 'attention_mask', 'token_type_ids'],
  output: 'last_hidden_state',
  dims: ['batch_size', 'sequence_length'],
} as const;

/** Tiny test embedder. Its vocabulary size comes from the generated tokenizer (see wordpiece-vocab.ts). */
export const TINY_BERT = {
  repo: 'hearth-test/tiny-bert-embedder',
  seed: 'hearth-tiny-bert-v1',
  shape: { hiddenSize: 32, numLayers: 2, numHeads: 2, intermediateSize: 64, maxPositions: 512, typeVocabSize: 2, layerNormEps: 1e-12 },
  onnx: 'onnx/model.onnx',
} as const;

/**
 * A second tiny embedder, with other weights and another width, so the tests can switch a library
 * from one embedding model to another (its vectors cannot be compared with TINY_BERT's).
 */
export const TINY_BERT_WIDE = {
  repo: 'hearth-test/tiny-bert-embedder-48',
  seed: 'hearth-tiny-bert-48-v1',
  shape: { hiddenSize: 48, numLayers: 2, numHeads: 2, intermediateSize: 96, maxPositions: 512, typeVocabSize: 2, layerNormEps: 1e-12 },
  onnx: 'onnx/model.onnx',
} as const;

/** Shape twin of sentence-transformers/all-MiniLM-L6-v2 as transformers.js publishes it. */
export const MINILM = {
  repo: 'Xenova/all-MiniLM-L6-v2',
  seed: 'hearth-minilm-twin-v1',
  shape: {
    vocabSize: 30522, hiddenSize: 384, numLayers: 6, numHeads: 12, intermediateSize: 1536,
    maxPositions: 512, typeVocabSize: 2, layerNormEps: 1e-12,
  } satisfies BertShape,
  /** Real tokenizer and config, copied from ../shared when it is there. */
  sharedDir: 'models/all-MiniLM-L6-v2-tokenizer',
  copiedFiles: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'],
  onnx: { fp32: 'onnx/model.onnx', quantized: 'onnx/model_quantized.onnx' },
} as const;

/**
 * BertModel parameters by their Hugging Face names. Linear weights are listed as [in, out]: that is
 * how an ONNX export stores them (as the right operand of MatMul), transposed from PyTorch's [out, in].
 */
export function bertParameterShapes(s: BertShape): { name: string; dims: number[] }[] {
  const H = s.hiddenSize;
  const I = s.intermediateSize;
  const out = [
    { name: 'embeddings.word_embeddings.weight', dims: [s.vocabSize, H] },
    { name: 'embeddings.position_embeddings.weight', dims: [s.maxPositions, H] },
    { name: 'embeddings.token_type_embeddings.weight', dims: [s.typeVocabSize, H] },
    { name: 'embeddings.LayerNorm.weight', dims: [H] },
    { name: 'embeddings.LayerNorm.bias', dims: [H] },
  ];
  for (let l = 0; l < s.numLayers; l++) {
    const p = `encoder.layer.${l}`;
    for (const proj of ['query', 'key', 'value']) {
      out.push({ name: `${p}.attention.self.${proj}.weight`, dims: [H, H] });
      out.push({ name: `${p}.attention.self.${proj}.bias`, dims: [H] });
    }
    out.push(
      { name: `${p}.attention.output.dense.weight`, dims: [H, H] },
      { name: `${p}.attention.output.dense.bias`, dims: [H] },
      { name: `${p}.attention.output.LayerNorm.weight`, dims: [H] },
      { name: `${p}.attention.output.LayerNorm.bias`, dims: [H] },
      { name: `${p}.intermediate.dense.weight`, dims: [H, I] },
      { name: `${p}.intermediate.dense.bias`, dims: [I] },
      { name: `${p}.output.dense.weight`, dims: [I, H] },
      { name: `${p}.output.dense.bias`, dims: [H] },
      { name: `${p}.output.LayerNorm.weight`, dims: [H] },
      { name: `${p}.output.LayerNorm.bias`, dims: [H] },
    );
  }
  return out;
}

export interface LlamaShape {
  blockCount: number;
  embedding: number;
  heads: number;
  kvHeads: number;
  feedForward: number;
  vocabSize: number;
  contextLength: number;
  ropeTheta: number;
  rmsEps: number;
}

/** SmolLM2's control tokens, ids 0..16 in its tokenizer. */
export const SMOLLM2_SPECIAL_TOKENS = [
  '<|endoftext|>', '<|im_start|>', '<|im_end|>', '<repo_name>', '<reponame>', '<file_sep>', '<filename>',
  '<gh_stars>', '<issue_start>', '<issue_comment>', '<issue_closed>', '<jupyter_start>', '<jupyter_text>',
  '<jupyter_code>', '<jupyter_output>', '<jupyter_script>', '<empty_output>',
];

/** The ChatML template SmolLM2-Instruct ships (with its default system prompt). */
export const SMOLLM2_CHAT_TEMPLATE =
  "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}" +
  "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}" +
  "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

/** Shape twin of SmolLM2-135M-Instruct in GGUF, in the two quantizations the app offers. */
export const SMOLLM2 = {
  repo: 'HuggingFaceTB/SmolLM2-135M-Instruct-GGUF',
  seed: 'hearth-smollm2-twin-v1',
  shape: {
    blockCount: 30, embedding: 576, heads: 9, kvHeads: 3, feedForward: 1536, vocabSize: 49152,
    contextLength: 8192, ropeTheta: 100000, rmsEps: 1e-5,
  } satisfies LlamaShape,
  files: { Q8_0: 'smollm2-135m-instruct-q8_0.gguf', Q4_0: 'smollm2-135m-instruct-q4_0.gguf' },
  /** llama_ftype stored in general.file_type. */
  fileType: { Q8_0: 7, Q4_0: 2 },
  tokenizer: { model: 'gpt2', pre: 'smollm', bos: 1, eos: 2, unknown: 0, padding: 2 },
} as const;

export type LlamaQuant = keyof typeof SMOLLM2.files;

/** llama.cpp tensor names and ggml-order dims (dims[0] = row length) for a llama model with tied embeddings. */
export function llamaTensorShapes(s: LlamaShape): { name: string; dims: number[] }[] {
  const E = s.embedding;
  const kv = (E / s.heads) * s.kvHeads;
  const out = [{ name: 'token_embd.weight', dims: [E, s.vocabSize] }];
  for (let l = 0; l < s.blockCount; l++) {
    const p = `blk.${l}`;
    out.push(
      { name: `${p}.attn_norm.weight`, dims: [E] },
      { name: `${p}.attn_q.weight`, dims: [E, E] },
      { name: `${p}.attn_k.weight`, dims: [E, kv] },
      { name: `${p}.attn_v.weight`, dims: [E, kv] },
      { name: `${p}.attn_output.weight`, dims: [E, E] },
      { name: `${p}.ffn_norm.weight`, dims: [E] },
      { name: `${p}.ffn_gate.weight`, dims: [E, s.feedForward] },
      { name: `${p}.ffn_up.weight`, dims: [E, s.feedForward] },
      { name: `${p}.ffn_down.weight`, dims: [s.feedForward, E] },
    );
  }
  out.push({ name: 'output_norm.weight', dims: [E] });
  return out;
}

/**
 * The ggml type llama-quantize gives each tensor: norms stay F32; with tied embeddings token_embd is
 * also the output matrix, which llama.cpp bumps to Q6_K and, as 576 is not a multiple of 256, falls
 * back to Q8_0 (so token_embd is Q8_0 in both files); everything else gets the file's type.
 */
export function llamaTensorTypeName(name: string, quant: LlamaQuant): 'F32' | 'Q8_0' | 'Q4_0' {
  if (name.endsWith('_norm.weight')) return 'F32';
  if (name === 'token_embd.weight') return 'Q8_0';
  return quant;
}

/** Metadata keys and values llama.cpp's converter writes for this architecture. */
export function llamaExpectedMetadata(s: LlamaShape, quant: LlamaQuant): Record<string, string | number> {
  return {
    'general.architecture': 'llama',
    'llama.block_count': s.blockCount,
    'llama.context_length': s.contextLength,
    'llama.embedding_length': s.embedding,
    'llama.feed_forward_length': s.feedForward,
    'llama.attention.head_count': s.heads,
    'llama.attention.head_count_kv': s.kvHeads,
    'llama.rope.freq_base': s.ropeTheta,
    'llama.attention.layer_norm_rms_epsilon': s.rmsEps,
    'llama.rope.dimension_count': s.embedding / s.heads,
    'llama.vocab_size': s.vocabSize,
    'general.file_type': SMOLLM2.fileType[quant],
    'tokenizer.ggml.model': SMOLLM2.tokenizer.model,
    'tokenizer.ggml.bos_token_id': SMOLLM2.tokenizer.bos,
    'tokenizer.ggml.eos_token_id': SMOLLM2.tokenizer.eos,
  };
}

/** The real tiny GGUF used for engine tests (copied or downloaded, never generated). */
export const STORIES260K = {
  repo: 'ggml-org/models',
  path: 'tinyllamas/stories260K.gguf',
  sharedPath: 'models/stories260K/stories260K.gguf',
  url: 'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf',
  sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d',
  size: 1185376,
} as const;
