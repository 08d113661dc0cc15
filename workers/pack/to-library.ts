/**
 * A verified pack → library records, ready to store in one transaction (the worker) or to search in
 * memory (`hearth search`). Vectors are taken from the pack only when its embedder is exactly this
 * one; otherwise (another model, or a BM25-only pack) every passage is embedded again from its text,
 * with progress, so vectors of two models are never mixed. Terms are remade when the pack's
 * analyzer differs from this one's.
 */
import { ANALYZER_VERSION } from '../../src/lib/core/analyzer';
import { chunkTerms } from '../../src/lib/core/chunk-terms';
import { encodeHalves } from '../../src/lib/core/float16';
import { detectLanguageOfParts } from '../../src/lib/core/language';
import { normalize } from '../../src/lib/core/normalize';
import { appError } from '../../src/lib/errors';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { embeddingText, type PassageEmbedder } from '../retrieval/ingest';
import { yieldToEventLoop } from '../yield';
import { optionalDocumentFields, type Pack } from './format';
import { sameEmbedder, type LibraryEntry } from './from-library';

const EMBED_BATCH = 16;

export interface ToLibraryOptions {
  /** The embedder the library uses; null keeps the passages without vectors (BM25 only). */
  embedder: PassageEmbedder | null;
  /** A fresh document id (documents get new ids, so a pack can be imported beside anything); `n` indexes documents.json. */
  newId: (n: number) => string;
  /** Content hashes already in the library: those documents are skipped, not doubled. */
  existingHashes?: ReadonlySet<string>;
  onEmbedProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ToLibraryResult {
  entries: LibraryEntry[];
  /** Names of documents skipped because the library already holds them. */
  skipped: string[];
  /** Passages embedded again (0 when the pack's vectors were used). */
  reembedded: number;
}

export async function libraryFromPack(pack: Pack, options: ToLibraryOptions): Promise<ToLibraryResult> {
  const { embedder } = options;
  const reuseVectors = !!embedder && !!pack.vectors && sameEmbedder(pack.manifest.embedder, embedder.model);
  const remakeTerms = pack.manifest.analyzerVersion !== ANALYZER_VERSION;
  const dims = pack.manifest.vectors?.dimensions ?? 0;
  const now = Date.now();

  const skipped: string[] = [];
  const kept = new Map<number, LibraryEntry>();
  pack.documents.forEach((d, n) => {
    if (d.contentHash && options.existingHashes?.has(d.contentHash)) {
      skipped.push(d.name);
      return;
    }
    const id = options.newId(n);
    const doc: DocumentRecord = {
      id,
      name: d.name,
      mimeType: d.mimeType,
      sizeBytes: d.sizeBytes,
      textLength: d.textLength,
      chunkCount: d.chunkCount,
      embedderId: embedder?.model.id ?? '',
      addedAt: now + n,
      format: d.format,
      contentHash: d.contentHash,
      ...optionalDocumentFields(d),
      warnings: d.warnings,
      hasOriginal: !!d.original,
      storedBytes: 0,
    };
    kept.set(n, { doc, chunks: [], original: d.original ? (pack.originals.get(d.original) ?? null) : null });
  });

  const empty = new Uint16Array(0);
  pack.chunks.forEach((c, i) => {
    const entry = kept.get(c.doc);
    if (!entry) return;
    entry.chunks.push({
      id: `${entry.doc.id}:${c.index}`,
      docId: entry.doc.id,
      index: c.index,
      text: c.text,
      start: c.start,
      end: c.end,
      ...(c.page !== undefined ? { page: c.page, pageEnd: c.pageEnd ?? c.page } : {}),
      headingPath: c.headingPath,
      terms: remakeTerms ? chunkTerms(entry.doc.name, c.headingPath, c.text) : c.terms,
      vector: reuseVectors && pack.vectors ? pack.vectors.slice(i * dims, (i + 1) * dims) : empty,
    });
  });

  const entries = [...kept.values()];
  let reembedded = 0;
  if (embedder && !reuseVectors) reembedded = await embedAll(entries, embedder, options);
  for (const entry of entries) {
    entry.doc.storedBytes = storedBytes(entry);
    entry.doc.language = detectLanguageOfParts(entry.chunks.map((c) => c.text));
  }
  return { entries, skipped, reembedded };
}

async function embedAll(entries: LibraryEntry[], embedder: PassageEmbedder, options: ToLibraryOptions): Promise<number> {
  const all = entries.flatMap((e) => e.chunks);
  options.onEmbedProgress?.(0, all.length);
  for (let i = 0; i < all.length; i += EMBED_BATCH) {
    await yieldToEventLoop();
    if (options.signal?.aborted) throw appError('ABORTED');
    const batch = all.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map(embeddingText), 'passage');
    batch.forEach((chunk, j) => {
      chunk.vector = encodeHalves(normalize(vectors[j] ?? new Float32Array(embedder.model.dimensions)));
    });
    options.onEmbedProgress?.(Math.min(i + EMBED_BATCH, all.length), all.length);
  }
  return all.length;
}

/** What the document takes on the device: original + texts + vectors + terms (as ingestion counts it). */
function storedBytes({ chunks, original }: LibraryEntry): number {
  let bytes = original?.byteLength ?? 0;
  for (const c of chunks) bytes += c.text.length * 2 + c.vector.byteLength + c.terms.reduce((n, t) => n + t.length * 2 + 8, 0);
  return bytes;
}
