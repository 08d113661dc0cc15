/**
 * The knowledge pack: a library (or part of one) as one file that can be handed to many devices.
 * A `.hearth` file is a zip archive (readable with any zip tool) of:
 *
 *   manifest.json    format "hearth-pack", version, who made it, the analyzer version, the embedder
 *                    (id, repo, revision, dimensions, pooling, prefixes) or null, the vector encoding,
 *                    counts, and the SHA-256 and size of every other entry.
 *   documents.json   one record per document: name, format, MIME type, title, pages, warnings, size,
 *                    content hash, and its original's entry name when the original is included.
 *   chunks.json      every passage, document by document in order: text, offsets in the document
 *                    text, first and last page, heading path, BM25 terms.
 *   vectors.f16      the passages' unit vectors as little-endian float16, `dimensions` per passage in
 *                    chunks.json order (absent from a BM25-only pack, which the app embeds on import).
 *   originals/<n>    the original files, optional.
 *
 * A reader refuses a pack whose version it does not know, whose entries fail their checksums, or
 * whose counts and sizes disagree; vectors are used only when the embedder matches exactly.
 */
import * as v from 'valibot';
import { FORMATS, type FormatId } from '../../src/lib/ingest/formats';
import type { ParseWarning } from '../../src/lib/ingest/parsed';

export const PACK_FORMAT = 'hearth-pack';
export const PACK_VERSION = 1;
export { PACK_EXTENSION, PACK_MIME } from '../../src/lib/pack-file';

export const ENTRY = {
  manifest: 'manifest.json',
  documents: 'documents.json',
  chunks: 'chunks.json',
  vectors: 'vectors.f16',
  original: (n: number) => `originals/${n}`,
} as const;

/** What identifies the vectors' embedder: another id, revision, size or prefix means other vectors. */
export interface PackEmbedder {
  id: string;
  repo: string;
  revision: string;
  dimensions: number;
  pooling: 'mean' | 'cls';
  normalize: boolean;
  queryPrefix: string;
  passagePrefix: string;
}

export interface PackEntryInfo {
  bytes: number;
  sha256: string;
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  version: number;
  createdAt: string;
  createdBy: string;
  analyzerVersion: number;
  embedder: PackEmbedder | null;
  vectors: { encoding: 'f16'; dimensions: number } | null;
  counts: { documents: number; chunks: number; pages: number };
  entries: Record<string, PackEntryInfo>;
}

export interface PackDocument {
  name: string;
  format: FormatId;
  mimeType: string;
  sizeBytes: number;
  textLength: number;
  chunkCount: number;
  contentHash: string | null;
  title?: string;
  pageCount?: number;
  encoding?: string;
  warnings: ParseWarning[];
  /** The entry holding the original file, when the pack includes it. */
  original?: string;
}

/** The optional facts a document may have, copied as they are between library and pack records. */
export function optionalDocumentFields(d: { title?: string; pageCount?: number; encoding?: string }): { title?: string; pageCount?: number; encoding?: string } {
  return {
    ...(d.title ? { title: d.title } : {}),
    ...(d.pageCount !== undefined ? { pageCount: d.pageCount } : {}),
    ...(d.encoding ? { encoding: d.encoding } : {}),
  };
}

export interface PackChunk {
  /** Index into documents.json. */
  doc: number;
  index: number;
  text: string;
  start: number;
  end: number;
  page?: number;
  pageEnd?: number;
  headingPath: string[];
  terms: string[];
}

/** A pack in memory: what a reader returns and a writer takes. */
export interface Pack {
  manifest: PackManifest;
  documents: PackDocument[];
  chunks: PackChunk[];
  /** chunks.length × dimensions float16 values, or null for a BM25-only pack. */
  vectors: Uint16Array | null;
  originals: Map<string, Uint8Array>;
}

const nonNegative = v.pipe(v.number(), v.integer(), v.minValue(0));
const sha = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

export const ManifestSchema = v.object({
  format: v.literal(PACK_FORMAT),
  version: v.number(),
  createdAt: v.string(),
  createdBy: v.string(),
  analyzerVersion: v.number(),
  embedder: v.nullable(
    v.object({
      id: v.string(),
      repo: v.string(),
      revision: v.string(),
      dimensions: v.pipe(v.number(), v.integer(), v.minValue(1)),
      pooling: v.picklist(['mean', 'cls']),
      normalize: v.boolean(),
      queryPrefix: v.string(),
      passagePrefix: v.string(),
    }),
  ),
  vectors: v.nullable(v.object({ encoding: v.literal('f16'), dimensions: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
  counts: v.object({ documents: nonNegative, chunks: nonNegative, pages: nonNegative }),
  entries: v.record(v.string(), v.object({ bytes: nonNegative, sha256: sha })),
});

const WarningSchema = v.object({
  code: v.string(),
  message: v.string(),
  pages: v.optional(v.array(nonNegative)),
  scanned: v.optional(v.array(nonNegative)),
  undecodable: v.optional(v.array(nonNegative)),
  source: v.optional(v.picklist(['page', 'file'])),
});

export const DocumentsSchema = v.array(
  v.object({
    name: v.pipe(v.string(), v.minLength(1)),
    format: v.picklist(FORMATS.map((f) => f.id)),
    mimeType: v.string(),
    sizeBytes: nonNegative,
    textLength: nonNegative,
    chunkCount: nonNegative,
    contentHash: v.nullable(v.string()),
    title: v.optional(v.string()),
    pageCount: v.optional(nonNegative),
    encoding: v.optional(v.string()),
    warnings: v.array(WarningSchema),
    original: v.optional(v.string()),
  }),
);

export const ChunksSchema = v.array(
  v.object({
    doc: nonNegative,
    index: nonNegative,
    text: v.string(),
    start: nonNegative,
    end: nonNegative,
    page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    pageEnd: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    headingPath: v.array(v.string()),
    terms: v.array(v.string()),
  }),
);
