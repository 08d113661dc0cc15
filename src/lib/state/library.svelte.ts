/**
 * The document library: the embedder's start-up (which one: embedder.svelte.ts), the list of stored
 * documents, adding files (through the ingestion queue, with a notice per file that failed or needs
 * an answer: a password, replace or keep both) and deleting them. Reads go to the retrieval worker,
 * writes to the library worker; the list follows changes made in other windows too, a switch of
 * embedder included (src/lib/storage/library-changes.ts).
 */
import type { RerankerModel } from '../catalog/types';
import { AppError, appError } from '../errors';
import { checkFile } from '../ingest/check';
import type { ParseWarning } from '../ingest/parsed';
import type { LibraryClient } from '../library/client';
import type { RetrievalClient } from '../retrieval/client';
import { onLibraryChange, type LibraryChange } from '../storage/library-changes';
import type { DocumentRecord } from '../storage/schema';
import { isPackFile } from '../pack-file';
import { t } from '../i18n/i18n.svelte';
import { EmbedderState, type EmbedderSetup } from './embedder.svelte';
import { IngestQueueState, type IngestOutcome } from './ingest-queue.svelte';
import { PackState } from './packs.svelte';
import type { IndexLoadReport, LibrarySync } from '../../../workers/retrieval.protocol';
import type { EmbedderChoice } from '../../../workers/library.protocol';

export interface LibraryHooks {
  /** Documents were deleted (here or in another window): the text the page holds in memory goes too. */
  onRemoved: (docIds: string[]) => void;
  /** Documents were stored (a restore can bring back an id deleted earlier in this session). */
  onAdded: (docIds: string[]) => void;
}

/** What a notice lets the person do about the file. */
export type NoticeAction = 'password' | 'replace' | null;

export interface Notice {
  id: number;
  fileName: string;
  /** A failure, or (for a file added with something to say) null. */
  error: AppError | null;
  warnings: ParseWarning[];
  action: NoticeAction;
  /** The file, kept for the action (retry with a password, replace). */
  file: File | null;
}

const ACTION_BY_CODE: Partial<Record<AppError['code'], NoticeAction>> = {
  PDF_PASSWORD_REQUIRED: 'password',
  PDF_PASSWORD_WRONG: 'password',
  NAME_TAKEN: 'replace',
};

const EXCLUDED_KEY = 'hearth.excludedDocs';

