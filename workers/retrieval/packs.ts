/**
 * Knowledge packs in the retrieval worker: export stored documents as a pack, and import a pack
 * atomically: verified first (read.ts), embedded again if it was made with another embedder, its
 * originals written, then every document stored in one transaction. A failure at any step leaves
 * the library as it was (originals already written are removed again).
 */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { DocumentRecord } from '../../src/lib/storage/schema';
import { packContentsOf, type LibraryEntry } from '../pack/from-library';
import { readPack } from '../pack/read';
import { libraryFromPack } from '../pack/to-library';
import { writePack } from '../pack/write';
import type { PackImportEvent, PackImportResult } from '../library.protocol';
import type { PassageEmbedder } from './ingest';
import type { OriginalStore } from './originals';

export const CREATED_BY = 'Hearth (browser)';

export async function exportPack(docIds: readonly string[], includeOriginals: boolean, embedder: EmbedderModel, documents: DocumentStore, originals: OriginalStore): Promise<Uint8Array> {
  if (docIds.length === 0) throw appError('PACK_EMPTY');
  const entries: LibraryEntry[] = [];
  for (const id of docIds) {
    const doc = await documents.get(id);
    const original = includeOriginals && doc.hasOriginal ? await originals.get(id) : null;
    entries.push({ doc, chunks: await documents.chunksOf(id), original });
  }
  // Vectors only when every document was embedded by this model; otherwise a BM25-only pack.
  const sameModel = entries.every((e) => e.doc.embedderId === embedder.id);
  return writePack(packContentsOf(entries, sameModel ? embedder : null, CREATED_BY));
}

export interface ImportDeps {
  embedder: PassageEmbedder;
  documents: DocumentStore;
  originals: OriginalStore;
  emit: (event: PackImportEvent) => void;
  signal: AbortSignal;
}

export async function importPack(file: File, deps: ImportDeps): Promise<PackImportResult & { stored: LibraryEntry[] }> {
  const { emit, signal, originals } = deps;
  emit({ kind: 'progress', stage: 'verifying', done: 0, total: 1 });
  const pack = await readPack(new Uint8Array(await file.arrayBuffer()), file.name, signal);
  const existingHashes = new Set((await deps.documents.list()).flatMap((d) => (d.contentHash ? [d.contentHash] : [])));
  const { entries, skipped, reembedded } = await libraryFromPack(pack, {
    embedder: deps.embedder,
    newId: () => crypto.randomUUID(),
    existingHashes,
    onEmbedProgress: (done, total) => emit({ kind: 'progress', stage: 'embedding', done, total }),
    signal,
  });
  if (signal.aborted) throw appError('ABORTED');
  emit({ kind: 'progress', stage: 'saving', done: 0, total: entries.length });
  const written: string[] = [];
  try {
    for (const entry of entries) {
      if (!entry.original) continue;
      await originals.put(entry.doc.id, entry.original);
      written.push(entry.doc.id);
    }
    await deps.documents.saveAll(entries);
  } catch (error) {
    await Promise.all(written.map((id) => originals.remove(id).catch(() => undefined)));
    throw error;
  }
  const documents: DocumentRecord[] = entries.map((e) => e.doc);
  return { documents, skipped, reembedded, embedder: pack.manifest.embedder?.id ?? null, stored: entries };
}
