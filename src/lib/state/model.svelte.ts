/**
 * The language model: which one (the device's recommendation, the user's choice, or an imported
 * model), loading it in the LLM worker with download progress (speed, time left, cancel), switching
 * to another without reloading the page, and restarting it after a crash.
 */
import type { Catalog, LlmModel } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { checkFits, recommendLlm } from '../device/recommend';
import { AppError, appError } from '../errors';
import type { LlmClient } from '../llm/client';
import { LocalModelList } from '../models/local.svelte';
import { withLocalModels } from '../models/local-models';
import { requestPersistentStorage } from '../models/persist';
import { DownloadProgress } from '../models/progress.svelte';
import { sourceOf as modelSource } from '../models/sources';

export class ModelState {
  model = $state.raw<LlmModel | null>(null);
  reason = $state('');
  warning = $state<string | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state.raw<DownloadProgress | null>(null);
  error = $state<AppError | null>(null);
  /** Models imported from disk; merged into `catalog`. */
  readonly local = new LocalModelList();
  #baseCatalog = $state.raw<Catalog | null>(null);
  /** The catalog with the imported models: what the model manager lists and `switchTo` picks from. */
  readonly catalog = $derived(this.#baseCatalog ? withLocalModels(this.#baseCatalog, this.local.list) : null);
  #caps: DeviceCapabilities | null = null;
  #client: LlmClient;
  #baseUrl = '';
  #loading: { modelId: string; promise: Promise<void>; abort: AbortController } | null = null;
  /** Bumped on every switch: a load that finishes after it no longer owns the status. */
  #generation = 0;

  constructor(client: LlmClient) {
    this.#client = client;
  }

  /** Pick the model: the user's choice if it is in the catalog (or imported), else the device's recommendation. */
  choose(catalog: Catalog, caps: DeviceCapabilities, chosenId: string | null, modelBaseUrl: string): void {
    this.#baseCatalog = catalog;
    this.#caps = caps;
    this.#baseUrl = modelBaseUrl;
    const recommended = recommendLlm(catalog, caps, globalThis.navigator?.language);
    const chosen = chosenId ? this.#find(chosenId) : undefined;
    this.#set(chosen ?? recommended.model, chosen ? 'Your choice.' : recommended.reason);
  }

  /**
   * Switch to another model without reloading the page: stop a load in progress, then load the new
   * one (from storage when it is downloaded). The worker frees the old model when the new one loads.
   */
  switchTo(modelId: string): void {
    const next = this.#find(modelId);
    if (!next || next.id === this.model?.id) return;
    this.cancel();
    this.#set(next, 'Your choice.');
    void this.ensureLoaded().catch(() => {}); // the badge shows how it went
  }

  /** Load the chosen model once; concurrent callers share the same load. */
  ensureLoaded(): Promise<void> {
    if (this.status === 'ready') return Promise.resolve();
    const model = this.model;
    if (!model) return Promise.reject(appError('MODEL_NOT_IN_CATALOG'));
    if (this.#loading?.modelId === model.id && !this.#loading.abort.signal.aborted) return this.#loading.promise;
    const abort = new AbortController();
    const loading = { modelId: model.id, abort, promise: this.#load(model, abort.signal) };
    this.#loading = loading;
    void loading.promise.catch(() => {}).finally(() => {
      if (this.#loading === loading) this.#loading = null;
    });
    return loading.promise;
  }

  /** Stop the load (its download keeps what it stored, and resumes next time). */
  cancel(): void {
    this.#loading?.abort.abort();
  }

  /** The worker no longer holds the model (it was deleted): the next question loads it again. */
  forget(modelId: string | null = null): void {
    if (modelId !== null && modelId !== this.model?.id) return;
    this.cancel();
    this.#generation++;
    this.status = 'idle';
    this.progress = null;
    this.error = null;
  }

  /** After a crash the worker is new and empty: mark the model unloaded so the next ask reloads it. */
  markCrashed(error: AppError): void {
    if (this.status === 'loading') return; // the load itself fails and reports
    this.status = 'error';
    this.error = error;
  }

  /** Where the worker finds a model's files. */
  sourceOf(model: LlmModel): { modelUrl: string; libUrl?: string } {
    return modelSource(model, this.#baseCatalog ?? { libBaseUrl: '' }, this.#baseUrl);
  }

  /** Why a model may not run well here (null: it should). */
  fitsWarning(model: LlmModel): string | null {
    return this.#caps ? checkFits(model, this.#caps) : null;
  }

  #find(id: string): LlmModel | undefined {
    return this.catalog?.models.find((m): m is LlmModel => m.id === id && m.kind === 'llm');
  }

  #set(model: LlmModel, reason: string): void {
    this.#generation++;
    this.model = model;
    this.reason = reason;
    this.warning = this.fitsWarning(model);
    this.status = 'idle';
    this.progress = null;
    this.error = null;
  }

  async #load(model: LlmModel, signal: AbortSignal): Promise<void> {
    const generation = this.#generation;
    const current = () => generation === this.#generation;
    this.status = 'loading';
    this.error = null;
    const progress = new DownloadProgress({ loadedBytes: 0, totalBytes: model.downloadSizeMB * 1024 * 1024, text: 'Starting…' });
    this.progress = progress;
    // The first load is usually the first download: ask the browser to keep what it stores.
    void requestPersistentStorage();
    try {
      await this.#client.call(
        'load',
        { model: $state.snapshot(model) as LlmModel, ...this.sourceOf(model) },
        { signal, onEvent: (p) => progress.update(p) },
      );
      if (current()) this.status = 'ready';
    } catch (error) {
      const appErr = error instanceof AppError ? error : appError('MODEL_LOAD_FAILED', { detail: String(error) });
      if (current()) {
        // A cancelled load is no failure: the model simply is not loaded (yet).
        this.status = appErr.code === 'ABORTED' ? 'idle' : 'error';
        this.error = appErr.code === 'ABORTED' ? null : appErr;
      }
      throw appErr;
    } finally {
      if (current()) this.progress = null;
    }
  }
}
