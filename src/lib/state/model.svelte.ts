/**
 * The language model: which one (the device's recommendation or the user's choice), loading it in
 * the LLM worker with progress, and restarting it after a crash.
 */
import type { Catalog, LlmModel } from '../catalog/types';
import { webLlmLibUrl, webLlmModelUrl, wllamaModelUrl } from '../catalog/urls';
import type { DeviceCapabilities } from '../device/capabilities';
import { checkFits, recommendLlm } from '../device/recommend';
import { AppError, appError } from '../errors';
import type { LlmClient } from '../llm/client';

export interface LoadProgressView {
  loadedBytes: number;
  totalBytes: number;
  text: string;
}

export class ModelState {
  model = $state.raw<LlmModel | null>(null);
  reason = $state('');
  warning = $state<string | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state<LoadProgressView | null>(null);
  error = $state<AppError | null>(null);
  #client: LlmClient;
  #catalog: Catalog | null = null;
  #baseUrl = '';
  #loading: Promise<void> | null = null;

  constructor(client: LlmClient) {
    this.#client = client;
  }

  /** Pick the model: the user's choice if it is in the catalog, else the device's recommendation. */
  choose(catalog: Catalog, caps: DeviceCapabilities, chosenId: string | null, modelBaseUrl: string): void {
    this.#catalog = catalog;
    this.#baseUrl = modelBaseUrl;
    const recommended = recommendLlm(catalog, caps);
    const chosen = chosenId ? catalog.models.find((m): m is LlmModel => m.id === chosenId && m.kind === 'llm') : undefined;
    this.model = chosen ?? recommended.model;
    this.reason = chosen ? 'Your choice in Settings.' : recommended.reason;
    this.warning = checkFits(this.model, caps);
    this.status = 'idle';
    this.error = null;
  }

  /** Load the chosen model once; concurrent callers share the same load. */
  ensureLoaded(): Promise<void> {
    if (this.status === 'ready') return Promise.resolve();
    this.#loading ??= this.#load().finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** After a crash the worker is new and empty: mark the model unloaded so the next ask reloads it. */
  markCrashed(error: AppError): void {
    if (this.status === 'loading') return; // the load itself fails and reports
    this.status = 'error';
    this.error = error;
  }

  async #load(): Promise<void> {
    const model = this.model;
    const catalog = this.#catalog;
    if (!model || !catalog) throw appError('MODEL_NOT_IN_CATALOG');
    this.status = 'loading';
    this.error = null;
    this.progress = { loadedBytes: 0, totalBytes: model.downloadSizeMB * 1024 * 1024, text: 'Starting…' };
    try {
      const modelUrl = model.engine === 'webllm' ? webLlmModelUrl(this.#baseUrl, model) : wllamaModelUrl(this.#baseUrl, model);
      const libUrl = model.engine === 'webllm' ? webLlmLibUrl(catalog.libBaseUrl, model) : undefined;
      await this.#client.call(
        'load',
        { model: $state.snapshot(model) as LlmModel, modelUrl, ...(libUrl ? { libUrl } : {}) },
        { onEvent: (p) => (this.progress = { loadedBytes: p.loadedBytes, totalBytes: p.totalBytes, text: p.text }) },
      );
      this.status = 'ready';
    } catch (error) {
      const appErr = error instanceof AppError ? error : appError('MODEL_LOAD_FAILED', { detail: String(error) });
      this.status = 'error';
      this.error = appErr;
      throw appErr;
    } finally {
      this.progress = null;
    }
  }
}
