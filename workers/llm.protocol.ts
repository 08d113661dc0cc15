/**
 * The LLM worker's protocol: load a model (with download progress), generate an answer (streaming
 * tokens), unload. One engine runs at a time: web-llm on WebGPU or wllama (llama.cpp) on the CPU.
 * Cancelling a call through the rpc layer's AbortSignal stops generation within one token.
 */
import type { EngineId, LlmModel } from '../src/lib/catalog/types';

export type LlmEngineId = Extract<EngineId, 'webllm' | 'wllama'>;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LoadPayload {
  model: LlmModel;
  /** wllama: the GGUF file URL; web-llm: the model folder ending in `/resolve/{revision}/`. */
  modelUrl: string;
  /** web-llm only: the compiled model library (.wasm). */
  libUrl?: string;
  /** wllama only: CPU threads (1 unless the page is cross-origin isolated). */
  threads?: number;
  /** Context window to allocate, at most the model's `contextLength` (default: min(contextLength, 4096)). */
  contextWindow?: number;
}

export interface LoadProgressEvent {
  kind: 'progress';
  loadedBytes: number;
  totalBytes: number;
  /** A short status line ("Downloading…", web-llm's own progress text). */
  text: string;
}

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
  text: string;
}

export type FinishReason = 'stop' | 'length' | 'aborted';

export interface GenerationStats {
  promptTokens: number;
  completionTokens: number;
  /** From the start of the request to the first token (includes reading the prompt). */
  firstTokenMs: number;
  /** Decoding speed after the first token. */
  tokensPerSecond: number;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  stats: GenerationStats;
}

export type LlmProtocol = {
  /** Load (downloading on first use) a model; loading the model that is already loaded is a no-op. */
  load: { payload: LoadPayload; result: LoadResult; event: LoadProgressEvent };
  /** Stream an answer. A cancelled call ends with an ABORTED error (the page already has the tokens). */
  generate: { payload: GeneratePayload; result: GenerateResult; event: TokenEvent };
  /** Free the model's memory. */
  unload: { payload: Record<string, never>; result: void; event: never };
};
