/**
 * A whole library in memory (documents, chunks, originals, conversations) behind the same three
 * interfaces the browser's IndexedDB and OPFS implement, for the restore's tests in Node. It keeps
 * their promises: `restore` adds all or nothing and never overwrites a key. `corrupt` lets a test
 * damage what a later read returns, as a faulty disk would.
 */
import { appError } from '../../src/lib/errors';
import type { BackupStore, RestoreBatch } from '../../src/lib/storage/backup-store';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { ChunkRecord, ConversationRecord, DocumentRecord } from '../../src/lib/storage/schema';
import type { OriginalStore } from '../retrieval/originals';

export class MemoryLibrary {
  docs = new Map<string, DocumentRecord>();
  chunks = new Map<string, ChunkRecord>();
  files = new Map<string, Uint8Array>();
  convs = new Map<string, ConversationRecord>();
  /** Called on each record as it is read back (a test may change it). */
  corrupt: ((record: DocumentRecord | ConversationRecord) => void) | null = null;

  /** Everything, as comparable plain data. */
  snapshot(): string {
    const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify({ docs: sorted(this.docs), chunks: sorted(this.chunks).map(([k, c]) => [k, { ...c, vector: [...c.vector] }]), files: sorted(this.files).map(([k, f]) => [k, [...f]]), convs: sorted(this.convs) });
  }

  readonly documents: DocumentStore = {
    list: async () => [...this.docs.values()].sort((a, b) => b.addedAt - a.addedAt),
    get: async (id) => {
      const doc = this.docs.get(id);
      if (!doc) throw appError('DOCUMENT_NOT_FOUND', { detail: id });
      return doc;
    },
    withHash: async (hash) => [...this.docs.values()].find((d) => d.contentHash === hash),
    named: async (name) => [...this.docs.values()].find((d) => d.name === name),
    chunksOf: async (id) => this.#chunksOf(id),
    chunkTexts: async (ids) => ids.map((id) => this.chunks.get(id)?.text ?? ''),
    allChunks: async () => [...this.chunks.values()],
    save: async (doc, chunks) => {
      await this.documents.saveAll([{ doc, chunks }]);
      return [];
    },
    saveAll: async (entries) => {
      for (const { doc, chunks } of entries) {
        this.docs.set(doc.id, structuredClone(doc));
        for (const c of chunks) this.chunks.set(c.id, structuredClone(c));
      }
    },
    remove: async (id) => {
      const ids = this.#chunksOf(id).map((c) => c.id);
      for (const c of ids) this.chunks.delete(c);
      this.docs.delete(id);
      return ids;
    },
  };

  readonly originals: OriginalStore = {
    put: async (id, bytes) => void this.files.set(id, bytes.slice()),
    get: async (id) => this.files.get(id)?.slice() ?? null,
    remove: async (id) => void this.files.delete(id),
    unownedOlderThan: async (owned) => [...this.files.keys()].filter((id) => !owned.has(id)),
  };

  readonly store: BackupStore = {
    conversations: async () => [...this.convs.values()].map((c) => structuredClone(c)),
    conversationIds: async () => new Set(this.convs.keys()),
    restore: async (batch: RestoreBatch, signal?: AbortSignal) => {
      if (signal?.aborted) throw appError('ABORTED');
      const taken = batch.documents.some(({ doc, chunks }) => this.docs.has(doc.id) || chunks.some((c) => this.chunks.has(c.id))) || batch.conversations.some((c) => this.convs.has(c.id));
      if (taken) throw appError('STORAGE_FAILED', { detail: 'ConstraintError: key already exists' });
      await this.documents.saveAll(batch.documents);
      for (const c of batch.conversations) this.convs.set(c.id, structuredClone(c));
    },
    readBack: async (docIds, conversationIds) => {
      const documents = docIds.flatMap((id) => {
        const doc = this.docs.get(id);
        return doc ? [{ doc: this.#read(doc), chunks: this.#chunksOf(id).map((c) => structuredClone(c)) }] : [];
      });
      const conversations = conversationIds.flatMap((id) => {
        const c = this.convs.get(id);
        return c ? [this.#read(c)] : [];
      });
      return { documents, conversations };
    },
    undo: async (docIds, conversationIds) => {
      for (const id of docIds) await this.documents.remove(id);
      for (const id of conversationIds) this.convs.delete(id);
    },
  };

  #read<T extends DocumentRecord | ConversationRecord>(record: T): T {
    const copy = structuredClone(record);
    this.corrupt?.(copy);
    return copy;
  }

  #chunksOf(docId: string): ChunkRecord[] {
    return [...this.chunks.values()].filter((c) => c.docId === docId).sort((a, b) => a.index - b.index);
  }
}
