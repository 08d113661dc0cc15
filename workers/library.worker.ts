/// <reference lib="webworker" />
/**
 * The library worker: every write to the document store. It stages and builds files (parse, chunk,
 * analyze, embed, store atomically; see library/ingest-queue.ts), deletes documents and imports
 * knowledge packs, each under the library's write lock, embeds the library again when the person
 * switches embedding models (library/reembed.ts), and announces every committed change to the other
 * windows and workers (the retrieval workers update their indexes from it).
 *
 * Its embedder is its own (documents are embedded here while the retrieval worker embeds questions),
 * loaded on the first file and let go after a while without work, so an idle library costs no
 * second copy of the model.
 */
import { serve } from '../src/lib/rpc/server';
import { idbDocumentStore } from '../src/lib/storage/documents';
import { announce } from '../src/lib/storage/library-changes';
import { idbBackupStore } from '../src/lib/storage/restore';
import { handleRestoreBackup } from './backup/handlers';
import { IdleEmbedder } from './library/idle-embedder';
import { IngestQueue } from './library/ingest-queue';
import { reembedLibrary } from './library/reembed';
import { withReembedLock, withWriteLock } from './library/write-lock';
import { idbReembedStore } from '../src/lib/storage/reembed';
import { opfsOriginals } from './retrieval/originals';
import { importPack } from './retrieval/packs';
import { removeSnapshotFile } from './retrieval/snapshot-store';
import type { LibraryProtocol } from './library.protocol';

declare const self: DedicatedWorkerGlobalScope;

const documents = idbDocumentStore;
/** Pack imports verify and embed outside the write lock; only their one saving transaction holds it. */
const lockedDocuments = { ...documents, saveAll: (entries: Parameters<typeof documents.saveAll>[0]) => withWriteLock(() => documents.saveAll(entries)) };
const embedders = new IdleEmbedder();

const queue = new IngestQueue({
  documents,
  originals: opfsOriginals,
  onStored(doc, replaced) {
    announce({ kind: 'documents', added: [doc.id], removed: replaced ? [replaced] : [] });
  },
});

serve<LibraryProtocol>(self, {
  async queued() {
    return { queued: await queue.pending() };
  },

  async ingest(payload, { emit, signal }) {
    const staged = 'file' in payload ? await queue.stage(payload.file, payload.replaceDocId, payload.keepBoth) : await queue.restage(payload.queuedId);
    emit({ kind: 'queued', id: staged.record.id });
    return embedders.using(payload, (embedder) => queue.run(staged, embedder, payload.password, emit, signal), () => emit({ kind: 'progress', stage: 'loading', done: 0, total: 1, unit: 'part' }));
  },

  async remove({ docId }) {
    const removed = await withWriteLock(async () => {
      const chunkIds = await documents.remove(docId);
      // The snapshot holds every chunk's analyzed terms: it goes at once, and the retrieval worker
      // writes a fresh one without this document.
      await removeSnapshotFile().catch(() => undefined);
      return chunkIds;
    });
    await opfsOriginals.remove(docId);
    announce({ kind: 'documents', added: [], removed: [docId] });
    return { removedChunks: removed.length };
  },

  async importPack(payload, { emit, signal }) {
    const { stored, ...result } = await embedders.using(payload, (embedder) => importPack(payload.file, { embedder, documents: lockedDocuments, originals: opfsOriginals, emit, signal }));
    if (stored.length > 0) announce({ kind: 'documents', added: stored.map((s) => s.doc.id), removed: [] });
    return result;
  },

  async reembed(payload, { emit, signal }) {
    const target = payload.embedder;
    return withReembedLock(
      () => emit({ kind: 'progress', stage: 'waiting', done: 0, total: 0 }),
      async () => {
        const plan = await idbReembedStore.plan(target);
        if (plan.work.length === 0) {
          // Nothing to embed; vectors left from a switch the person changed their mind about go.
          if (plan.staged) await withWriteLock(() => idbReembedStore.commit(target));
          return { embedder: target.id, documents: [], passages: 0 };
        }
        const result = await embedders.using(
          payload,
          (embedder) => reembedLibrary(embedder, { store: idbReembedStore, withWriteLock, emit, signal }),
          (p) => emit({ kind: 'progress', stage: 'loading', done: p?.loadedBytes ?? 0, total: p?.totalBytes ?? 0 }),
        );
        await removeSnapshotFile().catch(() => undefined);
        announce({ kind: 'embedder', embedderId: result.embedder });
        return result;
      },
    );
  },

  async restoreBackup(payload, { emit, signal }) {
    // Rare and all-or-nothing: it holds the write lock from its first check to its last.
    const { stored, ...result } = await embedders.using(payload, (embedder) =>
      withWriteLock(() => handleRestoreBackup(payload, { embedder, documents, originals: opfsOriginals, store: idbBackupStore, emit, signal })),
    );
    const added = stored.map((s) => s.doc.id);
    if (added.length > 0) announce({ kind: 'documents', added, removed: [] });
    if (result.conversations > 0) announce({ kind: 'conversations', id: '' });
    return { ...result, added };
  },
});
