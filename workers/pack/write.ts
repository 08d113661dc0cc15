/**
 * Writing a knowledge pack (format.ts): JSON entries deflated, vectors and originals stored as they
 * are (they do not compress), every entry's SHA-256 in the manifest. A backup (workers/backup) is
 * written by the same code with more entries and manifest fields (`PackExtension`).
 */
import { zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../retrieval/ingest';
import { ENTRY, PACK_FORMAT, PACK_VERSION, type PackChunk, type PackDocument, type PackEmbedder, type PackManifest } from './format';

export interface PackContents {
  documents: PackDocument[];
  chunks: PackChunk[];
  /** chunks.length × embedder.dimensions float16 values; null for a BM25-only pack. */
  vectors: Uint16Array | null;
  embedder: PackEmbedder | null;
  analyzerVersion: number;
  /** Originals by entry name (the documents' `original` fields point at them). */
  originals?: Map<string, Uint8Array>;
  createdBy: string;
}

/** What a kind of file built on the pack adds: entries (checksummed like the pack's own) and manifest fields. */
export interface PackExtension {
  entries: ReadonlyMap<string, Uint8Array>;
  manifest: Record<string, unknown>;
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export async function writePack(contents: PackContents, extension?: PackExtension): Promise<Uint8Array> {
  const { documents, chunks, vectors, embedder } = contents;
  if (vectors && (!embedder || vectors.length !== chunks.length * embedder.dimensions)) {
    throw new RangeError(`writePack: ${vectors.length} vector values for ${chunks.length} passages of ${embedder?.dimensions ?? 0} dimensions`);
  }
  const bodies = new Map<string, Uint8Array>([
    [ENTRY.documents, json(documents)],
    [ENTRY.chunks, json(chunks)],
  ]);
  if (vectors) bodies.set(ENTRY.vectors, littleEndianBytes(vectors));
  for (const [name, bytes] of contents.originals ?? []) bodies.set(name, bytes);
  for (const [name, bytes] of extension?.entries ?? []) {
    if (bodies.has(name) || name === ENTRY.manifest) throw new RangeError(`writePack: the extension's entry ${name} is a pack entry`);
    bodies.set(name, bytes);
  }

  const entries: PackManifest['entries'] = {};
  for (const [name, bytes] of bodies) entries[name] = { bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
  const manifest: PackManifest = {
    ...extension?.manifest,
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: new Date().toISOString(),
    createdBy: contents.createdBy,
    analyzerVersion: contents.analyzerVersion,
    embedder,
    vectors: vectors && embedder ? { encoding: 'f16', dimensions: embedder.dimensions } : null,
    counts: { documents: documents.length, chunks: chunks.length, pages: documents.reduce((n, d) => n + (d.pageCount ?? 0), 0) },
    entries,
  };
  const zip: Zippable = { [ENTRY.manifest]: [json(manifest), { level: 6 }] };
  for (const [name, bytes] of bodies) zip[name] = [bytes, { level: name.endsWith('.json') ? 6 : 0 }];
  return zipSync(zip);
}

/** float16 values as little-endian bytes, whatever the machine's byte order. */
function littleEndianBytes(values: Uint16Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(i * 2, values[i] as number, true);
  return out;
}

