/**
 * Backup and restore on the page: "Back up everything" as one file, and restoring one with its
 * progress (checking the file, embedding again when it was made with another model, saving,
 * checking what was saved), a cancel, an outcome the person can read, and an offer to use the
 * backup's settings. The workers do the work (workers/backup). Anything that holds the app can
 * start a restore with `app.backup.restore(file)` (the eviction notice, for one); before the
 * library is ready it is refused with the library's own error, as adding a file is.
 */
import { backupFileName, type BackupOutcome } from '../backup-file';
import type { Settings } from '../config/settings';
import { AppError, appError } from '../errors';
import type { MessageKey } from '../i18n/catalog';
import type { Words } from '../i18n/translate';
import type { LibraryClient } from '../library/client';
import type { RetrievalClient } from '../retrieval/client';
import type { BackupRequest, BackupRestoreEvent, BackupRestoreResult } from '../../../workers/backup/messages';
import type { EmbedderChoice } from '../../../workers/library.protocol';
import { settingsDiffer, settingsToApply } from '../../../workers/backup/settings';

export interface BackupDeps {
  /** Backups are read out by the retrieval worker and restored by the library worker. */
  client: RetrievalClient;
  writer: LibraryClient;
  /** The embedder restored passages are embedded with (null until the library has started). */
  choice: () => EmbedderChoice | null;
  /** The settings and models in use now (only the page knows them). */
  request: () => BackupRequest;
  /** The library and the conversation list read again after a restore (`added`: the documents it added). */
  onRestored: (added: string[]) => Promise<void>;
  /** Store settings and restart (they take effect on reload). */
  applySettings: (settings: Settings) => void;
  /** Null when the library can take a restore, else why not (its embedder is still loading or failed). */
  notReady: () => AppError | null;
}

export type BackupProgress = Omit<BackupRestoreEvent, 'kind'>;

const STAGE_LABEL: Record<BackupProgress['stage'], MessageKey> = {
  verifying: 'progress.backup.verifying',
  embedding: 'progress.import.embedding',
  saving: 'progress.import.saving',
  checking: 'progress.backup.checking',
};

export function backupProgressLabel(w: Words, p: BackupProgress): string {
  return p.stage === 'embedding' ? w.t('progress.import.embeddingCount', { done: p.done, total: p.total }) : w.t(STAGE_LABEL[p.stage]);
}

export class BackupState {
  busy = $state<'backup' | 'restore' | null>(null);
  /** What the shown error or outcome is about. */
  last = $state<'backup' | 'restore' | null>(null);
  progress = $state<BackupProgress | null>(null);
  error = $state<AppError | null>(null);
  outcome = $state.raw<BackupOutcome | null>(null);
  /** What the last restore read back and checked. */
  checked = $state.raw<BackupRestoreResult | null>(null);
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
      this.outcome = { code: 'saved', documents, conversations, name };
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
    let added: string[] = [];
    try {
      const choice = this.#deps.choice();
      if (!choice) throw appError('EMBEDDING_FAILED', { detail: 'the library has not started' });
      const onEvent = ({ stage, done, total }: BackupRestoreEvent) => (this.progress = { stage, done, total });
      const result = await this.#deps.writer.call('restoreBackup', { ...choice, file }, { signal: this.#abort.signal, onEvent, settleWithWorker: true });
      added = result.added;
      this.outcome = { code: 'restored', result };
      this.checked = result;
      this.offeredSettings = settingsDiffer(this.#deps.request().settings, result.settings) ? result.settings : null;
      return result;
    } catch (error) {
      const err = asAppError(error);
      this.error = err.code === 'ABORTED' ? null : err;
      if (err.code === 'ABORTED') this.outcome = { code: 'cancelled', name: file.name };
      return null;
    } finally {
      // Read again either way, so the page shows what is stored whatever happened.
      await this.#deps.onRestored(added).catch(() => undefined);
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
