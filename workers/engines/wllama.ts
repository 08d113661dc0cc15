/**
 * The CPU engine: llama.cpp compiled to WebAssembly (@wllama/wllama), running GGUF models. wllama
 * runs llama.cpp in a worker of its own (a blob: module worker), which also works nested inside our
 * LLM worker. It loads the GGUF file our downloader stored in OPFS (`downloads/`), never downloading
 * itself, so a model loads offline and is stored once, not also in wllama's own cache.
 */
import { Wllama, type WllamaLogger } from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { appError, type AppError } from '../../src/lib/errors';
import type { ChatMessage, FinishReason, GeneratePayload, GenerateResult, LoadPayload, LoadResult } from '../llm.protocol';
import { contextWindowFor, GenerationClock, type LlmEngine, type ProgressReport } from './engine';
import { classifyCommon, fallbackError, type EnginePhase } from './errors';
import { kvCacheOptions, readModelHeader, type KvCacheOptions } from './kv-cache';
import { budgetFor, kvBytesPerToken, PromptCacheMeter } from './prompt-cache-meter';
import { chatTemplateKwargs, type THINKING_OFF } from './prompting';
import { ReasoningText } from './reasoning-text';
import { defaultThreads } from './threads';

/** What a restart needs to load the same model again. */
interface LoadedWith {
  files: Blob[];
  params: Record<string, number>;
  kvCache: KvCacheOptions;
}

/** wllama is chatty at debug level; keep its warnings and errors. */
const logger: WllamaLogger = {
  debug: () => {},
  log: () => {},
  warn: (...args: unknown[]) => console.warn('[wllama]', ...args),
  error: (...args: unknown[]) => console.error('[wllama]', ...args),
};

/**
 * The prompt for a model without a chat template (a base model such as stories260K): "system\n\nuser\n",
 * every message's text in order, blank lines between. An earlier answer follows the prompt it was
 * written after exactly as generated (no separator, not trimmed), so a follow-up's prompt starts with
 * the previous prompt and answer and llama.cpp reads only what comes after them.
 */
export function plainPrompt(messages: ChatMessage[]): string {
  let out = '';
  for (const m of messages) {
    if (m.role === 'assistant') {
      if (m.content) out += `${m.content}\n\n`;
      continue;
    }
    const text = m.content.trim();
    if (text) out += out && !out.endsWith('\n\n') ? `\n${text}\n` : `${text}\n`;
  }
  return out;
}

