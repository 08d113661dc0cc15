/**
 * The check after a restore: every record written is read back and hashed again, and must match
 * the hash of what was meant to be written; every original read back must match the SHA-256 the
 * backup's manifest gives it. Records are hashed as canonical JSON (keys sorted, typed arrays as
 * their numbers), so the check does not depend on key order or on how IndexedDB clones values.
 */
import { appError } from '../../src/lib/errors';
import type { RestoreBatch } from '../../src/lib/storage/backup-store';
import { sha256Hex } from '../retrieval/ingest';
import type { OriginalStore } from '../retrieval/originals';

/** Digest of each record, keyed `document:<id>` (with its chunks) and `conversation:<id>`. */
export async function recordDigests(batch: RestoreBatch): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const { doc, chunks } of batch.documents) digests.set(`document:${doc.id}`, await digest({ doc, chunks }));
  for (const c of batch.conversations) digests.set(`conversation:${c.id}`, await digest(c));
  return digests;
}

/** One SHA-256 over all record digests (sorted by key): what the person is told was checked. */
export function combinedDigest(digests: ReadonlyMap<string, string>): Promise<string> {
  const lines = [...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, sha]) => `${key} ${sha}\n`);
  return sha256Hex(new TextEncoder().encode(lines.join('')));
}

export interface CheckReport {
  documents: number;
  chunks: number;
  conversations: number;
  originals: number;
  checksum: string;
}

/** Throws BACKUP_CHECK_FAILED, naming what differs, unless everything read back is what was written. */
export async function checkWritten(expected: ReadonlyMap<string, string>, readBack: RestoreBatch, originalSha: ReadonlyMap<string, string>, originals: OriginalStore): Promise<CheckReport> {
  const actual = await recordDigests(readBack);
  const wrong = [...expected].filter(([key, sha]) => actual.get(key) !== sha).map(([key]) => key);
  for (const [docId, sha] of originalSha) {
    const bytes = await originals.get(docId);
    if (!bytes || (await sha256Hex(bytes)) !== sha) wrong.push(`original:${docId}`);
  }
  if (wrong.length > 0 || actual.size !== expected.size) {
    throw appError('BACKUP_CHECK_FAILED', { detail: `${wrong.length} records differ: ${wrong.slice(0, 5).join(', ')}` });
  }
  return {
    documents: readBack.documents.length,
    chunks: readBack.documents.reduce((n, d) => n + d.chunks.length, 0),
    conversations: readBack.conversations.length,
    originals: originalSha.size,
    checksum: await combinedDigest(actual),
  };
}

function digest(value: unknown): Promise<string> {
  return sha256Hex(new TextEncoder().encode(canonicalJson(value)));
}

/** JSON with sorted keys; typed arrays as arrays of numbers; undefined members left out (as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return JSON.stringify(Array.from(value as unknown as ArrayLike<number>));
  if (Array.isArray(value)) return `[${value.map((v: unknown) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
