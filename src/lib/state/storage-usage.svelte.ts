/**
 * The Storage panel: how much each part of Hearth takes (storage/usage.ts), the browser's quota, and
 * clearing one part after a confirm step. Clearing goes through the part's owner: the model manager
 * deletes models, the library (its worker) deletes documents, the conversation list deletes
 * conversations; the offline copy is the service worker's (pwa/offline-copy.ts).
 */
import { AppError, appError } from '../errors';
import type { ModelsState } from '../models/manager.svelte';
import { removeOfflineCopy } from '../pwa/offline-copy';
import { offlineCache } from '../pwa/offline-cache.svelte';
import { measureUsage, type StorageUsage, type UsageCategory } from '../storage/usage';
import { browserUsageSources } from '../storage/usage-sources';
import type { AppState } from './app.svelte';
import type { StorageHealthState } from './storage-health.svelte';

export const CATEGORIES: readonly UsageCategory[] = ['models', 'documents', 'conversations', 'app'];

export interface StorageUsageDeps {
  measure: () => Promise<StorageUsage>;
  /** Delete everything of one part; throws when it could not. */
  clear: Record<UsageCategory, () => Promise<void>>;
  /** Names of the models with files stored (read again on each measure). */
  storedModels: () => Promise<string[]>;
  health: StorageHealthState;
  /** Why the app is not saved for offline use, or null. */
  offlineProblem: () => AppError | null;
}

export interface ClearFailure {
  category: UsageCategory;
  error: AppError;
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : appError('STORAGE_FAILED', { detail: String(error) });
}

export class StorageUsageState {
  open = $state(false);
  usage = $state.raw<StorageUsage | null>(null);
  modelNames = $state.raw<string[]>([]);
  measuring = $state(false);
  measureError = $state.raw<AppError | null>(null);
  /** The part whose confirm step is shown. */
  confirming = $state<UsageCategory | null>(null);
  clearing = $state<UsageCategory | null>(null);
  clearError = $state.raw<ClearFailure | null>(null);
  /** The offline copy was removed in this visit. */
  appRemoved = $state(false);
  readonly health: StorageHealthState;
  readonly #deps: StorageUsageDeps;
  #measures = 0;

  constructor(deps: StorageUsageDeps) {
    this.#deps = deps;
    this.health = deps.health;
  }

  get offlineProblem(): AppError | null {
    return this.#deps.offlineProblem();
  }

  /** Whether a part has anything to clear (the offline copy: until it was removed). */
  hasData(category: UsageCategory): boolean {
    const usage = this.usage;
    if (!usage) return false;
    if (category === 'documents') return usage.counts.documents > 0;
    if (category === 'conversations') return usage.counts.conversations > 0;
    if (category === 'models') return this.modelNames.length > 0 || usage.bytes.models > 0;
    return !this.appRemoved && usage.bytes.app > 0;
  }

  show(): void {
    this.open = true;
    void this.refresh();
  }

  close(): void {
    this.open = false;
    this.confirming = null;
    this.clearError = null;
  }

  async refresh(): Promise<void> {
    const turn = ++this.#measures;
    this.measuring = true;
    try {
      const [usage, names] = await Promise.all([this.#deps.measure(), this.#deps.storedModels().catch(() => [])]);
      if (turn !== this.#measures) return; // a newer measure is on its way
      this.usage = usage;
      this.modelNames = names;
      this.measureError = null;
    } catch (error) {
      if (turn === this.#measures) this.measureError = asAppError(error);
    } finally {
      if (turn === this.#measures) this.measuring = false;
    }
  }

  /** Show the confirm step for one part (nothing is deleted yet). */
  ask(category: UsageCategory): void {
    this.confirming = category;
    this.clearError = null;
  }

  cancel(): void {
    this.confirming = null;
  }

  /** The confirm step's "Yes": delete the part, then measure again. */
  async confirm(): Promise<void> {
    const category = this.confirming;
    if (!category || this.clearing) return;
    this.confirming = null;
    this.clearing = category;
    this.clearError = null;
    try {
      await this.#deps.clear[category]();
      if (category === 'app') this.appRemoved = true;
    } catch (error) {
      this.clearError = { category, error: asAppError(error) };
    } finally {
      this.clearing = null;
    }
    await this.refresh();
  }
}

/** The panel wired to the app's owners of each part. */
export function createStorageUsage(app: AppState, models: ModelsState): StorageUsageState {
  return new StorageUsageState({
    measure: () => measureUsage(browserUsageSources()),
    clear: {
      models: async () => {
        models.error = null;
        await models.removeAll();
        if (models.error) throw models.error;
      },
      documents: () => app.library.removeAll(),
      conversations: () => app.conversations.removeAll(),
      app: async () => {
        await removeOfflineCopy();
      },
    },
    storedModels: async () => {
      await models.refresh();
      const names = new Map(models.models.map((m) => [m.id, m.name]));
      return Object.values(models.stored)
        .filter((s) => s.bytes > 0)
        .map((s) => names.get(s.modelId) ?? s.modelId);
    },
    health: app.storage,
    offlineProblem: () => offlineCache.problem,
  });
}
