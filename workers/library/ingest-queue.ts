/**
 * The library worker's ingestion queue. A file is first staged (its bytes kept as the document's
 * original in OPFS, a queue record in IndexedDB), so a reload or a restarted worker from then on
 * resumes it; files are then built one at a time (parsing and embedding use the same cores), and a
 * finished document replaces its queue record in one transaction. A cancelled or failed file leaves
 * nothing behind, and never stops the files queued after it. Staging and storing hold the
 * library's write lock, and a file being built is claimed, so other windows neither add it twice
 * nor resume it while this one builds it.
 */
import { appError } from '../../src/lib/errors';
import { checkFile } from '../../src/lib/ingest/check';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import { dequeue, enqueue, queued, queuedById, queuedWithHash } from '../../src/lib/storage/queue';
import type { DocumentRecord, QueueRecord } from '../../src/lib/storage/schema';
import type { IngestEvent } from '../library.protocol';
import { buildDocument, sha256Hex, type PassageEmbedder } from '../retrieval/ingest';
import type { OriginalStore } from '../retrieval/originals';
import { claimedQueueIds, claimQueued, withWriteLock } from './write-lock';

/** An original this old that nothing owns is left over from a crash, not a file being staged. */
const ORPHAN_AGE_MS = 10 * 60 * 1000;

/** A file is resumed this many times after the worker building it stopped; then it is dropped. */
export const MAX_ATTEMPTS = 3;

export interface IngestQueueDeps {
  documents: DocumentStore;
  originals: OriginalStore;
  /** A document was stored (replacing the document `replaced`, when it was a new version). */
  onStored: (doc: DocumentRecord, replaced?: string) => void;
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

/** A file staged for building: its queue record, its bytes, and the release of this window's claim on it. */
export interface Staged {
  record: QueueRecord;
  bytes: Uint8Array;
  release: () => void;
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
  async pending(): Promise<QueueRecord[]> {
    const records = await queued();
    const knownDocIds = (await this.#deps.documents.list()).map((d) => d.id);
    const owned = new Set([...knownDocIds, ...records.map((r) => r.id)]);
    for (const id of await this.#deps.originals.unownedOlderThan(owned, Date.now() - ORPHAN_AGE_MS)) await this.#deps.originals.remove(id);
    const claimed = await claimedQueueIds();
    return records.filter((r) => !claimed.has(r.id));
  }

  /**
   * Keep a new file's bytes and queue it. Refuses a file whose exact bytes are already stored or
   * queued (DUPLICATE_DOCUMENT), and a new version of a stored file name unless told to replace it
   * or keep both (NAME_TAKEN, with the stored document's id as detail).
   */
  async stage(file: File, replaceDocId?: string, keepBoth = false): Promise<Staged> {
    checkFile(file.name, file.type, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentHash = await sha256Hex(bytes);
    return withWriteLock(() => this.#stageLocked(file, bytes, contentHash, replaceDocId, keepBoth));
  }

  async #stageLocked(file: File, bytes: Uint8Array, contentHash: string, replaceDocId: string | undefined, keepBoth: boolean): Promise<Staged> {
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
    const release = await claimQueued(record.id);
    await this.#deps.originals.put(record.id, bytes);
    try {
      await enqueue(record);
    } catch (error) {
      release();
      await this.#deps.originals.remove(record.id);
      throw error;
    }
    return { record, bytes, release };
  }

  /**
   * A file staged before a reload, or by a worker that stopped, with its bytes, claimed for this
   * window. Each restage counts as an attempt: a file that stopped the worker MAX_ATTEMPTS times is
   * dropped with INGEST_INTERRUPTED rather than tried for ever.
   */
  async restage(id: string): Promise<Staged> {
    const release = await claimQueued(id);
    try {
      const record = await queuedById(id);
      const bytes = record ? await this.#deps.originals.get(id) : null;
      if (!record || !bytes) {
        await this.discard(id);
        throw appError('DOCUMENT_NOT_FOUND', { message: `A file queued before the page was reloaded could not be found again${record ? ` (“${record.name}”)` : ''}. Add it again.`, detail: id });
      }
      const attempts = (record.attempts ?? 0) + 1;
      if (attempts > MAX_ATTEMPTS) {
        await this.discard(id);
        throw appError('INGEST_INTERRUPTED', { message: `“${record.name}” stopped the background worker ${MAX_ATTEMPTS} times, so it was not added. The file may be damaged: open it in its own app, save a fresh copy and add that.`, detail: id });
      }
      const counted = { ...record, attempts };
      await enqueue(counted);
      return { record: counted, bytes, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Wait for this file's turn, build it with `embedder` and store it; on any failure the staged file is dropped. */
  async run(staged: Staged, embedder: PassageEmbedder, password: string | undefined, emit: (e: IngestEvent) => void, signal: AbortSignal): Promise<DocumentRecord> {
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
        embedder,
        emit,
        signal,
      );
      if (signal.aborted) throw appError('ABORTED');
      emit({ kind: 'progress', stage: 'saving', done: 0, total: 1, unit: 'part' });
      await withWriteLock(() => this.#deps.documents.save(doc, chunks, record.replaceDocId));
      stored = true;
      this.#deps.onStored(doc, record.replaceDocId);
      if (record.replaceDocId) await this.#deps.originals.remove(record.replaceDocId).catch(() => undefined);
      return doc;
    } catch (error) {
      if (!stored) await this.discard(record.id);
      throw error;
    } finally {
      release();
      staged.release();
    }
  }

  async discard(id: string): Promise<void> {
    await dequeue(id).catch(() => undefined);
    await this.#deps.originals.remove(id).catch(() => undefined);
  }
}
