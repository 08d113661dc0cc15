/**
 * The language model: which one (the device's recommendation, the user's choice, or an imported
 * model), loading it in the LLM worker with download progress (speed, time left, cancel), switching
 * to another without reloading the page, and loading it again after a crash or a lost GPU device.
 * With several Hearth windows open: when the worker refuses a load because another window has the
 * model open (MODEL_OPEN_ELSEWHERE), `elsewhere` holds the choices — use it there, move it here, or
 * load it here too where the device has the memory (models/open-elsewhere.ts).
 * The browser's own model (BuiltInState) runs on the page instead of the worker; loading one side's
 * model first lets go of the other side's, so one model is held at a time.
 */
import type { AnswerModel, Catalog, LlmModel, PromptApiModel } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { memoryBudgetMB } from '../device/recommend';
import { preferBuiltIn } from '../device/recommend-built-in';
import type { LlmReason } from '../device/reasons';
import { AppError, appError, type WireError } from '../errors';
import type { LlmClient } from '../llm/client';
import { findLlm, startingModel } from '../models/choice';
import { LocalModelList } from '../models/local.svelte';
import { withLocalModels } from '../models/local-models';
import { choicesFor, judgeOpenElsewhere, type ElsewhereChoices } from '../models/open-elsewhere';
import { requestPersistentStorage } from '../models/persist';
import { DownloadProgress } from '../models/progress.svelte';
import { sourceOf as modelSource } from '../models/sources';
import { onReleaseRequest, requestRelease } from '../models/window-channel';
import type { BuiltInState } from './built-in.svelte';

/** How long "move it here" waits for the other windows to let go (one may be finishing an answer). */
const MOVE_WAIT_MS = 20_000;
const MOVE_POLL_MS = 250;
const CHOSEN: LlmReason = { code: 'chosen' };

/** What happened to the model by itself: its engine lost it (`error` says why), or another window took it. */
export type ModelNotice = { code: 'lost'; error: WireError } | { code: 'moved'; model: string };

