/**
 * The WebGPU engine: @mlc-ai/web-llm's MLCEngine, run directly in our LLM worker (not web-llm's own
 * worker wrapper), with an appConfig built from the catalog record. It refuses a model the GPU cannot
 * run (no adapter, no shader-f16) before any download, and names the missing file when one is absent.
 * It watches its GPU device (gpu-device-watch.ts): after a loss the model counts as unloaded, a
 * generation in flight ends with DEVICE_LOST (keeping what was streamed), and the next load starts afresh.
 */
import { MLCEngine, type AppConfig, type ChatCompletionChunk, type InitProgressReport } from '@mlc-ai/web-llm';
import { requiredFeaturesOf } from '../../src/lib/device/recommend';
import { appError, type AppError } from '../../src/lib/errors';
import type { FinishReason, GeneratePayload, GenerateResult, LoadPayload, LoadResult } from '../llm.protocol';
import { contextWindowFor, GenerationClock, type EngineOptions, type LlmEngine, type ProgressReport } from './engine';
import { describeError, diagnoseDownload, httpStatusError } from './errors';
import { deviceLostError, watchDevicesDuring } from './gpu-device-watch';
import { mapWebLlmError } from './webllm-errors';
import { webLlmExtraBody, type THINKING_OFF } from './prompting';
import { CONFIG_FILE, TENSOR_MANIFEST, WEBLLM_CACHES } from '../downloads/webllm-cache';

const MiB = 1024 * 1024;
/** A failed call may settle just before the device's `lost` promise does: wait this long for it. */
const LOSS_GRACE_MS = 250;
/** web-llm's unload awaits GPU work, which on a lost device need not ever finish. */
const UNLOAD_AFTER_LOSS_MS = 2000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Ask for the GPU the way web-llm will, and list the features it offers (null: no WebGPU adapter). */
async function adapterFeatures(): Promise<Set<string> | null> {
  const gpu = globalThis.navigator?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ? new Set([...adapter.features].map(String)) : null;
  } catch {
    return null;
  }
}

export class WebLlmEngine implements LlmEngine {
  readonly id = 'webllm' as const;
  #engine: MLCEngine | null = null;
  #modelId = '';
  /** web-llm's `extra_body` for the loaded model (thinking off for a reasoning model), if any. */
  #extraBody: typeof THINKING_OFF | undefined;
  #onLost: EngineOptions['onLost'];
  /** Why the loaded model is gone (its GPU device was lost), or null. */
  #lost: AppError | null = null;
  /** Generations in flight, told when the device is lost. */
  readonly #lossListeners = new Set<(error: AppError) => void>();

  constructor(options: EngineOptions = {}) {
    this.#onLost = options.onLost;
  }

