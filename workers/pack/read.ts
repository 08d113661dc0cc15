/**
 * Reading a knowledge pack without trusting it: the zip is opened under size limits (the Word
 * reader's guard), then the manifest's format and version are checked, every entry against its
 * SHA-256 and size, the records against their schemas, and the counts and vector sizes against each
 * other. Any failure is PACK_DAMAGED or PACK_VERSION_UNSUPPORTED, and nothing is returned.
 */
import * as v from 'valibot';
import { AppError, appError } from '../../src/lib/errors';
import { openZipGuarded } from '../parsers/zip-guard';
import { sha256Hex } from '../retrieval/ingest';
import { ChunksSchema, DocumentsSchema, ENTRY, ManifestSchema, PACK_FORMAT, PACK_VERSION, type Pack, type PackChunk, type PackDocument, type PackManifest } from './format';

const GB = 1024 ** 3;
const LIMITS = { maxEntries: 200_000, maxTotalBytes: 4 * GB, maxEntryBytes: 2 * GB, maxRatio: 400 };

function damaged(name: string, why: string, cause?: unknown): AppError {
  return appError('PACK_DAMAGED', {
    message: `“${name}” ${why}, so nothing was imported. Ask for a fresh copy of the pack, or make it again.`,
    detail: name,
    cause,
  });
}

function parseJson(bytes: Uint8Array | undefined, entry: string, name: string): unknown {
  if (!bytes) throw damaged(name, `has no ${entry}`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw damaged(name, `has an unreadable ${entry}`, error);
  }
}

function validated<T>(schema: v.GenericSchema<unknown, T>, value: unknown, entry: string, name: string): T {
  const result = v.safeParse(schema, value);
  if (!result.success) throw damaged(name, `has a malformed ${entry} (${v.getDotPath(result.issues[0]) ?? 'top level'}: ${result.issues[0].message})`);
  return result.output;
}

export async function readPack(bytes: Uint8Array, name: string, signal?: AbortSignal): Promise<Pack> {
  let files: Map<string, Uint8Array>;
  try {
    files = openZipGuarded(bytes, { name, limits: LIMITS, ...(signal ? { signal } : {}) }).files;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ABORTED') throw error;
    throw damaged(name, 'is not a Hearth knowledge pack or is damaged', error);
  }

  const raw = parseJson(files.get(ENTRY.manifest), ENTRY.manifest, name) as { format?: unknown; version?: unknown } | null;
  if (raw?.format !== PACK_FORMAT) throw damaged(name, 'is not a Hearth knowledge pack');
  if (typeof raw.version === 'number' && raw.version > PACK_VERSION) {
    throw appError('PACK_VERSION_UNSUPPORTED', { detail: `${name}: pack version ${raw.version}, this Hearth reads up to ${PACK_VERSION}` });
  }
  const manifest = validated(ManifestSchema, raw, ENTRY.manifest, name) as PackManifest;
  if (manifest.version !== PACK_VERSION) throw appError('PACK_VERSION_UNSUPPORTED', { detail: `${name}: pack version ${manifest.version}` });

  for (const [entry, info] of Object.entries(manifest.entries)) {
    const body = files.get(entry);
    if (!body) throw damaged(name, `is missing ${entry}`);
    if (body.byteLength !== info.bytes || (await sha256Hex(body)) !== info.sha256) throw damaged(name, `fails its checksum (${entry})`);
  }
  for (const entry of files.keys()) {
    if (entry !== ENTRY.manifest && !(entry in manifest.entries)) throw damaged(name, `holds ${entry}, which its manifest does not list`);
  }

  const documents = validated(DocumentsSchema, parseJson(files.get(ENTRY.documents), ENTRY.documents, name), ENTRY.documents, name) as PackDocument[];
  const chunks = validated(ChunksSchema, parseJson(files.get(ENTRY.chunks), ENTRY.chunks, name), ENTRY.chunks, name) as PackChunk[];
  checkCounts(manifest, documents, chunks, name);

  let vectors: Uint16Array | null = null;
  if (manifest.vectors) {
    if (!manifest.embedder || manifest.embedder.dimensions !== manifest.vectors.dimensions) throw damaged(name, 'names vectors without their embedder');
    const body = files.get(ENTRY.vectors);
    if (!body || body.byteLength !== chunks.length * manifest.vectors.dimensions * 2) throw damaged(name, 'has vectors that do not match its passages');
    vectors = new Uint16Array(body.byteLength / 2);
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    for (let i = 0; i < vectors.length; i++) vectors[i] = view.getUint16(i * 2, true);
  }

  const originals = new Map<string, Uint8Array>();
  for (const doc of documents) {
    if (!doc.original) continue;
    const body = files.get(doc.original);
    if (!body) throw damaged(name, `is missing the original of ${doc.name}`);
    originals.set(doc.original, body);
  }
  return { manifest, documents, chunks, vectors, originals };
}

function checkCounts(manifest: PackManifest, documents: PackDocument[], chunks: PackChunk[], name: string): void {
  if (manifest.counts.documents !== documents.length || manifest.counts.chunks !== chunks.length) throw damaged(name, 'has counts that disagree with its contents');
  const perDoc = new Array<number>(documents.length).fill(0);
  for (const c of chunks) {
    if (c.doc >= documents.length) throw damaged(name, 'has a passage of a document it does not hold');
    if (c.end < c.start) throw damaged(name, 'has a passage with impossible offsets');
    perDoc[c.doc] = (perDoc[c.doc] ?? 0) + 1;
  }
  documents.forEach((d, i) => {
    if (d.chunkCount !== perDoc[i]) throw damaged(name, `has ${perDoc[i] ?? 0} passages of ${d.name}, which declares ${d.chunkCount}`);
  });
}
