/**
 * Loading the search indexes at start-up from their snapshot when it can be trusted, else rebuilding
 * them from every stored chunk (and saving a fresh snapshot); and saving a new snapshot a moment
 * after the library changes. What happened is reported, so the page and the tests can tell.
 */
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { DocumentRecord } from '../../src/lib/storage/schema';
import { libraryFingerprint } from './fingerprint';
import { decodeSnapshot, encodeSnapshot, type SnapshotRejection } from './index-snapshot';
import { SearchIndex } from './search-index';
import { yieldToEventLoop } from '../yield';
import { readSnapshotFile, removeSnapshotFile, writeSnapshotFile } from './snapshot-store';
import type { IndexLoadReport } from '../retrieval.protocol';

export type { IndexLoadReport };

/** How long after the last change a new snapshot is written (a batch of files changes it often). */
const SAVE_DELAY_MS = 1500;
/** Chunks added between yields while rebuilding (a few milliseconds of work each). */
const REBUILD_SLICE = 2000;

export class IndexStore {
  readonly #embedderId: string;
  readonly #dimensions: number;
  readonly #documents: DocumentStore;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> = Promise.resolve();
  #stopped = false;

  /** `documents`: where the chunks to rebuild from, and the documents to fingerprint, are read. */
  constructor(embedderId: string, dimensions: number, documents: DocumentStore) {
    this.#embedderId = embedderId;
    this.#dimensions = dimensions;
    this.#documents = documents;
  }

  get embedderId(): string {
    return this.#embedderId;
  }

  /** `docs`: the stored documents, when the caller has just read them. */
  async load(docs?: readonly DocumentRecord[]): Promise<{ index: SearchIndex; report: IndexLoadReport }> {
    const t0 = performance.now();
    const stored = docs ?? (await this.#documents.list());
    const fingerprint = await libraryFingerprint(stored, this.#embedderId, this.#dimensions);
    const bytes = await readSnapshotFile();
    let reason: IndexLoadReport['reason'] = 'missing';
    if (bytes) {
      let decoded: SearchIndex | SnapshotRejection;
      try {
        decoded = decodeSnapshot(bytes, fingerprint);
      } catch {
        decoded = 'corrupt';
      }
      if (decoded instanceof SearchIndex) return { index: decoded, report: { source: 'snapshot', chunks: decoded.size, ms: performance.now() - t0 } };
      reason = decoded;
    }
    const index = new SearchIndex(this.#dimensions);
    // Only vectors this embedder made are searched (the fingerprint covers which those are).
    const ownVectors = new Set(stored.filter((d) => d.embedderId === this.#embedderId).map((d) => d.id));
    // Rebuilding 100k chunks takes seconds: let pings through so the worker is not taken for hung.
    const chunks = await this.#documents.allChunks();
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0 && i % REBUILD_SLICE === 0) await yieldToEventLoop();
      const chunk = chunks[i] as (typeof chunks)[number];
      index.add(chunk, ownVectors.has(chunk.docId));
    }
    // Written after start-up, not before the first search (about 150 MB at 100k chunks).
    this.#saving = this.#saving.then(() => this.#write(index, fingerprint));
    return { index, report: { source: 'rebuilt', reason, chunks: index.size, ms: performance.now() - t0 } };
  }

  /** Resolves when every snapshot write started so far has ended. */
  flushed(): Promise<void> {
    return this.#saving;
  }

  /**
   * Documents were deleted: the snapshot holds their analyzed terms, so it goes now (after a write in
   * progress, whose locked file would otherwise come back with them), not when the next is written.
   */
  async discardSnapshot(): Promise<void> {
    await this.flushed();
    try {
      await removeSnapshotFile();
    } catch {
      // Another window's worker is writing it (its file is locked): once more after that write.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await removeSnapshotFile().catch(() => undefined);
    }
  }

  /** These indexes were replaced (another embedder): no snapshot of them is written any more. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#stopped = true;
  }

  /** The library changed: write a new snapshot soon (one write for a burst of changes). */
  changed(index: SearchIndex): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#saving = this.#saving.then(async () => {
        const fingerprint = await libraryFingerprint(await this.#documents.list(), this.#embedderId, this.#dimensions);
        await this.#write(index, fingerprint);
      });
    }, SAVE_DELAY_MS);
  }

  /** A snapshot that cannot be written costs only a rebuild at the next start. */
  async #write(index: SearchIndex, fingerprint: string): Promise<void> {
    try {
      await writeSnapshotFile(encodeSnapshot(index, fingerprint));
    } catch {
      // Out of space, or an id this format cannot hold: the next start rebuilds.
    }
  }
}
