/**
 * The worker's ingestion queue. A file is first staged (its bytes kept as the document's original
 * in OPFS, a queue record in IndexedDB), so a reload from then on resumes it; files are then built
 * one at a time (parsing and embedding use the same cores), and a finished document replaces its
 * queue record in one transaction. A cancelled or failed file leaves nothing behind, and never
 * stops the files queued after it.
 */
import { appError } from '../../src/lib/errors';
import { checkFile } from '../../src/lib/ingest/check';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import { dequeue, enqueue, queued, queuedById, queuedWithHash } from '../../src/lib/storage/queue';
import type { ChunkRecord, DocumentRecord, QueueRecord } from '../../src/lib/storage/schema';
import type { IngestEvent } from '../retrieval.protocol';
import { buildDocument, sha256Hex, type PassageEmbedder } from './ingest';
import type { OriginalStore } from './originals';

/** An original this old that nothing owns is left over from a crash, not a file being staged. */
const ORPHAN_AGE_MS = 10 * 60 * 1000;

export interface IngestQueueDeps {
  documents: DocumentStore;
  originals: OriginalStore;
  embedder: () => PassageEmbedder;
  /** A document was stored (replacing `removedChunkIds` of the document it replaced). */
  onStored: (doc: DocumentRecord, chunks: ChunkRecord[], removedChunkIds: string[], replaced?: string) => void;
}

/** Resolves when `turn` does; rejects with ABORTED as soon as the signal aborts. */
function untilTurnOrAbort(turn: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(appError('ABORTED'));
  return new Promise((resolve, reject) => {
    const fail = () => reject(appError('ABORTED'));
    signal.addEventListener('abort', fail, { once: true });
    void turn.then(() => {
      signal.removeEventListener('abort', fail);
      resolve();
    });
  });
}

export class IngestQueue {
  readonly #deps: IngestQueueDeps;
  #lane: Promise<void> = Promise.resolve();

  constructor(deps: IngestQueueDeps) {
    this.#deps = deps;
  }

  /**
   * Files queued before a reload, oldest first. Originals that no document or queued file owns
   * (left by a crash between writing the bytes and the queue record) are swept, but only once they
   * are a while old: another tab may be between those two steps right now.
   */
  async pending(knownDocIds: ReadonlySet<string>): Promise<QueueRecord[]> {
    const records = await queued();
    const owned = new Set([...knownDocIds, ...records.map((r) => r.id)]);
    for (const id of await this.#deps.originals.unownedOlderThan(owned, Date.now() - ORPHAN_AGE_MS)) await this.#deps.originals.remove(id);
    return records;
  }

  /**
   * Keep a new file's bytes and queue it. Refuses a file whose exact bytes are already stored or
   * queued (DUPLICATE_DOCUMENT), and a new version of a stored file name unless told to replace it
   * or keep both (NAME_TAKEN, with the stored document's id as detail).
   */
  async stage(file: File, replaceDocId?: string, keepBoth = false): Promise<{ record: QueueRecord; bytes: Uint8Array }> {
    checkFile(file.name, file.type, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentHash = await sha256Hex(bytes);
    const existing = await this.#deps.documents.withHash(contentHash);
    if (existing) {
      const as = existing.name === file.name ? '' : ` as “${existing.name}”`;
      throw appError('DUPLICATE_DOCUMENT', { message: `“${file.name}” is already in your library${as}. Nothing was added.`, detail: existing.id });
    }
    const waiting = await queuedWithHash(contentHash);
    if (waiting) {
      throw appError('DUPLICATE_DOCUMENT', { message: `“${file.name}” is already being added${waiting.name === file.name ? '' : ` as “${waiting.name}”`}.`, detail: waiting.id });
    }
    if (!replaceDocId && !keepBoth) {
      const sameName = await this.#deps.documents.named(file.name);
      if (sameName) {
        throw appError('NAME_TAKEN', { message: `A different version of “${file.name}” is already in your library. Replace it with this one, or keep both.`, detail: sameName.id });
      }
    }
    const record: QueueRecord = {
      id: crypto.randomUUID(),
      name: file.name,
      mimeType: file.type,
      sizeBytes: bytes.byteLength,
      contentHash,
      queuedAt: Date.now(),
      ...(replaceDocId ? { replaceDocId } : {}),
    };
    await this.#deps.originals.put(record.id, bytes);
    try {
      await enqueue(record);
    } catch (error) {
      await this.#deps.originals.remove(record.id);
      throw error;
    }
    return { record, bytes };
  }

  /** A file staged before a reload, with its bytes. */
  async restage(id: string): Promise<{ record: QueueRecord; bytes: Uint8Array }> {
    const record = await queuedById(id);
    const bytes = record ? await this.#deps.originals.get(id) : null;
    if (!record || !bytes) {
      await this.discard(id);
      throw appError('DOCUMENT_NOT_FOUND', { message: `A file queued before the page was reloaded could not be found again${record ? ` (“${record.name}”)` : ''}. Add it again.`, detail: id });
    }
    return { record, bytes };
  }

  /** Wait for this file's turn, build it and store it; on any failure the staged file is dropped. */
  async run(staged: { record: QueueRecord; bytes: Uint8Array }, password: string | undefined, emit: (e: IngestEvent) => void, signal: AbortSignal): Promise<DocumentRecord> {
    const { record, bytes } = staged;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.#lane;
    this.#lane = before.then(() => mine);
    let stored = false;
    try {
      emit({ kind: 'progress', stage: 'waiting', done: 0, total: 1, unit: 'part' });
      await untilTurnOrAbort(before, signal);
      const { doc, chunks } = await buildDocument(
        { id: record.id, name: record.name, mimeType: record.mimeType, bytes, contentHash: record.contentHash, ...(password ? { password } : {}) },
        this.#deps.embedder(),
        emit,
        signal,
      );
      if (signal.aborted) throw appError('ABORTED');
      emit({ kind: 'progress', stage: 'saving', done: 0, total: 1, unit: 'part' });
      const removed = await this.#deps.documents.save(doc, chunks, record.replaceDocId);
      stored = true;
      this.#deps.onStored(doc, chunks, removed, record.replaceDocId);
      if (record.replaceDocId) await this.#deps.originals.remove(record.replaceDocId).catch(() => undefined);
      return doc;
    } catch (error) {
      if (!stored) await this.discard(record.id);
      throw error;
    } finally {
      release();
    }
  }

  async discard(id: string): Promise<void> {
    await dequeue(id).catch(() => undefined);
    await this.#deps.originals.remove(id).catch(() => undefined);
  }
}