function readExcluded(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(EXCLUDED_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export class LibraryState {
  documents = $state<DocumentRecord[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  loadError = $state<AppError | null>(null);
  loadProgress = $state<{ file: string; loadedBytes: number; totalBytes: number } | null>(null);
  notices = $state<Notice[]>([]);
  /** How the worker loaded the search indexes at start (its snapshot, or rebuilt from every chunk). */
  indexReport = $state<IndexLoadReport | null>(null);
  readonly queue: IngestQueueState;
  readonly packs: PackState;
  readonly embedders: EmbedderState;
  #client: RetrievalClient;
  #writer: LibraryClient;
  #hooks: LibraryHooks;
  #resumed = false;
  #nextNotice = 1;

  constructor(client: RetrievalClient, writer: LibraryClient, hooks: LibraryHooks) {
    this.#client = client;
    this.#writer = writer;
    this.#hooks = hooks;
    this.embedders = new EmbedderState(client, writer);
    this.queue = new IngestQueueState(writer, () => this.embedders.choice, (outcome) => void this.#onOutcome(outcome));
    this.packs = new PackState(client, writer, () => this.embedders.choice, (docIds) => this.changed({ added: docIds, removed: [] }));
    onLibraryChange((change) => void this.#onChange(change));
  }

  /** The embedder documents are embedded with, once the library has started (null before). */
  get embedderChoice(): EmbedderChoice | null {
    return this.embedders.choice;
  }

  /** The documents an export takes: the ones ticked for search. */
  get exportDocIds(): string[] {
    return this.searchDocIds ?? this.documents.map((d) => d.id);
  }

  get isEmpty(): boolean {
    return this.documents.length === 0;
  }

  /** Throws why a question cannot be searched now: the embedding model is not loaded, or there is no document. */
  assertSearchable(): void {
    if (this.status === 'error') throw appError('EMBEDDER_UNAVAILABLE', { message: t('failures.askBlocked', { name: this.embedders.plan?.active.name ?? '' }), detail: this.loadError?.code });
    if (this.isEmpty) throw appError('NO_DOCUMENTS');
  }

  /** Documents left out of search (all others are searched). */
  excluded = $state<string[]>(readExcluded());

  /** The documents to search, or undefined for all of them. */
  get searchDocIds(): string[] | undefined {
    if (this.excluded.length === 0) return undefined;
    return this.documents.filter((d) => !this.excluded.includes(d.id)).map((d) => d.id);
  }

  toggleSearch(docId: string): void {
    this.excluded = this.excluded.includes(docId) ? this.excluded.filter((id) => id !== docId) : [...this.excluded, docId];
    localStorage.setItem(EXCLUDED_KEY, JSON.stringify(this.excluded));
  }

  /**
   * Starts (or, after the retrieval worker stopped, restarts) search: the embedder for questions and
   * the indexes. The first successful start also resumes files a reload or a closed window left
   * queued, and tells the person about files that were lost before they were queued.
   */
  async start(setup: EmbedderSetup, reranker: RerankerModel | undefined): Promise<void> {
    this.status = 'loading';
    this.loadError = null;
    try {
      this.documents = (await this.#client.call('list', {})).documents;
      const { active } = this.embedders.decide(setup, this.documents);
      const { index } = await this.#client.call(
        'init',
        // Questions on WASM, from the same file documents are embedded from on this device.
        { embedder: this.embedders.onDevice(active).embedder, ...(reranker ? { reranker: $state.snapshot(reranker) as RerankerModel } : {}), modelBaseUrl: setup.modelBaseUrl },
        { onEvent: (p) => (this.loadProgress = { file: p.file, loadedBytes: p.loadedBytes, totalBytes: p.totalBytes }) },
      );
      this.indexReport = index;
      this.embedders.started();
      this.status = 'ready';
      if (!this.#resumed) {
        this.#resumed = true;
        await this.#resumeQueued();
      }
    } catch (error) {
      this.loadError = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
      this.status = 'error';
    } finally {
      this.loadProgress = null;
    }
  }

  /** Hand files to the ingestion queue (a knowledge pack to its import); a file refused at once gets its notice at once. */
  addFiles(files: Iterable<File>): void {
    for (const file of files) {
      try {
        if (this.status !== 'ready') throw this.loadError ?? appError('EMBEDDING_FAILED', { detail: 'embedder not ready' });
        if (isPackFile(file.name)) {
          void this.packs.importPack(file);
          continue;
        }
        checkFile(file.name, file.type, file.size);
        this.queue.add(file);
      } catch (error) {
        this.#notify(file.name, error, file);
      }
    }
  }

  /** Answer a notice: open with a password, replace the stored version, or keep both. */
  retry(id: number, options: { password?: string; replace?: boolean; keepBoth?: boolean }): void {
    const notice = this.notices.find((n) => n.id === id);
    if (!notice?.file) return;
    this.dismiss(id);
    const replaceDocId = options.replace ? notice.error?.detail : undefined;
    this.queue.add(notice.file, {
      ...(options.password ? { password: options.password } : {}),
      ...(replaceDocId ? { replaceDocId } : {}),
      ...(options.keepBoth ? { keepBoth: true } : {}),
    });
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async remove(docId: string): Promise<void> {
    try {
      await this.#writer.call('remove', { docId });
      await this.changed({ added: [], removed: [docId] });
    } catch (error) {
      this.#notify('', error, null);
    }
  }

  /**
   * Delete every document (the Storage panel's "Delete all documents"), one by one through the library
   * worker as a single delete would, then update search and the list once.
   * @throws AppError from the worker; the documents deleted until then stay deleted.
   */
  async removeAll(): Promise<void> {
    const removed: string[] = [];
    try {
      // The ids first: the list is replaced while documents go (each delete is announced).
      for (const id of this.documents.map((d) => d.id)) {
        await this.#writer.call('remove', { docId: id });
        removed.push(id);
      }
    } finally {
      await this.changed({ added: [], removed });
    }
  }

  async #resumeQueued(): Promise<void> {
    for (const name of this.queue.handover.takeLeftovers()) {
      this.#notify(name, appError('INGEST_INTERRUPTED', { message: `“${name}” was not added: the page was closed or reloaded while it was being read. Add it again.` }), null);
    }
    try {
      const { queued } = await this.#writer.call('queued', {});
      for (const record of queued) this.queue.resume(record);
    } catch (error) {
      this.#notify('', error, null);
    }
  }

  async #onOutcome(outcome: IngestOutcome): Promise<void> {
    // A cancel that arrives while the file is being saved is too late: it is stored, so list it.
    if (outcome.error && outcome.error.code !== 'ABORTED') {
      this.#notify(outcome.name, outcome.error, outcome.file);
      return;
    }
    if (outcome.doc?.warnings.length) {
      this.notices = [...this.notices, { id: this.#nextNotice++, fileName: outcome.name, error: null, warnings: outcome.doc.warnings, action: null, file: null }];
    }
    if (outcome.doc) await this.changed({ added: [outcome.doc.id], removed: outcome.replaced ? [outcome.replaced] : [] });
    else await this.#relist();
  }

  /**
   * Documents stored or deleted, by this window (after its write returned) or another (told over the
   * library channel): search first (so the next question sees the change), then the list, then
   * whatever else the page holds of deleted documents.
   */
  async changed(change: LibrarySync): Promise<void> {
    if (this.status === 'ready') {
      try {
        await this.#client.call('sync', change);
      } catch (error) {
        this.#notify('', error, null);
      }
    }
    if (change.added.length > 0) this.#hooks.onAdded(change.added);
    if (change.removed.length > 0) {
      this.documents = this.documents.filter((d) => !change.removed.includes(d.id));
      for (const id of change.removed) if (this.excluded.includes(id)) this.toggleSearch(id);
      this.#hooks.onRemoved(change.removed);
    }
    await this.#relist();
  }

  async #onChange(change: LibraryChange): Promise<void> {
    if (change.kind === 'documents') await this.changed(change);
    if (change.kind === 'embedder' && this.status === 'ready') {
      try {
        await this.embedders.switched(change.embedderId);
      } catch (error) {
        this.#notify('', error, null);
      }
      await this.#relist();
    }
  }

  async #relist(): Promise<void> {
    try {
      this.documents = (await this.#client.call('list', {})).documents;
      this.embedders.refresh(this.documents);
    } catch (error) {
      this.#notify('', error, null);
    }
  }

  #notify(fileName: string, error: unknown, file: File | null): void {
    const appErr = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
    // A file picked up after a reload is no longer at hand on the page: it can only be added again.
    const action = file ? (ACTION_BY_CODE[appErr.code] ?? null) : null;
    this.notices = [...this.notices, { id: this.#nextNotice++, fileName, error: appErr, warnings: [], action, file: action ? file : null }];
  }
}