function mapWllamaError(error: unknown, phase: EnginePhase): AppError {
  const common = classifyCommon(error, phase);
  if (common) return common;
  const text = error instanceof Error ? error.message : String(error);
  if (phase === 'load' && /must ends? with "?\.gguf|Invalid model URL/i.test(text)) {
    return appError('MODEL_LOAD_FAILED', { message: 'The model address does not point at a .gguf file. Check the catalog.', detail: text, cause: error });
  }
  return fallbackError(error, phase);
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/** The streaming chunk shapes we read from wllama (chat and raw completions). */
interface StreamChunk {
  /** llama.cpp's chat parser streams a model's thinking as `reasoning_content`, apart from `content`. */
  choices: { text?: string; delta?: { content?: string | null; reasoning_content?: string | null }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

export class WllamaEngine implements LlmEngine {
  readonly id = 'wllama' as const;
  #wllama: Wllama | null = null;
  #nCtx = 0;
  #chat = false;
  #loadedWith: LoadedWith | null = null;
  #meter: PromptCacheMeter | null = null;
  /** A restart in progress (see prompt-cache-meter.ts); requests wait for it. */
  #restarting: Promise<void> | null = null;
  /** The loaded GGUF's chat template variables (thinking off for a reasoning model), if any. */
  #templateKwargs: typeof THINKING_OFF | undefined;

  async load(options: LoadPayload, onProgress: (progress: ProgressReport) => void, signal: AbortSignal, files?: Blob[]): Promise<LoadResult> {
    if (options.model.engine !== 'wllama') throw appError('MODEL_LOAD_FAILED', { detail: `${options.model.id} is not a GGUF model` });
    if (!files?.length) throw appError('MODEL_LOAD_FAILED', { detail: `no stored GGUF file for ${options.model.id}` });
    if (signal.aborted) throw appError('ABORTED');
    await this.unload();
    const requestedCtx = contextWindowFor(options);
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const wllama = new Wllama({ default: wasmUrl }, { logger, suppressNativeLog: true });
    this.#wllama = wllama;
    onProgress({ loadedBytes: totalBytes, totalBytes, phase: 'start' });
    // Reading the file into llama.cpp is not interruptible: a cancel is honoured right after it.
    const header = await readModelHeader(files[0] as Blob);
    let kvCache = kvCacheOptions(header, options.kvCache);
    const params = {
      n_ctx: requestedCtx,
      n_threads: options.threads ?? defaultThreads(),
      // CPU only: the WASM engine is chosen when there is no usable GPU (and SwiftShader is slower than the CPU).
      n_gpu_layers: 0,
      // One conversation at a time, so the prompt cache of the token-count pass is reused (see generate).
      n_parallel: 1,
    };
    try {
      kvCache = await this.#loadWith(wllama, files, params, kvCache);
    } catch (error) {
      await this.unload();
      throw isAbort(error, signal) ? appError('ABORTED') : mapWllamaError(error, 'load');
    }
    if (signal.aborted) {
      await this.unload();
      throw appError('ABORTED');
    }
    const info = wllama.getLoadedContextInfo();
    this.#nCtx = Math.min(info.n_ctx, requestedCtx);
    this.#loadedWith = { files, params, kvCache };
    this.#meter = new PromptCacheMeter(kvBytesPerToken(header, kvCache), budgetFor(totalBytes));
    // A chat model goes through its own Jinja template (llama.cpp renders it); a base model has none.
    const template = wllama.getChatTemplate();
    this.#chat = Boolean(template);
    this.#templateKwargs = template ? chatTemplateKwargs(options.model, template) : undefined;
    return { modelId: options.model.id, engine: 'wllama', contextLength: this.#nCtx };
  }

  /** Loads with the q8_0 cache; should llama.cpp refuse it for this model, once more with its defaults. */
  async #loadWith(wllama: Wllama, files: Blob[], params: Record<string, number>, kvCache: KvCacheOptions): Promise<KvCacheOptions> {
    try {
      await wllama.loadModel(files, { ...params, ...kvCache });
      return kvCache;
    } catch (error) {
      const refusedCache = Object.keys(kvCache).length > 0 && mapWllamaError(error, 'load').code === 'MODEL_LOAD_FAILED';
      if (!refusedCache) throw error;
      console.warn('[wllama] the q8_0 KV cache was refused; loading with the default cache', error);
      await wllama.exit().catch(() => {});
      await wllama.loadModel(files, params);
      return {};
    }
  }

  async generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult> {
    await this.#restarting;
    const result = await this.#generate(request, onToken, signal);
    if (!this.#meter?.shouldRestart()) return result;
    this.#restarting = this.#restart().finally(() => {
      this.#restarting = null;
    });
    return { ...result, cacheCleared: true };
  }

  /**
   * Starts llama.cpp afresh with the same model, file and options, to give back the memory its prompt
   * cache took. Runs while the engine is idle, right after an answer; a failure leaves the engine
   * unloaded, so the next question loads the model again the ordinary way.
   */
  async #restart(): Promise<void> {
    const old = this.#wllama;
    const loadedWith = this.#loadedWith;
    if (!old || !loadedWith) return;
    const freed = Math.round((this.#meter?.cachedBytes ?? 0) / (1024 * 1024));
    try {
      await old.exit();
      const fresh = new Wllama({ default: wasmUrl }, { logger, suppressNativeLog: true });
      this.#wllama = fresh;
      loadedWith.kvCache = await this.#loadWith(fresh, loadedWith.files, loadedWith.params, loadedWith.kvCache);
      this.#meter?.reset();
      console.info(`[wllama] restarted the engine to give back about ${freed} MiB held for earlier prompts`);
    } catch (error) {
      console.warn('[wllama] restarting the engine to free its prompt cache failed; it loads again on the next question', error);
      await this.#drop();
    }
  }

  async #generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult> {
    const wllama = this.#wllama;
    if (!wllama?.isModelLoaded()) throw appError('GENERATION_FAILED', { detail: 'no model is loaded' });
    const clock = new GenerationClock();
    const aborted = (text: string, promptTokens: number): GenerateResult => ({
      text,
      finishReason: 'aborted',
      stats: clock.stats(promptTokens),
    });
    if (signal.aborted) return aborted('', 0);

    const sampling = { temperature: request.temperature, ...(request.topP !== undefined ? { top_p: request.topP } : {}) };
    const prompt = this.#chat ? null : plainPrompt(request.messages);
    const meter = this.#meter;
    // The same template variables for both requests, so the second reuses the first's prompt cache.
    const chat = { messages: request.messages, ...(this.#templateKwargs ? { chat_template_kwargs: this.#templateKwargs } : {}) };

    // 1. Count the prompt's tokens with a one-token request (wllama has no tokenizer call). llama.cpp
    //    keeps the prompt in its cache, so the real request below re-reads only its last token.
    //    It also says how many tokens of the previous request's context were reused (a follow-up in
    //    the same conversation reads only what is new).
    let promptTokens: number;
    let reusedTokens: number | undefined;
    try {
      const probe = prompt === null
        ? await wllama.createChatCompletion({ ...chat, max_tokens: 1, temperature: 0, abortSignal: signal })
        : await wllama.createCompletion({ prompt, max_tokens: 1, temperature: 0, abortSignal: signal });
      promptTokens = probe.usage.prompt_tokens;
      reusedTokens = probe.usage.prompt_tokens_details?.cached_tokens ?? ('timings' in probe ? probe.timings?.cache_n : undefined);
      meter?.started(reusedTokens);
    } catch (error) {
      if (isAbort(error, signal)) return aborted('', 0);
      throw await this.#generateError(error);
    }
    const room = this.#nCtx - promptTokens;
    if (room < 1) {
      throw appError('PROMPT_TOO_LONG', { detail: `${promptTokens} prompt tokens, context window ${this.#nCtx}` });
    }
    const maxTokens = Math.max(1, Math.min(Math.floor(request.maxTokens), room));

    // 2. Stream the answer, never asking for more tokens than the context window has left.
    let text = '';
    let finishReason: FinishReason = 'stop';
    let completionTokens: number | undefined;
    const reasoning = new ReasoningText();
    const onData = (chunk: StreamChunk) => {
      if (signal.aborted) return; // a chunk already in flight when the page said stop
      const choice = chunk.choices[0];
      const piece = prompt === null ? reasoning.piece(choice?.delta?.reasoning_content, choice?.delta?.content) : (choice?.text ?? '');
      if (piece) {
        text += piece;
        clock.token();
        onToken(piece);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason === 'length' ? 'length' : 'stop';
      if (chunk.usage) {
        promptTokens = chunk.usage.prompt_tokens;
        completionTokens = chunk.usage.completion_tokens;
      }
    };
    try {
      if (prompt === null) {
        await wllama.createChatCompletion({ ...chat, max_tokens: maxTokens, ...sampling, stream: true, onData, abortSignal: signal });
      } else {
        await wllama.createCompletion({ prompt, max_tokens: maxTokens, ...sampling, stream: true, onData, abortSignal: signal });
      }
    } catch (error) {
      meter?.finished(promptTokens + clock.tokens);
      if (isAbort(error, signal)) return aborted(text, promptTokens);
      throw await this.#generateError(error);
    }
    meter?.finished(promptTokens + (completionTokens ?? clock.tokens));
    if (signal.aborted) return aborted(text, promptTokens);
    const stats = clock.stats(promptTokens, completionTokens ?? clock.tokens);
    return { text, finishReason, stats: reusedTokens === undefined ? stats : { ...stats, reusedTokens } };
  }

  async unload(): Promise<void> {
    await this.#restarting;
    await this.#drop();
  }

  async #drop(): Promise<void> {
    const wllama = this.#wllama;
    this.#wllama = null;
    this.#nCtx = 0;
    this.#loadedWith = null;
    this.#meter = null;
    this.#templateKwargs = undefined;
    await wllama?.exit().catch(() => {});
  }

  isLoaded(): boolean {
    // A restart keeps the model: requests wait for it.
    return this.#restarting !== null || (this.#wllama?.isModelLoaded() ?? false);
  }

  /** A crash of llama.cpp's WASM (abort, trap, OOM) leaves wllama unusable: free it, so the next load starts clean. */
  async #generateError(error: unknown): Promise<AppError> {
    const mapped = mapWllamaError(error, 'generate');
    const crashed = (error instanceof Error && error.name === 'RuntimeError') || /has crashed|Aborted\(/.test(String(error));
    if (crashed || mapped.code === 'OUT_OF_MEMORY') await this.#drop();
    return mapped;
  }
}