  async load(options: LoadPayload, onProgress: (progress: ProgressReport) => void, signal: AbortSignal): Promise<LoadResult> {
    const { model, modelUrl, libUrl } = options;
    if (model.engine !== 'webllm') throw appError('MODEL_LOAD_FAILED', { detail: `${model.id} is not a web-llm model` });
    if (!libUrl) throw appError('MODEL_LOAD_FAILED', { detail: `no model library URL for ${model.id}` });
    if (signal.aborted) throw appError('ABORTED');
    await this.unload();
    this.#lost = null;

    // 1. Before any download: is there a GPU, and does it have what the model needs?
    const features = await adapterFeatures();
    if (!features) throw appError('WEBGPU_UNAVAILABLE', { detail: 'navigator.gpu.requestAdapter() gave no adapter' });
    const needed = requiredFeaturesOf(model);
    this.#checkFeatures(needed, features, `catalog record ${model.id}`);

    // 2. The model's own config (a few kB): a precise 404, and a second look at its quantization.
    const configUrl = new URL(CONFIG_FILE, modelUrl).href;
    await this.#preflightConfig(configUrl, features, signal);

    // 3. web-llm: model library, weights, GPU pipelines.
    const contextLength = contextWindowFor(options);
    const totalBytes = Math.round(model.downloadSizeMB * MiB);
    const appConfig: AppConfig = {
      model_list: [
        {
          model: modelUrl,
          model_id: model.id,
          model_lib: libUrl,
          vram_required_MB: model.memoryMB,
          low_resource_required: model.lowResource,
          required_features: needed,
          overrides: { context_window_size: contextLength },
        },
      ],
    };
    let downloaded = 0;
    const engine = new MLCEngine({
      appConfig,
      logLevel: 'WARN',
      initProgressCallback: (report: InitProgressReport) => {
        // web-llm reports 0→1 while fetching, then 0→1 again while moving weights to the GPU.
        const loading = report.text.startsWith('Loading model from cache') || report.text.startsWith('Finish loading');
        downloaded = loading ? totalBytes : Math.max(downloaded, Math.round(report.progress * totalBytes));
        onProgress({ loadedBytes: downloaded, totalBytes, phase: loading ? 'start' : 'download' });
      },
    });
    this.#engine = engine;
    const stop = () => void engine.unload().catch(() => {});
    signal.addEventListener('abort', stop, { once: true });
    try {
      onProgress({ loadedBytes: 0, totalBytes, phase: 'download' });
      await watchDevicesDuring(globalThis.navigator?.gpu, (device) => this.#watch(engine, device), () => engine.reload(model.id));
    } catch (error) {
      await this.unload();
      if (signal.aborted) throw appError('ABORTED');
      throw await this.#explain(error, [configUrl, libUrl, new URL(TENSOR_MANIFEST, modelUrl).href]);
    } finally {
      signal.removeEventListener('abort', stop);
    }
    // web-llm's reload() returns quietly when unload() interrupted it.
    if (signal.aborted) {
      await this.unload();
      throw appError('ABORTED');
    }
    this.#modelId = model.id;
    this.#extraBody = webLlmExtraBody(model);
    return { modelId: model.id, engine: 'webllm', contextLength };
  }

  async generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult> {
    const engine = this.#engine;
    if (!engine || !this.#modelId) throw appError('GENERATION_FAILED', { detail: 'no model is loaded' });
    if (this.#lost) {
      const lost = this.#lost;
      await this.unload();
      throw lost;
    }
    const clock = new GenerationClock();
    if (signal.aborted) return { text: '', finishReason: 'aborted', stats: clock.stats(0) };

    let text = '';
    let finishReason: FinishReason = 'stop';
    let usage: ChatCompletionChunk['usage'] | undefined;
    // interruptGenerate() makes web-llm stop before its next decode step: at most one more token.
    const interrupt = () => void engine.interruptGenerate();
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      const chunks = await engine.chat.completions.create({
        messages: request.messages,
        max_tokens: Math.max(1, Math.floor(request.maxTokens)),
        temperature: request.temperature,
        ...(request.topP !== undefined ? { top_p: request.topP } : {}),
        stream: true,
        stream_options: { include_usage: true },
        // The chat template and stop tokens are the model's own (its mlc-chat-config.json conv_template).
        ...(this.#extraBody ? { extra_body: this.#extraBody } : {}),
      });
      const streamed = (async () => {
        for await (const chunk of chunks) {
          const choice = chunk.choices[0];
          const piece = choice?.delta?.content ?? '';
          if (piece && !signal.aborted) {
            text += piece;
            clock.token();
            onToken(piece);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason === 'length' ? 'length' : choice.finish_reason === 'abort' ? 'aborted' : 'stop';
          if (chunk.usage) usage = chunk.usage;
        }
      })();
      streamed.catch(() => {}); // when the loss wins the race below, this may still fail later
      // On a lost device the stream may never end: the loss ends the generation.
      await this.#untilLost(streamed);
    } catch (error) {
      if (signal.aborted) return { text, finishReason: 'aborted', stats: clock.stats(usage?.prompt_tokens ?? 0) };
      const mapped = await this.#generateError(error);
      if (mapped.code === 'DEVICE_LOST' || mapped.code === 'OUT_OF_MEMORY') await this.unload();
      throw mapped;
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
    if (signal.aborted) finishReason = 'aborted';
    return { text, finishReason, stats: clock.stats(usage?.prompt_tokens ?? 0, usage?.completion_tokens ?? clock.tokens) };
  }

  async unload(): Promise<void> {
    const engine = this.#engine;
    this.#engine = null;
    this.#modelId = '';
    this.#extraBody = undefined;
    if (!engine) return;
    const done = engine.unload().catch(() => {});
    await (this.#lost ? Promise.race([done, delay(UNLOAD_AFTER_LOSS_MS)]) : done);
  }

  isLoaded(): boolean {
    return this.#engine !== null && this.#modelId !== '' && this.#lost === null;
  }

  /** `work`, or a rejection with DEVICE_LOST as soon as the device is lost, whichever comes first. */
  async #untilLost<T>(work: Promise<T>): Promise<T> {
    let listener: (error: AppError) => void = () => {};
    const lost = new Promise<never>((_, reject) => (listener = reject));
    this.#lossListeners.add(listener);
    try {
      return await Promise.race([work, lost]);
    } finally {
      this.#lossListeners.delete(listener);
    }
  }

  /** Report a real loss of the device this engine's model runs on (not the `destroy()` of an unload). */
  #watch(engine: MLCEngine, device: GPUDevice): void {
    void device.lost.then((info) => {
      const lost = deviceLostError(info);
      if (!lost || this.#engine !== engine || this.#lost) return;
      this.#lost = lost;
      for (const listener of this.#lossListeners) listener(lost);
      this.#onLost?.(lost);
    });
  }

  /** A failed generation as an AppError; a failure caused by a device loss is DEVICE_LOST whatever it said. */
  async #generateError(error: unknown): Promise<AppError> {
    const mapped = mapWebLlmError(error, 'generate');
    if (mapped.code === 'DEVICE_LOST') {
      this.#lost ??= mapped;
      return mapped;
    }
    if (!this.#lost) await delay(LOSS_GRACE_MS);
    if (!this.#lost) return mapped;
    if (error === this.#lost) return this.#lost;
    return appError('DEVICE_LOST', { detail: `${this.#lost.detail ?? ''}; the generation then failed with ${describeError(error)}`, cause: error });
  }

  #checkFeatures(needed: string[], have: Set<string>, source: string): void {
    const missing = needed.filter((f) => !have.has(f));
    if (missing.includes('shader-f16')) {
      throw appError('SHADER_F16_UNSUPPORTED', { detail: `${source} needs shader-f16, which this GPU adapter does not offer` });
    }
    if (missing.length > 0) {
      throw appError('WEBGPU_UNAVAILABLE', {
        message: `This GPU lacks a WebGPU feature this model needs (${missing.join(', ')}). Pick a model for the WASM engine (GGUF).`,
        detail: `${source} needs ${missing.join(', ')}`,
      });
    }
  }

  /**
   * Read mlc-chat-config.json ourselves — from web-llm's cache when it is there (offline use, imported
   * models), else from the network: a 404 becomes MODEL_FILE_NOT_FOUND naming the URL, and an f16
   * quantization the catalog did not flag is refused here. A network failure is no verdict: web-llm
   * gets to try.
   */
  async #preflightConfig(configUrl: string, features: Set<string>, signal: AbortSignal): Promise<void> {
    let response = await caches.match(configUrl, { cacheName: WEBLLM_CACHES.config }).catch(() => undefined);
    if (!response) {
      try {
        response = await fetch(configUrl, { signal });
      } catch {
        if (signal.aborted) throw appError('ABORTED');
        return;
      }
    }
    const status = httpStatusError(configUrl, response.status);
    if (status) throw status;
    let config: { quantization?: unknown };
    try {
      config = (await response.json()) as { quantization?: unknown };
    } catch (error) {
      throw appError('MODEL_FILE_NOT_FOUND', { detail: `${configUrl} is not JSON (${describeError(error)})` });
    }
    if (typeof config.quantization === 'string' && /f16/.test(config.quantization)) {
      this.#checkFeatures(['shader-f16'], features, `${CONFIG_FILE} (quantization ${config.quantization})`);
    }
  }

  /** A web-llm failure as an AppError; for vague download failures, find the file that is missing. */
  async #explain(error: unknown, urls: string[]): Promise<AppError> {
    const mapped = mapWebLlmError(error, 'load');
    if (mapped.code !== 'MODEL_DOWNLOAD_FAILED' && mapped.code !== 'MODEL_FILE_NOT_FOUND') return mapped;
    const diagnosis = await diagnoseDownload(urls).catch(() => null);
    if (!diagnosis) return mapped;
    return appError(diagnosis.code, { detail: `${diagnosis.detail ?? ''} (web-llm: ${mapped.detail ?? ''})`, cause: error });
  }
}
