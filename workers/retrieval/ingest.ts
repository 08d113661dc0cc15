/**
 * Ingestion of one file: parse (the format's parser) → chunk by pages and sections, sized to the
 * embedder's token limit → analyze (BM25 terms) → embed in batches → records. Nothing is stored
 * here; the caller saves the document and its chunks in one transaction.
 */
import { chunkTerms } from '../../src/lib/core/chunk-terms';
import { chunkBlocks } from '../../src/lib/core/chunk-blocks';
import { encodeHalves } from '../../src/lib/core/float16';
import { detectLanguage } from '../../src/lib/core/language';
import { normalize } from '../../src/lib/core/normalize';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { ParsedDocument } from '../../src/lib/ingest/parsed';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { parseFile } from '../parsers/registry';
import type { IngestEvent } from '../library.protocol';
import { yieldToEventLoop } from '../yield';

const EMBED_BATCH = 16;

/** What ingestion needs of an embedder (the worker's transformers.js one, or another in Node). */
export interface PassageEmbedder {
  readonly model: EmbedderModel;
  readonly maxTokens: number;
  countTokens(text: string): number;
  embed(texts: string[], kind: 'passage'): Promise<Float32Array[]>;
}

export interface IngestInput {
  id: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  contentHash: string;
  password?: string;
}

export interface BuiltDocument {
  doc: DocumentRecord;
  chunks: ChunkRecord[];
  /** Where the time went, for benchmarks. */
  timings: { parseMs: number; chunkMs: number; embedMs: number };
}

/** The text the embedder sees for a chunk: its nearest headings first, so a passage knows its section. */
export function embeddingText(chunk: { text: string; headingPath: string[] }): string {
  const context = chunk.headingPath.slice(-2).join(' › ');
  return context && !chunk.text.startsWith(context) ? `${context}\n${chunk.text}` : chunk.text;
}

function check(signal: AbortSignal): void {
  if (signal.aborted) throw appError('ABORTED');
}

export async function parseInput(input: IngestInput, emit: (e: IngestEvent) => void, signal: AbortSignal): Promise<ParsedDocument> {
  emit({ kind: 'progress', stage: 'reading', done: 0, total: 1, unit: 'part' });
  return parseFile(input.mimeType, input.bytes, {
    name: input.name,
    signal,
    ...(input.password ? { password: input.password } : {}),
    onProgress: (done, total, unit) => emit({ kind: 'progress', stage: 'reading', done, total, unit }),
  });
}

/** Chunk sizes other than the app's (benchmarks of shorter passages); the app passes none. */
export interface ChunkSizes {
  targetChars?: number;
  overlapChars?: number;
}

export async function buildDocument(
  input: IngestInput,
  embedder: PassageEmbedder,
  emit: (e: IngestEvent) => void,
  signal: AbortSignal,
  sizes: ChunkSizes = {},
): Promise<BuiltDocument> {
  const t0 = performance.now();
  const parsed = await parseInput(input, emit, signal);
  check(signal);
  const t1 = performance.now();
  emit({ kind: 'progress', stage: 'chunking', done: 0, total: 1, unit: 'part' });
  const placed = chunkBlocks(parsed.text, parsed.blocks, {
    ...sizes,
    maxTokens: embedder.maxTokens,
    countTokens: (text) => embedder.countTokens(text),
  });
  if (placed.length === 0) throw appError('EMPTY_FILE', { detail: input.name });
  const t2 = performance.now();

  const chunks: ChunkRecord[] = [];
  let embedMs = 0;
  let termBytes = 0;
  for (let i = 0; i < placed.length; i += EMBED_BATCH) {
    await yieldToEventLoop();
    check(signal);
    const batch = placed.slice(i, i + EMBED_BATCH);
    const e0 = performance.now();
    const vectors = await embedder.embed(batch.map(embeddingText), 'passage');
    embedMs += performance.now() - e0;
    batch.forEach((span, j) => {
      const terms = chunkTerms(input.name, span.headingPath, span.text);
      termBytes += terms.reduce((n, t) => n + t.length * 2 + 8, 0);
      chunks.push({
        id: `${input.id}:${span.index}`,
        docId: input.id,
        index: span.index,
        text: span.text,
        start: span.start,
        end: span.end,
        ...(span.page !== undefined ? { page: span.page, pageEnd: span.pageEnd ?? span.page } : {}),
        headingPath: span.headingPath,
        terms,
        vector: encodeHalves(normalize(vectors[j] ?? new Float32Array(embedder.model.dimensions))),
      });
    });
    emit({ kind: 'progress', stage: 'embedding', done: Math.min(i + EMBED_BATCH, placed.length), total: placed.length, unit: 'passage' });
  }

  const textBytes = chunks.reduce((n, c) => n + c.text.length * 2 + c.vector.byteLength, 0);
  const doc: DocumentRecord = {
    id: input.id,
    name: input.name,
    mimeType: parsed.mimeType,
    sizeBytes: input.bytes.byteLength,
    textLength: parsed.text.length,
    chunkCount: chunks.length,
    embedderId: embedder.model.id,
    addedAt: Date.now(),
    format: parsed.format,
    contentHash: input.contentHash,
    ...(parsed.title ? { title: parsed.title } : {}),
    ...(parsed.pageCount !== undefined ? { pageCount: parsed.pageCount } : {}),
    ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
    warnings: parsed.warnings,
    hasOriginal: true,
    storedBytes: input.bytes.byteLength + textBytes + termBytes,
    language: detectLanguage(parsed.text),
  };
  return { doc, chunks, timings: { parseMs: t1 - t0, chunkMs: t2 - t1, embedMs } };
}

/** SHA-256 of bytes, hex (crypto.subtle: in workers, pages and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