export class ModelState {
  model = $state.raw<AnswerModel | null>(null);
  /** Why this model (models/reason-words.ts says it); null before one is chosen. */
  reason = $state.raw<LlmReason | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  progress = $state.raw<DownloadProgress | null>(null);
  error = $state<AppError | null>(null);
  /** What to offer while the model is open in another window (set with error MODEL_OPEN_ELSEWHERE). */
  elsewhere = $state.raw<ElsewhereChoices | null>(null);
  /** Something that happened to the model without a question being asked (GPU reset, moved away). */
  notice = $state.raw<ModelNotice | null>(null);
  /** The context window the engine allocated for the loaded model (tokens), once it is loaded. */
  contextWindow = $state<number | null>(null);
  /** Models imported from disk; merged into `catalog`. */
  readonly local = new LocalModelList();
  #baseCatalog = $state.raw<Catalog | null>(null);
  /** The catalog with the imported models: what the model manager lists and `switchTo` picks from. */
  readonly catalog = $derived(this.#baseCatalog ? withLocalModels(this.#baseCatalog, this.local.list) : null);
  #caps: DeviceCapabilities | null = null;
  #client: LlmClient;
  #builtIn: BuiltInState;
  /** Which side last loaded (or began loading) a model: the LLM worker or the page (the browser's model). */
  #side: 'worker' | 'page' | null = null;
  #baseUrl = '';
  #loading: { modelId: string; promise: Promise<void>; abort: AbortController } | null = null;
  /** Bumped on every switch: a load that finishes after it no longer owns the status. */
  #generation = 0;
  /** The user chose "load here too" for the current model. */
  #alongside = false;
  /** The recommended model on the other CPU engine, tried once should the recommended one fail to load. */
  #fallback: LlmModel | null = null;

  constructor(client: LlmClient, builtIn: BuiltInState) {
    this.#client = client;
    this.#builtIn = builtIn;
    onReleaseRequest((ids) => void this.#release(ids));
  }

  /** Pick the model: the user's choice if it is in the catalog (or imported), else the device's recommendation (models/choice.ts). */
  choose(catalog: Catalog, caps: DeviceCapabilities, chosenId: string | null, modelBaseUrl: string): void {
    this.#baseCatalog = catalog;
    this.#caps = caps;
    this.#baseUrl = modelBaseUrl;
    const language = globalThis.navigator?.language;
    const chosen = chosenId ? this.#find(chosenId) : undefined;
    // A stored choice the catalog no longer has falls back to the recommendation, which says so.
    const own = chosen ? null : startingModel(this.catalog ?? catalog, caps, chosenId, language);
    const picked = own ? preferBuiltIn(own, this.#builtIn.offer, language) : { model: chosen!, reason: CHOSEN };
    this.#set(picked.model, picked.reason);
    this.#fallback = own && picked.model === own.model ? (own.fallback ?? null) : null;
  }

  /**
   * Switch to another model without reloading the page: stop a load in progress, then load the new
   * one (from storage when it is downloaded). The worker frees the old model when the new one loads.
   */
  switchTo(modelId: string): void {
    const next = this.#find(modelId);
    if (!next || next.id === this.model?.id) return;
    this.cancel();
    this.#set(next, CHOSEN);
    void this.ensureLoaded().catch(() => {}); // the badge shows how it went
  }

  /** Load the chosen model once; concurrent callers share the same load. */
  ensureLoaded(): Promise<void> {
    const model = this.model;
    if (!model) return Promise.reject(appError('MODEL_NOT_IN_CATALOG'));
    if (this.#loading?.modelId === model.id && !this.#loading.abort.signal.aborted) return this.#loading.promise;
    if (this.status === 'ready') return this.#confirmLoaded(model);
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
    this.elsewhere = null;
    this.#reset();
  }

  /** "Use it there": put the choices away; a question here asks again. */
  useItThere(): void {
    this.elsewhere = null;
    this.#reset();
  }

  /** "Load here too": load alongside the other windows' models (offered only when memory allows). */
  loadHereToo(): void {
    this.#alongside = true;
    this.elsewhere = null;
    this.#reset();
    void this.ensureLoaded().catch(() => {}); // the badge shows how it went
  }

  /** "Move it here": ask the other windows to let go of their models, wait until they have, then load here. */
  async moveHere(): Promise<void> {
    const choices = this.elsewhere;
    const model = this.model;
    if (!choices || choices.moving || !model || model.engine === 'prompt-api') return;
    this.elsewhere = { ...choices, moving: true };
    requestRelease(choices.modelIds);
    const deadline = performance.now() + MOVE_WAIT_MS;
    while (performance.now() < deadline && (await this.#mustAsk(model))) await new Promise((r) => setTimeout(r, MOVE_POLL_MS));
    if (this.model !== model) return;
    this.elsewhere = null;
    this.#reset();
    // Should a window still hold on (it did not answer in time), the load refuses again and says so.
    await this.ensureLoaded().catch(() => {});
  }

  /** After a crash the worker is new and empty: mark the model unloaded so the next ask reloads it. */
  markCrashed(error: AppError): void {
    if (this.status === 'loading') return; // the load itself fails and reports
    if (this.model?.engine === 'prompt-api') return; // the LLM worker does not hold it
    this.status = 'error';
    this.error = error;
  }

  /** Where the worker finds a model's files. */
  sourceOf(model: LlmModel): { modelUrl: string; libUrl?: string } {
    return modelSource(model, this.#baseCatalog ?? { libBaseUrl: '' }, this.#baseUrl);
  }

  #find(id: string): AnswerModel | undefined {
    const builtIn = this.#builtIn.model;
    if (builtIn?.id === id && !this.catalog?.models.some((m) => m.id === id)) return builtIn;
    return this.catalog ? findLlm(this.catalog, id) : undefined;
  }

  #set(model: AnswerModel, reason: LlmReason): void {
    this.#generation++;
    this.#fallback = null;
    this.model = model;
    this.reason = reason;
    this.#alongside = false;
    this.elsewhere = null;
    this.notice = null;
    this.#reset();
  }

  #reset(): void {
    this.status = 'idle';
    this.contextWindow = null;
    this.progress = null;
    this.error = null;
  }

  /**
   * The worker can lose the model while nobody asks anything (a GPU device lost while idle): check
   * that it still has it, and if not, say why and load it again.
   */
  async #confirmLoaded(model: AnswerModel): Promise<void> {
    const generation = this.#generation;
    const state = await (model.engine === 'prompt-api' ? this.#builtIn.host.call('state', {}).then((s) => ({ ...s, lost: null })) : this.#client.call('state', {})).catch(() => null);
    // A worker that does not answer has crashed: generate fails and the crash handling takes over.
    if (!state || state.loaded?.modelId === model.id) return;
    if (generation !== this.#generation) return this.ensureLoaded();
    if (this.status === 'ready') {
      this.notice = state.lost ? { code: 'lost', error: state.lost } : null;
      this.#reset();
    }
    return this.ensureLoaded();
  }

  /** Whether another window still has models open that loading `model` here must ask about. */
  async #mustAsk(model: LlmModel): Promise<boolean> {
    const others = await this.#client.call('openElsewhere', {}).catch(() => []);
    return judgeOpenElsewhere(model, others, memoryBudgetMB({ deviceMemoryGB: this.#caps?.deviceMemoryGB ?? null })).ask;
  }

  /** The model was refused because other windows have theirs open: work out what to offer. */
  async #explainElsewhere(model: LlmModel): Promise<void> {
    const others = await this.#client.call('openElsewhere', {}).catch(() => []);
    const budget = memoryBudgetMB({ deviceMemoryGB: this.#caps?.deviceMemoryGB ?? null });
    this.elsewhere = choicesFor(model, others, budget, (id) => this.#find(id)?.name ?? id);
  }

  /** Another window moved the model to itself: let go of ours if it is one of those. */
  async #release(modelIds: string[]): Promise<void> {
    const model = this.model;
    if (!model || model.engine === 'prompt-api' || !modelIds.includes(model.id) || this.status === 'idle' || this.status === 'error') return;
    this.cancel();
    this.#generation++;
    await this.#client.call('unload', {}).catch(() => {});
    this.#reset();
    this.notice = { code: 'moved', model: model.name };
  }

  async #load(model: AnswerModel, signal: AbortSignal): Promise<void> {
    const generation = this.#generation;
    const current = () => generation === this.#generation;
    this.status = 'loading';
    this.error = null;
    const progress = model.engine === 'prompt-api'
      ? new DownloadProgress({ loadedBytes: 0, totalBytes: 1, phase: 'browser' })
      : new DownloadProgress({ loadedBytes: 0, totalBytes: model.downloadSizeMB * 1024 * 1024, phase: 'starting' });
    // The browser's model shows a bar only while the browser downloads it (it reports a fraction, not bytes).
    this.progress = model.engine !== 'prompt-api' || this.#builtIn.needsDownload ? progress : null;
    try {
      if (model.engine === 'prompt-api') {
        await this.#leave('worker');
        const onFraction = (fraction: number) => progress.update({ loadedBytes: fraction, totalBytes: 1, phase: 'browser' });
        const { contextLength } = await this.#builtIn.load(model, signal, onFraction);
        // The prompt budget follows the browser's context window.
        if (current()) {
          this.model = { ...model, contextLength } satisfies PromptApiModel;
          this.contextWindow = contextLength;
        }
      } else {
        await this.#leave('page');
        // The first load is usually the first download: ask the browser to keep what it stores.
        void requestPersistentStorage();
        const loaded = await this.#client.call(
          'load',
          { model: $state.snapshot(model) as LlmModel, ...this.sourceOf(model), ...(this.#alongside ? { alongside: true } : {}) },
          { signal, onEvent: (p) => progress.update(p) },
        );
        if (current()) this.contextWindow = loaded.contextLength;
      }
      if (current()) this.status = 'ready';
    } catch (error) {
      const appErr = error instanceof AppError ? error : appError('MODEL_LOAD_FAILED', { detail: String(error) });
      const fallback = this.#fallback;
      if (fallback && current() && (appErr.code === 'MODEL_LOAD_FAILED' || appErr.code === 'OUT_OF_MEMORY')) {
        // The engine itself failed (not the network, not a cancel): the same model on the other CPU engine.
        this.#set(fallback, { code: 'fallback', from: model.name, to: fallback.name, error: { code: appErr.code, message: appErr.message } });
        return this.#load(fallback, signal);
      }
      if (appErr.code === 'MODEL_OPEN_ELSEWHERE' && current() && model.engine !== 'prompt-api') await this.#explainElsewhere(model);
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

  /** Before loading on one side, let go of the model the other side holds (one model at a time). */
  async #leave(other: 'worker' | 'page'): Promise<void> {
    const previous = this.#side;
    this.#side = other === 'worker' ? 'page' : 'worker';
    if (previous !== other) return;
    if (other === 'page') await this.#builtIn.host.call('unload', {}).catch(() => {});
    else await this.#client.call('unload', {}).catch(() => {});
  }
}
