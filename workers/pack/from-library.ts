/**
 * Library records (what the worker stores, or what `hearth pack` builds in Node) → pack contents.
 * Chunks keep the document's order; vectors are copied as stored (float16), so an exported pack
 * searches exactly as the library did.
 */
import { ANALYZER_VERSION } from '../../src/lib/core/analyzer';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { ENTRY, optionalDocumentFields, type PackChunk, type PackDocument, type PackEmbedder } from './format';
import type { PackContents } from './write';

export interface LibraryEntry {
  doc: DocumentRecord;
  chunks: ChunkRecord[];
  /** The original file's bytes, to include in the pack. */
  original?: Uint8Array | null;
}

export function packEmbedderOf(model: EmbedderModel): PackEmbedder {
  const { id, repo, revision, dimensions, pooling, normalize, queryPrefix, passagePrefix } = model;
  return { id, repo, revision, dimensions, pooling, normalize, queryPrefix, passagePrefix };
}

/** True when vectors made by `pack` are the vectors `model` makes. */
export function sameEmbedder(pack: PackEmbedder | null, model: EmbedderModel): boolean {
  if (!pack) return false;
  const mine = packEmbedderOf(model);
  return (Object.keys(mine) as (keyof PackEmbedder)[]).every((key) => pack[key] === mine[key]);
}

/**
 * `embedder` null makes a BM25-only pack. With an embedder, every chunk must carry its vector
 * (a document stored by another embedder is refused by the caller before this).
 */
export function packContentsOf(entries: readonly LibraryEntry[], embedder: EmbedderModel | null, createdBy: string): PackContents {
  const documents: PackDocument[] = [];
  const chunks: PackChunk[] = [];
  const originals = new Map<string, Uint8Array>();
  const dims = embedder?.dimensions ?? 0;
  const vectorParts: Uint16Array[] = [];
  entries.forEach(({ doc, chunks: docChunks, original }, n) => {
    const record: PackDocument = {
      name: doc.name,
      format: doc.format,
      mimeType: doc.mimeType,
      sizeBytes: doc.sizeBytes,
      textLength: doc.textLength,
      chunkCount: docChunks.length,
      contentHash: doc.contentHash,
      ...optionalDocumentFields(doc),
      warnings: doc.warnings,
    };
    if (original) {
      record.original = ENTRY.original(n);
      originals.set(record.original, original);
    }
    documents.push(record);
    for (const c of [...docChunks].sort((a, b) => a.index - b.index)) {
      chunks.push({
        doc: n,
        index: c.index,
        text: c.text,
        start: c.start,
        end: c.end,
        ...(c.page !== undefined ? { page: c.page, pageEnd: c.pageEnd ?? c.page } : {}),
        headingPath: c.headingPath,
        terms: c.terms,
      });
      if (embedder) {
        if (c.vector.length !== dims) throw new RangeError(`passage ${c.id} has ${c.vector.length} dimensions, not ${dims}`);
        vectorParts.push(c.vector);
      }
    }
  });
  let vectors: Uint16Array | null = null;
  if (embedder) {
    vectors = new Uint16Array(chunks.length * dims);
    vectorParts.forEach((part, i) => vectors?.set(part, i * dims));
  }
  return {
    documents,
    chunks,
    vectors,
    embedder: embedder ? packEmbedderOf(embedder) : null,
    analyzerVersion: ANALYZER_VERSION,
    originals,
    createdBy,
  };
}
