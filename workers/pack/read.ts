/**
 * Reading a knowledge pack without trusting it: the zip is opened under size limits (the Word
 * reader's guard), then the manifest's format and version are checked, every entry against its
 * SHA-256 and size, the records against their schemas, and the counts and vector sizes against each
 * other. Any failure is PACK_DAMAGED or PACK_VERSION_UNSUPPORTED, and nothing is returned.
 * A backup (workers/backup) is a pack with more entries: `verifyPack` runs the same checks and hands
 * back the raw manifest and every verified entry, refusing with the backup's own codes and words.
 */
import * as v from 'valibot';
import { AppError, appError } from '../../src/lib/errors';
import { openZipGuarded } from '../parsers/zip-guard';
import { sha256Hex } from '../retrieval/ingest';
import { ChunksSchema, DocumentsSchema, ENTRY, ManifestSchema, PACK_FORMAT, PACK_VERSION, type Pack, type PackChunk, type PackDocument, type PackManifest } from './format';

const GB = 1024 ** 3;
const LIMITS = { maxEntries: 200_000, maxTotalBytes: 4 * GB, maxEntryBytes: 2 * GB, maxRatio: 400 };

/** How a reader words its refusals: the file's kind in its messages, and which errors it throws. */
export interface Refusal {
  /** "knowledge pack", "backup": fills "is not a Hearth …". */
  noun: string;
  damaged(name: string, why: string, cause?: unknown): AppError;
  newer(name: string, version: number): AppError;
}

const PACK_REFUSAL: Refusal = {
  noun: 'knowledge pack',
  damaged: (name, why, cause) =>
    appError('PACK_DAMAGED', {
      message: `“${name}” ${why}, so nothing was imported. Ask for a fresh copy of the pack, or make it again.`,
      detail: name,
      cause,
    }),
  newer: (name, version) => appError('PACK_VERSION_UNSUPPORTED', { detail: `${name}: pack version ${version}, this Hearth reads up to ${PACK_VERSION}` }),
};

/** A pack whose every entry passed its checksum, with the raw manifest and entries for a reader that wants more. */
export interface VerifiedPack {
  pack: Pack;
  rawManifest: Record<string, unknown>;
  files: ReadonlyMap<string, Uint8Array>;
}

export function parseJson(bytes: Uint8Array | undefined, entry: string, name: string, damaged: Refusal['damaged'] = PACK_REFUSAL.damaged): unknown {
  if (!bytes) throw damaged(name, `has no ${entry}`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw damaged(name, `has an unreadable ${entry}`, error);
  }
}

export function validated<T>(schema: v.GenericSchema<unknown, T>, value: unknown, entry: string, name: string, damaged: Refusal['damaged'] = PACK_REFUSAL.damaged): T {
  const result = v.safeParse(schema, value);
  if (!result.success) throw damaged(name, `has a malformed ${entry} (${v.getDotPath(result.issues[0]) ?? 'top level'}: ${result.issues[0].message})`);
  return result.output;
}

export async function readPack(bytes: Uint8Array, name: string, signal?: AbortSignal): Promise<Pack> {
  return (await verifyPack(bytes, name, PACK_REFUSAL, signal)).pack;
}

export async function verifyPack(bytes: Uint8Array, name: string, refusal: Refusal, signal?: AbortSignal): Promise<VerifiedPack> {
  const { damaged, noun } = refusal;
  let files: Map<string, Uint8Array>;
  try {
    files = openZipGuarded(bytes, { name, limits: LIMITS, ...(signal ? { signal } : {}) }).files;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ABORTED') throw error;
    throw damaged(name, `is not a Hearth ${noun} or is damaged`, error);
  }

  const raw = parseJson(files.get(ENTRY.manifest), ENTRY.manifest, name, damaged) as { format?: unknown; version?: unknown } | null;
  if (raw?.format !== PACK_FORMAT) throw damaged(name, `is not a Hearth ${noun}`);
  if (typeof raw.version === 'number' && raw.version > PACK_VERSION) throw refusal.newer(name, raw.version);
  const manifest = validated(ManifestSchema, raw, ENTRY.manifest, name, damaged) as PackManifest;
  if (manifest.version !== PACK_VERSION) throw refusal.newer(name, manifest.version);

  for (const [entry, info] of Object.entries(manifest.entries)) {
    const body = files.get(entry);
    if (!body) throw damaged(name, `is missing ${entry}`);
    if (body.byteLength !== info.bytes || (await sha256Hex(body)) !== info.sha256) throw damaged(name, `fails its checksum (${entry})`);
  }
  for (const entry of files.keys()) {
    if (entry !== ENTRY.manifest && !(entry in manifest.entries)) throw damaged(name, `holds ${entry}, which its manifest does not list`);
  }

  const documents = validated(DocumentsSchema, parseJson(files.get(ENTRY.documents), ENTRY.documents, name, damaged), ENTRY.documents, name, damaged) as PackDocument[];
  const chunks = validated(ChunksSchema, parseJson(files.get(ENTRY.chunks), ENTRY.chunks, name, damaged), ENTRY.chunks, name, damaged) as PackChunk[];
  checkCounts(manifest, documents, chunks, name, damaged);

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
  return { pack: { manifest, documents, chunks, vectors, originals }, rawManifest: raw as Record<string, unknown>, files };
}

function checkCounts(manifest: PackManifest, documents: PackDocument[], chunks: PackChunk[], name: string, damaged: Refusal['damaged']): void {
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
