/**
 * The second CPU engine: transformers.js text generation on ONNX Runtime Web (WASM, threads when the
 * page is cross-origin isolated), running the ONNX exports transformers.js publishes (model_q4.onnx
 * with MatMulNBits, model_quantized.onnx with MatMulInteger). Its WASM kernels read a prompt as
 * matrix–matrix products. transformers.js downloads the files itself into Cache Storage, so after
 * the first load a model loads offline. Streaming goes through its TextStreamer (whole words, as
 * the docs show), Stop through its InterruptableStoppingCriteria, checked after every token: a Stop
 * during prompt reading takes effect once the prompt is read (one ONNX Runtime run cannot be cut short).
 * What a generation read stays in its caches for the next one (onnx-prompt-cache.ts): a follow-up
 * whose prompt starts with the previous prompt and answer reads only what is new.
 */
import {
  AutoModelForCausalLM, AutoTokenizer, InterruptableStoppingCriteria, TextStreamer,
  type DynamicCache, type PreTrainedModel, type PreTrainedTokenizer, type ProgressInfo, type Tensor,
} from '@huggingface/transformers';
import { thinkingSwitchOf } from '../../src/lib/catalog/thinking-switch';
import type { OnnxLlmModel } from '../../src/lib/catalog/types';
import { appError, type AppError } from '../../src/lib/errors';
import type { FinishReason, GeneratePayload, GenerateResult, LoadPayload, LoadResult } from '../llm.protocol';
import { contextWindowFor, GenerationClock, type LlmEngine, type ProgressReport } from './engine';
import { classifyCommon, diagnoseDownload, fallbackError, type EnginePhase } from './errors';
import { onnxModelFiles } from './onnx-files';
import { OnnxPromptCache } from './onnx-prompt-cache';
import { browserOnnxHub, type OnnxHub } from './onnx-hub';
import { defaultThreads } from './threads';

export function mapOnnxError(error: unknown, phase: EnginePhase): AppError {
  const common = classifyCommon(error, phase);
  if (common) return common;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (phase === 'load' && /Could not locate file|ModelFileNotFoundError|file was not found/i.test(text)) {
    return appError('MODEL_FILE_NOT_FOUND', { detail: text, cause: error });
  }
  if (/\bERROR_CODE: ?6\b|std::bad_alloc|Out of memory|OOM/i.test(text)) return appError('OUT_OF_MEMORY', { detail: text, cause: error });
  return fallbackError(error, phase);
}

/**
 * transformers.js treats some files as optional and fails later with a TypeError when they are
 * missing (a 404 for tokenizer_config.json), so an unexplained load failure asks each file for its status.
 */
async function explainLoadError(error: unknown, modelUrl: string, model: OnnxLlmModel): Promise<AppError> {
  const mapped = mapOnnxError(error, 'load');
  if (mapped.code !== 'MODEL_LOAD_FAILED') return mapped;
  const diagnosed = await diagnoseDownload(onnxModelFiles(model).map((f) => new URL(f, modelUrl).href)).catch(() => null);
  return diagnosed ?? mapped;
}

/** Sums transformers.js' per-file progress into one figure. */
class LoadProgress {
  readonly #files = new Map<string, { loaded: number; total: number }>();
  constructor(private readonly report: (p: ProgressReport) => void) {}

  on = (info: ProgressInfo): void => {
    if (info.status !== 'progress') return;
    this.#files.set(info.file, { loaded: info.loaded, total: info.total });
    let loadedBytes = 0;
    let totalBytes = 0;
    for (const f of this.#files.values()) {
      loadedBytes += f.loaded;
      totalBytes += f.total;
    }
    this.report({ loadedBytes, totalBytes, phase: 'download' });
  };
}

export class OnnxLlmEngine implements LlmEngine {
  readonly id = 'transformers' as const;
  #model: PreTrainedModel | null = null;
  #tokenizer: PreTrainedTokenizer | null = null;
  #nCtx = 0;
  /** Qwen3-style hybrid reasoning models: their template's `enable_thinking` set to false (see thinking-switch.ts). */
  #thinkingOff = false;
  readonly #promptCache = new OnnxPromptCache();

  constructor(private readonly hub: OnnxHub = browserOnnxHub) {}

  async load(options: LoadPayload, onProgress: (progress: ProgressReport) => void, signal: AbortSignal): Promise<LoadResult> {
    const model = options.model;
    if (model.engine !== 'transformers') throw appError('MODEL_LOAD_FAILED', { detail: `${model.id} is not an ONNX model` });
    if (signal.aborted) throw appError('ABORTED');
    await this.unload();
    const setup = this.hub({ model, modelUrl: options.modelUrl, threads: options.threads ?? defaultThreads() });
    const progress = new LoadProgress(onProgress);
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(setup.modelId, { revision: model.revision, progress_callback: progress.on });
      if (signal.aborted) throw appError('ABORTED');
      const loaded = await AutoModelForCausalLM.from_pretrained(setup.modelId, {
        revision: model.revision,
        dtype: model.dtype,
        device: setup.device,
        progress_callback: progress.on,
        ...(setup.sessionOptions ? { session_options: setup.sessionOptions } : {}),
      });
      if (signal.aborted) {
        await loaded.dispose();
        throw appError('ABORTED');
      }
      this.#tokenizer = tokenizer;
      this.#model = loaded;
    } catch (error) {
      await this.unload();
      if (signal.aborted) throw appError('ABORTED');
      throw await explainLoadError(error, options.modelUrl, model);
    }
    this.#nCtx = contextWindowFor(options);
    this.#thinkingOff = thinkingSwitchOf(model) === 'enable_thinking';
    return { modelId: model.id, engine: 'transformers', contextLength: this.#nCtx };
  }

