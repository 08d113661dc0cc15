/**
 * The LLM worker's protocol: load a model (with download progress), generate an answer (streaming
 * tokens), unload; and the model manager's calls: download, list what is stored, delete, import from
 * disk. One engine runs at a time: web-llm on WebGPU, or on the CPU wllama (llama.cpp) or
 * transformers.js (ONNX Runtime Web).
 * Cancelling a call through the rpc layer's AbortSignal stops generation within one token, and a
 * download at once (what was stored is kept, and the next download continues from there).
 */
import type { EngineId, LlmModel, LocalModel } from '../src/lib/catalog/types';
import type { WireError } from '../src/lib/errors';
import type { OpenModel } from '../src/lib/models/open-elsewhere';
import type { KvCacheChoice } from './engines/kv-cache';

export type LlmEngineId = Extract<EngineId, 'webllm' | 'wllama' | 'transformers'>;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LoadPayload {
  model: LlmModel;
  /** wllama: the GGUF file URL; web-llm and transformers.js: the model folder ending in `/resolve/{revision}/`. */
  modelUrl: string;
  /** web-llm only: the compiled model library (.wasm). */
  libUrl?: string;
  /** wllama and transformers.js: CPU threads (1 unless the page is cross-origin isolated). */
  threads?: number;
  /** wllama only: 'auto' (default) = a q8_0 KV cache where the model's heads allow it; 'f16' = llama.cpp's default. */
  kvCache?: KvCacheChoice;
  /** Context window to allocate, at most the model's `contextLength` (default: min(contextLength, 4096)). */
  contextWindow?: number;
  /**
   * Load even though another Hearth window has a model open that calls for asking first (the user
   * chose "load here too"). Without it such a load fails with MODEL_OPEN_ELSEWHERE before any download.
   */
  alongside?: boolean;
}

export interface LoadProgressEvent {
  kind: 'progress';
  loadedBytes: number;
  totalBytes: number;
  /** What is happening; the page puts it into words (models/progress-words.ts). */
  phase: LoadPhase;
}

/**
 * A load's phases: 'download' while bytes come from the network (speed and time left make sense),
 * 'elsewhere' while another Hearth window downloads them, 'start' while the engine takes the model
 * in, 'import' while a file from this computer is copied in.
 */
export type LoadPhase = 'download' | 'elsewhere' | 'start' | 'import';

export interface LoadResult {
  modelId: string;
  engine: LlmEngineId;
  /** The context window actually allocated (tokens). */
  contextLength: number;
}

export interface GeneratePayload {
  messages: ChatMessage[];
  /** Upper bound; the engine also stops where the context window ends. */
  maxTokens: number;
  temperature: number;
  topP?: number;
}

export interface TokenEvent {
  kind: 'token';
  /** The next piece of the model's output (a reasoning model's thinking inside `<think>…</think>`). */
  text: string;
}

export type FinishReason = 'stop' | 'length' | 'aborted';

/** What the worker holds now. */
export interface WorkerModelState {
  /** The loaded model, or null (never loaded, unloaded, or lost). */
  loaded: LoadResult | null;
  /** Why the engine lost its model by itself (DEVICE_LOST), until the next load; null otherwise. */
  lost: WireError | null;
}

export interface GenerationStats {
  promptTokens: number;
  completionTokens: number;
  /** From the start of the request to the first token (includes reading the prompt). */
  firstTokenMs: number;
  /** Decoding speed after the first token. */
  tokensPerSecond: number;
  /** Prompt tokens the engine still held from the request before and did not read again (CPU engine). */
  reusedTokens?: number;
}

export interface GenerateResult {
  /** The whole output, thinking included as streamed; the page keeps the answer apart (chat/thinking.ts). */
  text: string;
  finishReason: FinishReason;
  stats: GenerationStats;
  /** The engine lets go of this prompt right after the answer (the CPU engine restarts to give memory
   *  back): a follow-up cannot be read on top of it, so it is built afresh. */
  cacheCleared?: true;
}

/** A model and where its files come from (what `load` gets, without the runtime options). */
export type ModelFilesRef = Pick<LoadPayload, 'model' | 'modelUrl' | 'libUrl'>;

export type StoredState = 'none' | 'partial' | 'complete';

export interface StoredModelInfo {
  modelId: string;
  /** 'complete': loads without the network; 'partial': an unfinished download that resumes. */
  state: StoredState;
  /** Bytes in browser storage. */
  bytes: number;
  /** Full size when known. */
  totalBytes: number | null;
  /** A download of this model is running in the worker. */
  downloading: boolean;
  /** Another Hearth window is downloading this model (a download here would wait for it). */
  downloadingElsewhere: boolean;
}

/** One file of a model folder picked from disk, with its path inside the folder (`webkitRelativePath`). */
export interface ImportFile {
  path: string;
  file: File;
}

export type LlmProtocol = {
  /** Load (downloading on first use) a model; loading the model that is already loaded is a no-op. */
  load: { payload: LoadPayload; result: LoadResult; event: LoadProgressEvent };
  /** Stream an answer. A cancelled call ends with an ABORTED error (the page already has the tokens). */
  generate: { payload: GeneratePayload; result: GenerateResult; event: TokenEvent };
  /** Free the model's memory. */
  unload: { payload: Record<string, never>; result: void; event: never };
  /** Whether the model is still loaded (a GPU device can be lost while nobody asks anything). */
  state: { payload: Record<string, never>; result: WorkerModelState; event: never };
  /** The models open in the other Hearth windows, one entry per window. */
  openElsewhere: { payload: Record<string, never>; result: OpenModel[]; event: never };

  /** Store every file of a model (resuming an unfinished download) without loading it. */
  download: { payload: ModelFilesRef; result: StoredModelInfo; event: LoadProgressEvent };
  /** What is stored of each model. */
  listStored: { payload: { models: ModelFilesRef[] }; result: StoredModelInfo[]; event: never };
  /** Delete a model's files (unloading it first when it is the loaded one). */
  deleteStored: { payload: ModelFilesRef; result: void; event: never };
  /** Delete every model file of both engines, imported models included. */
  deleteAll: { payload: Record<string, never>; result: void; event: never };
  /** Copy a .gguf file from disk into browser storage as a new local model. */
  importGguf: { payload: { file: File }; result: LocalModel; event: LoadProgressEvent };
  /** Copy a compiled MLC model folder into web-llm's storage as a new local model. */
  importMlcFolder: { payload: { files: ImportFile[] }; result: LocalModel; event: LoadProgressEvent };
};

/**
 * What every engine does once its model is loaded, wherever it runs: the LLM worker's engines
 * (`LlmEngine` in engines/engine.ts extends this) and the page's built-in one (the browser's
 * Prompt API, which windows have and workers do not: src/lib/llm/built-in/engine.ts).
 */
export interface AnswerEngine {
  /**
   * Generate an answer, calling `onToken` for each piece of text. When `signal` fires the engine stops
   * within one piece and resolves with `finishReason: 'aborted'` and the text so far.
   * @throws AppError GENERATION_FAILED (or DEVICE_LOST, OUT_OF_MEMORY, PROMPT_TOO_LONG…) when the engine fails.
   */
  generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult>;
  /** Free memory. Safe to call at any time, also when nothing is loaded. */
  unload(): Promise<void>;
  /** False after unload, or after a failure that killed the model. */
  isLoaded(): boolean;
}
