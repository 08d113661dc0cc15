/**
 * Ingestion of one document: chunk → analyze (BM25 terms) → embed in batches → build records.
 * Nothing is stored here; the caller saves the document and its chunks in one transaction.
 */
import { analyze } from '../../src/lib/core/analyzer';
import { chunkText } from '../../src/lib/core/chunk';
import { appError } from '../../src/lib/errors';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import type { IngestPayload, IngestProgress } from '../retrieval.protocol';
import type { Embedder } from './embedder';

const EMBED_BATCH = 16;

export async function buildDocument(
  payload: IngestPayload,
  embedder: Embedder,
  emit: (p: IngestProgress) => void,
  signal: AbortSignal,
): Promise<{ doc: DocumentRecord; chunks: ChunkRecord[] }> {
  const docId = crypto.randomUUID();
  emit({ kind: 'progress', stage: 'chunking', done: 0, total: 1 });
  const spans = chunkText(payload.text);
  if (spans.length === 0) throw appError('EMPTY_FILE', { detail: payload.name });

  const chunks: ChunkRecord[] = [];
  for (let i = 0; i < spans.length; i += EMBED_BATCH) {
    if (signal.aborted) throw appError('ABORTED');
    const batch = spans.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((s) => s.text), 'passage');
    batch.forEach((span, j) => {
      chunks.push({
        id: `${docId}:${span.index}`,
        docId,
        index: span.index,
        text: span.text,
        start: span.start,
        end: span.end,
        terms: analyze(`${payload.name}\n${span.text}`),
        vector: vectors[j] ?? new Float32Array(embedder.model.dimensions),
      });
    });
    emit({ kind: 'progress', stage: 'embedding', done: Math.min(i + EMBED_BATCH, spans.length), total: spans.length });
  }

  const doc: DocumentRecord = {
    id: docId,
    name: payload.name,
    mimeType: payload.mimeType,
    sizeBytes: payload.sizeBytes,
    textLength: payload.text.length,
    chunkCount: chunks.length,
    embedderId: embedder.model.id,
    addedAt: Date.now(),
  };
  return { doc, chunks };
}
