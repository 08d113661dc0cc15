/**
 * The model catalog (models.json): what each model is, where its files live, and what it needs.
 * Files are addressed by Hugging Face–style repo + path, so an organization's mirror with the same
 * layout can stand in for the public hosts by changing one base URL (see `urls.ts`).
 */

export type ModelKind = 'llm' | 'embedder' | 'reranker';
export type EngineId = 'webllm' | 'wllama' | 'transformers' | 'prompt-api';

interface ModelBase {
  id: string;
  name: string;
  kind: ModelKind;
  engine: EngineId;
  /** Hugging Face–style repository id, e.g. "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF". */
  repo: string;
  revision: string;
  quantization: string;
  downloadSizeMB: number;
  /** Memory the model needs while running (VRAM for WebGPU, RAM for WASM). */
  memoryMB: number;
  contextLength: number;
  requiredFeatures: string[];
  license: string;
  /** Human-readable page where the model is published. */
  sourceUrl: string;
  /** Parameter count in millions (135 for a 135M model); the device check sizes LLMs by it. */
  paramsM?: number;
  /** Published quality figures from the model card, e.g. { "IFEval": 41.0 }. */
  quality?: Record<string, number>;
  /** Languages the model card says it supports (ISO 639-1 codes); absent means English only. */
  languages?: string[];
  /** Models only tests and self-hosters list; never recommended by default. */
  hidden?: boolean;
  /**
   * How strongly the catalog recommends this LLM against the others that fit a device (higher first;
   * Hearth's reading of the published figures, see README "Models on the device"). Records without a
   * rank come after ranked ones, bigger first, as before ranks existed.
   */
  rank?: number;
}

/**
 * How a reasoning model's thinking is switched off: 'enable_thinking' = its chat template's
 * `enable_thinking` flag, set to false (Qwen3, Qwen3.5); 'none' = the model has no such switch.
 * Absent: from the model family (see thinking-switch.ts).
 */
export type ThinkingSwitch = 'enable_thinking' | 'none';

interface LlmBase extends ModelBase {
  kind: 'llm';
  /** How its thinking is switched off; absent: from the family (Qwen3 and Qwen3.5: 'enable_thinking'). */
  thinking?: ThinkingSwitch;
}

export interface WebLlmModel extends LlmBase {
  kind: 'llm';
  engine: 'webllm';
  /** URL of the compiled model library (.wasm), relative to `libBaseUrl` in the catalog. */
  modelLib: string;
  lowResource: boolean;
}

export interface WllamaModel extends LlmBase {
  kind: 'llm';
  engine: 'wllama';
  /** GGUF file path inside the repo. */
  file: string;
}

/**
 * An LLM run by transformers.js on ONNX Runtime Web (WASM, CPU): the repo holds config.json,
 * generation_config.json, the tokenizer files and `onnx/model{suffix}.onnx`, the suffix picked by
 * `dtype` as transformers.js does (q4 → model_q4.onnx, q8 → model_quantized.onnx).
 */
export interface OnnxLlmModel extends LlmBase {
  kind: 'llm';
  engine: 'transformers';
  dtype: 'q4' | 'q8';
  /**
   * The weights are in `onnx/model{suffix}.onnx_data` beside the graph (ONNX external data, as
   * exports past ~500 MB ship them); the repo's config.json tells transformers.js the same.
   */
  externalData?: boolean;
}

export interface EmbedderModel extends ModelBase {
  kind: 'embedder';
  engine: 'transformers';
  dimensions: number;
  pooling: 'mean' | 'cls';
  normalize: boolean;
  /** transformers.js dtype: 'fp32' | 'q8' | 'fp16' … */
  dtype: string;
  /**
   * The file that runs on a GPU, where `dtype`'s does not (ONNX Runtime's WebGPU backend has no
   * kernels for the int8 matrix products of a q8 file). On a device that embeds documents on its
   * GPU, questions are embedded from this same file on WASM, so both sides agree.
   */
  gpuDtype?: 'fp32';
  queryPrefix: string;
  passagePrefix: string;
  /** Published MTEB retrieval score (nDCG@10 average), when the model card gives one. */
  mtebRetrieval?: number;
}

export interface RerankerModel extends ModelBase {
  kind: 'reranker';
  engine: 'transformers';
  dtype: string;
}

export type LlmModel = WebLlmModel | WllamaModel | OnnxLlmModel;

/**
 * The browser's own language model behind the Prompt API (`LanguageModel`; Gemini Nano in Chrome).
 * Not in models.json: it has no files, no address and no Hearth download. It is offered at run time
 * where the browser says it has one (`llm/built-in/offer.ts`), and runs on the page, not in the LLM
 * worker, because the Prompt API is exposed to windows only.
 */
export interface PromptApiModel {
  id: string;
  name: string;
  kind: 'llm';
  engine: 'prompt-api';
  /** The session's context window (`contextWindow`, formerly `inputQuota`); null until a session exists. */
  contextLength: number | null;
  /** Languages the browser says its model handles (of those asked, ISO 639-1). */
  languages: string[];
  /** The languages sessions declare (`expectedInputs` / `expectedOutputs`), checked with `availability()`. */
  expectedLanguages: string[];
  /** The terms the browser's model comes with. */
  license: string;
  /** Where the browser documents its model. */
  sourceUrl: string;
}

/** A model answers can come from: one of the catalog's (or imported) LLMs, or the browser's own. */
export type AnswerModel = LlmModel | PromptApiModel;
export type ModelRecord = WebLlmModel | WllamaModel | OnnxLlmModel | EmbedderModel | RerankerModel;

export interface Catalog {
  version: 1;
  /** Default base URL of model files (Hugging Face layout: {base}/{repo}/resolve/{revision}/{path}). */
  modelBaseUrl: string;
  /** Base URL of web-llm model libraries. */
  libBaseUrl: string;
  defaults: { llm: string; llmWasm: string; embedder: string };
  models: ModelRecord[];
}

/**
 * A model imported from local disk (air-gapped and self-hosted use): in no catalog, its files only in
 * browser storage. Its `model.id` starts with `local-` (see `models/sources.ts`).
 */
export interface LocalModel {
  model: LlmModel;
  /** What the user picked: a file name ("stories260K.gguf") or a folder name ("SmolLM2-MLC/"). */
  origin: string;
  sizeBytes: number;
  importedAt: number;
}
