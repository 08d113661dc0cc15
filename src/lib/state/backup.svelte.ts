/**
 * Backup and restore on the page: "Back up everything" as one file, and restoring one with its
 * progress (checking the file, embedding again when it was made with another model, saving,
 * checking what was saved), a cancel, an outcome the person can read, and an offer to use the
 * backup's settings. The worker does the work (workers/backup). Anything that holds the app can
 * start a restore with `backupOf(app).restore(file)` (an eviction notice, for one); before the
 * library is ready it is refused with the library's own error, as adding a file is.
 */
import { backupFileName, checkedDetail, restoreSummary } from '../backup-file';
import type { EmbedderModel, RerankerModel } from '../catalog/types';
import type { Settings } from '../config/settings';
import { AppError, appError } from '../errors';
import type { RetrievalClient } from '../retrieval/client';
import type { AppState } from './app.svelte';
import type { BackupRequest, BackupRestoreEvent, BackupRestoreResult } from '../../../workers/backup/messages';
import { settingsDiffer, settingsToApply } from '../../../workers/backup/settings';

export interface BackupDeps {
  client: RetrievalClient;
  /** The settings and models in use now (only the page knows them). */
  request: () => BackupRequest;
  /** The library and the conversation list read again after a restore. */
  onRestored: () => Promise<void>;
  /** Store settings and restart (they take effect on reload). */
  applySettings: (settings: Settings) => void;
  /** Null when the library can take a restore, else why not (its embedder is still loading or failed). */
  notReady: () => AppError | null;
}

export type BackupProgress = Omit<BackupRestoreEvent, 'kind'>;

const STAGE_LABEL: Record<BackupProgress['stage'], string> = {
  verifying: 'Checking the backup',
  embedding: 'Preparing passages for search',
  saving: 'Saving',
  checking: 'Checking what was restored',
};

export function backupProgressLabel(p: BackupProgress): string {
  return p.stage === 'embedding' ? `${STAGE_LABEL.embedding}: ${p.done} of ${p.total}` : STAGE_LABEL[p.stage];
}

export class BackupState {
  busy = $state<'backup' | 'restore' | null>(null);
  /** What the shown error or outcome is about. */
  last = $state<'backup' | 'restore' | null>(null);
  progress = $state<BackupProgress | null>(null);
  error = $state<AppError | null>(null);
  outcome = $state<string | null>(null);
  /** What the last restore read back and checked. */
  checked = $state<string | null>(null);
  /** The last restored backup's settings, when they differ from the ones in use: offered, applied only if asked. */
  offeredSettings = $state.raw<Settings | null>(null);
  #deps: BackupDeps;
  #abort: AbortController | null = null;
  #lane: Promise<unknown> = Promise.resolve();

  constructor(deps: BackupDeps) {
    this.#deps = deps;
  }

  /** The backup as a file to save, or null when it failed (the error is shown). */
  async backUp(): Promise<File | null> {
    this.#begin('backup');
    try {
      const request = $state.snapshot(this.#deps.request()) as BackupRequest;
      const { backup, documents, conversations } = await this.#deps.client.call('exportBackup', request);
      const name = backupFileName();
      this.outcome = `Saved ${documents} document${documents === 1 ? '' : 's'} and ${conversations} conversation${conversations === 1 ? '' : 's'} as “${name}”. Keep it somewhere safe.`;
      return new File([backup], name, { type: backup.type });
    } catch (error) {
      this.error = asAppError(error);
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Restores one backup at a time (a second waits for the first); null when it failed or was cancelled. */
  restore(file: File): Promise<BackupRestoreResult | null> {
    const run = this.#lane.then(() => this.#restore(file));
    this.#lane = run;
    return run;
  }

  cancel(): void {
    this.#abort?.abort();
  }

  /** Use the offered settings: stored, then Hearth restarts with them. */
  applyOfferedSettings(): void {
    const offered = this.offeredSettings;
    if (!offered) return;
    this.#deps.applySettings(settingsToApply(this.#deps.request().settings, offered));
  }

  dismiss(): void {
    this.error = null;
    this.outcome = null;
    this.checked = null;
    this.offeredSettings = null;
  }

  async #restore(file: File): Promise<BackupRestoreResult | null> {
    const notReady = this.#deps.notReady();
    if (notReady) {
      this.dismiss();
      this.last = 'restore';
      this.error = notReady;
      return null;
    }
    this.#begin('restore');
    this.#abort = new AbortController();
    try {
      const result = await this.#deps.client.call('restoreBackup', { file }, { signal: this.#abort.signal, onEvent: ({ stage, done, total }) => (this.progress = { stage, done, total }) });
      this.outcome = restoreSummary(result);
      this.checked = checkedDetail(result);
      this.offeredSettings = settingsDiffer(this.#deps.request().settings, result.settings) ? result.settings : null;
      return result;
    } catch (error) {
      const err = asAppError(error);
      this.error = err.code === 'ABORTED' ? null : err;
      if (err.code === 'ABORTED') this.outcome = `Restore of “${file.name}” cancelled; nothing was changed.`;
      return null;
    } finally {
      // Read again either way, so the page shows what is stored whatever happened.
      await this.#deps.onRestored().catch(() => undefined);
      this.busy = null;
      this.progress = null;
      this.#abort = null;
    }
  }

  #begin(kind: 'backup' | 'restore'): void {
    this.busy = kind;
    this.last = kind;
    this.dismiss();
    this.progress = null;
  }
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
}

const states = new WeakMap<AppState, BackupState>();

/** The app's one BackupState, made on first use. */
export function backupOf(app: AppState): BackupState {
  let state = states.get(app);
  if (!state) {
    state = new BackupState({
      client: app.retrieval,
      request: () => ({ settings: app.settings, models: modelsInUse(app) }),
      onRestored: async () => {
        app.library.documents = (await app.retrieval.call('list', {})).documents;
        await app.conversations.refresh();
      },
      applySettings: (settings) => app.saveSettings(settings),
      notReady: () => (app.library.status === 'ready' ? null : (app.library.loadError ?? appError('EMBEDDING_FAILED', { detail: 'the embedding model is not loaded yet' }))),
    });
    states.set(app, state);
  }
  return state;
}

/** The models named in a backup: the ones the app starts with (as AppState picks them). */
function modelsInUse(app: AppState): BackupRequest['models'] {
  const catalog = app.catalog;
  const embedder = catalog?.models.find((m): m is EmbedderModel => m.id === catalog.defaults.embedder && m.kind === 'embedder');
  const reranker = catalog?.models.find((m): m is RerankerModel => m.kind === 'reranker');
  return { embedder: embedder?.id ?? null, llm: app.model.model?.id ?? app.settings.llmId, reranker: reranker?.id ?? null };
}