  /**
   * @param stopFlag set to 1 by another thread to stop (see onnx-host.protocol.ts); read after every token.
   */
  async generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal, stopFlag: Int32Array | null = null): Promise<GenerateResult> {
    const model = this.#model;
    const tokenizer = this.#tokenizer;
    if (!model || !tokenizer) throw appError('GENERATION_FAILED', { detail: 'no model is loaded' });
    const clock = new GenerationClock();
    if (signal.aborted) return { text: '', finishReason: 'aborted', stats: clock.stats(0) };

    const template = { add_generation_prompt: true, return_dict: true, ...(this.#thinkingOff ? { enable_thinking: false } : {}) };
    const inputs = tokenizer.apply_chat_template(request.messages, template) as {
      input_ids: Tensor;
      attention_mask: Tensor;
    };
    const promptTokens = Number(inputs.input_ids.dims.at(-1) ?? 0);
    const room = this.#nCtx - promptTokens;
    if (room < 1) throw appError('PROMPT_TOO_LONG', { detail: `${promptTokens} prompt tokens, context window ${this.#nCtx}` });
    const maxTokens = Math.max(1, Math.min(Math.floor(request.maxTokens), room));

    const stop = new SharedStop(stopFlag);
    const onAbort = () => stop.interrupt();
    signal.addEventListener('abort', onAbort, { once: true });
    const eos = new Set(eosIds(model));
    let text = '';
    let completionTokens = 0;
    let endedOnEos = false;
    const streamer = new TextStreamer(tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      token_callback_function: (tokens: bigint[]) => {
        completionTokens += tokens.length;
        clock.token();
        endedOnEos = tokens.length > 0 && eos.has(Number(tokens[tokens.length - 1]));
      },
      callback_function: (piece: string) => {
        if (!piece || signal.aborted || stop.flagged()) return;
        text += piece;
        onToken(piece);
      },
    });
    const hit = this.#promptCache.take(Array.from(inputs.input_ids.data as BigInt64Array));
    const sampling = request.temperature > 0
      ? { do_sample: true, temperature: request.temperature, ...(request.topP !== undefined ? { top_p: request.topP } : {}) }
      : { do_sample: false };
    try {
      const output = await model.generate({
        ...inputs, max_new_tokens: maxTokens, ...sampling, streamer, stopping_criteria: [stop],
        ...(hit.pastKeyValues ? { past_key_values: hit.pastKeyValues } : {}), return_dict_in_generate: true,
      }) as { sequences: Tensor; past_key_values: DynamicCache };
      this.#promptCache.keep(output.past_key_values, Array.from(output.sequences.data as BigInt64Array));
    } catch (error) {
      this.#promptCache.clear();
      throw await this.#generateError(error);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    const stats = { ...clock.stats(promptTokens, completionTokens), reusedTokens: hit.reused };
    if (signal.aborted || stop.flagged()) return { text, finishReason: 'aborted', stats };
    const finishReason: FinishReason = endedOnEos || completionTokens < maxTokens ? 'stop' : 'length';
    return { text, finishReason, stats };
  }

  async unload(): Promise<void> {
    const model = this.#model;
    this.#model = null;
    this.#tokenizer = null;
    this.#nCtx = 0;
    this.#promptCache.clear();
    await model?.dispose().catch(() => {});
  }

  isLoaded(): boolean {
    return this.#model !== null;
  }

  /** Out of memory leaves ONNX Runtime's WASM heap unusable: free the model, so the next load starts clean. */
  async #generateError(error: unknown): Promise<AppError> {
    const mapped = mapOnnxError(error, 'generate');
    const crashed = (error instanceof Error && error.name === 'RuntimeError') || mapped.code === 'OUT_OF_MEMORY';
    if (crashed) await this.unload();
    return mapped;
  }
}

/** transformers.js' interrupt (Stop in this thread), or a flag set from another thread. */
class SharedStop extends InterruptableStoppingCriteria {
  constructor(private readonly flag: Int32Array | null) {
    super();
  }

  flagged(): boolean {
    return this.flag !== null && Atomics.load(this.flag, 0) === 1;
  }

  override _call(inputIds: number[][], scores: number[][]): boolean[] {
    if (this.flagged()) this.interrupt();
    return super._call(inputIds, scores);
  }
}

/** The ids generation stops at (generation_config.json's eos_token_id, one id or several). */
function eosIds(model: PreTrainedModel): number[] {
  const config = model.generation_config as { eos_token_id?: number | number[] | null } | null;
  const eos = config?.eos_token_id;
  return eos === undefined || eos === null ? [] : Array.isArray(eos) ? eos : [eos];
}
