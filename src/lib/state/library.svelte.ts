/**
 * The document library: the embedder's start-up, the list of stored documents, adding files (one at
 * a time, with progress and a clear message per refused file) and deleting them.
 */
import type { EmbedderModel, RerankerModel } from '../catalog/types';
import { AppError, appError } from '../errors';
import { decodeTextFile, checkFileMeta } from '../ingest/decode';
import type { RetrievalClient } from '../retrieval/client';
import { listDocuments } from '../storage/documents';
import type { DocumentRecord } from '../storage/schema';

export interface Notice {
  id: number;
  fileName: string;
  error: AppError;
}

export interface Activity {
  fileName: string;
  stage: 'reading' | 'chunking' | 'embedding' | 'saving';
  done: number;
  total: number;
}

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
  activity = $state<Activity | null>(null);
  notices = $state<Notice[]>([]);
  #client: RetrievalClient;
  #queue: File[] = [];
  #nextNotice = 1;

  constructor(client: RetrievalClient) {
    this.#client = client;
  }

  get isEmpty(): boolean {
    return this.documents.length === 0;
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

  async start(embedder: EmbedderModel, reranker: RerankerModel | undefined, modelBaseUrl: string): Promise<void> {
    this.status = 'loading';
    this.loadError = null;
    try {
      this.documents = await listDocuments();
      await this.#client.call(
        'init',
        { embedder: $state.snapshot(embedder) as EmbedderModel, ...(reranker ? { reranker } : {}), modelBaseUrl },
        { onEvent: (p) => (this.loadProgress = { file: p.file, loadedBytes: p.loadedBytes, totalBytes: p.totalBytes }) },
      );
      this.status = 'ready';
    } catch (error) {
      this.loadError = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
      this.status = 'error';
    } finally {
      this.loadProgress = null;
    }
  }

  /** Queue files; they are ingested one after another. */
  addFiles(files: Iterable<File>): void {
    for (const file of files) {
      try {
        checkFileMeta(file.name, file.size);
        this.#queue.push(file);
      } catch (error) {
        this.#notify(file.name, error);
      }
    }
    if (!this.activity) void this.#drain();
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async remove(docId: string): Promise<void> {
    try {
      await this.#client.call('remove', { docId });
      this.documents = this.documents.filter((d) => d.id !== docId);
      if (this.excluded.includes(docId)) this.toggleSearch(docId);
    } catch (error) {
      this.#notify('', error);
    }
  }

  async #drain(): Promise<void> {
    let file: File | undefined;
    while ((file = this.#queue.shift())) {
      const fileName = file.name;
      this.activity = { fileName, stage: 'reading', done: 0, total: 1 };
      try {
        if (this.status !== 'ready') throw this.loadError ?? appError('EMBEDDING_FAILED', { detail: 'embedder not ready' });
        const decoded = decodeTextFile(fileName, new Uint8Array(await file.arrayBuffer()));
        const doc = await this.#client.call(
          'ingest',
          { name: decoded.name, mimeType: decoded.mimeType, sizeBytes: file.size, text: decoded.text },
          { onEvent: (p) => (this.activity = { fileName, stage: p.stage, done: p.done, total: p.total }) },
        );
        this.documents = [doc, ...this.documents];
      } catch (error) {
        this.#notify(fileName, error);
      }
    }
    this.activity = null;
  }

  #notify(fileName: string, error: unknown): void {
    const appErr = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
    this.notices = [...this.notices, { id: this.#nextNotice++, fileName, error: appErr }];
  }
}
