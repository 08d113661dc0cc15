/**
 * The one interface both LLM worker engines implement, and what they share (context window, generation
 * clock). The factory is in create.ts, so the engines and this file do not import each other.
 */
import type { AppError } from '../../src/lib/errors';
import type {
  AnswerEngine,
  GeneratePayload,
  GenerateResult,
  LlmEngineId,
  LoadPayload,
  LoadProgressEvent,
  LoadResult,
} from '../llm.protocol';

export type ProgressReport = Omit<LoadProgressEvent, 'kind'>;

/** What the worker gives an engine when it creates one. */
export interface EngineOptions {
  /** Called once when the model is lost behind the engine's back (a GPU device lost while idle or busy). */
  onLost?: (error: AppError) => void;
}

/** `AnswerEngine` is the part the page's built-in engine shares (llm/built-in/engine.ts). */
export interface LlmEngine extends AnswerEngine {
  readonly id: LlmEngineId;
  /**
   * Initialize a model. wllama gets the model's files (already in OPFS, see `downloads/store.ts`);
   * web-llm reads its own cache and downloads what is missing itself.
   * @throws AppError: ABORTED when `signal` fires, MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED,
   *   WEBGPU_UNAVAILABLE, SHADER_F16_UNSUPPORTED, OUT_OF_MEMORY, MODEL_LOAD_FAILED…
   */
  load(options: LoadPayload, onProgress: (progress: ProgressReport) => void, signal: AbortSignal, files?: Blob[]): Promise<LoadResult>;
  /**
   * Generate an answer, calling `onToken` for each piece of text. When `signal` fires the engine stops
   * within one token and resolves with `finishReason: 'aborted'` and the text so far.
   * @throws AppError GENERATION_FAILED (or DEVICE_LOST, OUT_OF_MEMORY) when the engine fails.
   */
  generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult>;
  /** Free memory. Safe to call at any time, also when nothing is loaded. */
  unload(): Promise<void>;
  /** False after unload, or after a failure that killed the model (GPU lost, WASM crash, out of memory). */
  isLoaded(): boolean;
}

/** Largest context window allocated by default: bigger ones cost memory that RAG prompts rarely use. */
export const DEFAULT_MAX_CONTEXT = 4096;

/** The context window to allocate for a load request. */
export function contextWindowFor(options: LoadPayload): number {
  const wanted = options.contextWindow ?? DEFAULT_MAX_CONTEXT;
  return Math.max(1, Math.min(options.model.contextLength, Math.floor(wanted)));
}

/** Measures time to first token and decode speed the same way for every engine (shared with the page's built-in one). */
export { GenerationClock } from '../../src/lib/llm/generation-clock';

export type { GeneratePayload, GenerateResult, LoadPayload, LoadResult };
