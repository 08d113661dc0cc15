/**
 * How much room each part of Hearth takes on this device, measured where it is kept:
 * - answer models: the GGUF folder in the Origin Private File System (and llama.cpp's older cache
 *   folder), web-llm's caches, and the folders of ONNX answer models in transformers.js' cache;
 * - search models: the embedding and reranking models in that same cache (kept when models are cleared);
 * - documents: their originals and the search-index snapshot in OPFS, plus what the library says its
 *   text, vectors and terms take in IndexedDB (each document's `storedBytes`, counted at ingestion);
 * - conversations: their IndexedDB records, estimated from what they hold;
 * - the offline app: the service worker's precache.
 * Everything is read with awaited calls, one entry at a time, so the page stays responsive; nothing
 * reads a passage (the documents' own byte counts stand for them).
 */

export type UsageCategory = 'models' | 'documents' | 'conversations' | 'app';

export interface StorageUsage {
  bytes: Record<UsageCategory, number>;
  /** Embedding and reranking models: needed to search, not cleared with the answer models. */
  searchModelBytes: number;
  counts: { documents: number; conversations: number };
  /** What the browser reports for the whole origin (null where it does not say). */
  usage: number | null;
  quota: number | null;
}

/** The parts of the browser's storage APIs read here (so another environment can stand in). */
export interface CacheLike {
  keys(): Promise<readonly { url: string }[]>;
  match(url: string): Promise<Response | undefined>;
}
export interface CacheStorageLike {
  keys(): Promise<string[]>;
  open(name: string): Promise<CacheLike>;
}
export interface FileEntryLike {
  kind: 'file';
  name: string;
  getFile(): Promise<{ size: number }>;
}
export interface DirEntryLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<FileEntryLike | DirEntryLike>;
}
export interface DocumentSize {
  sizeBytes: number;
  storedBytes: number;
  hasOriginal: boolean;
}

export interface UsageSources {
  caches: CacheStorageLike | null;
  /** The OPFS root, or null where there is none. */
  root: () => Promise<DirEntryLike | null>;
  documents: () => Promise<DocumentSize[]>;
  /** Every conversation record, one at a time. */
  conversations: () => AsyncIterable<unknown>;
  estimate: () => Promise<{ usage?: number; quota?: number } | null>;
}

/** OPFS folders by what they hold (workers/downloads/opfs-models.ts, workers/retrieval/*). */
export const MODEL_DIRS = ['hearth-models', 'cache'] as const;
export const DOCUMENT_DIRS = ['originals', 'index'] as const;
/** Cache Storage: web-llm's caches, transformers.js' cache, Workbox's precache. */
export const WEBLLM_PREFIX = 'webllm/';
export const TRANSFORMERS_CACHE = 'transformers-cache';
export const APP_CACHE_PREFIX = 'workbox-precache';

/** Bytes a stored value takes, about: text as UTF-8, numbers as 8 bytes, binary as its length, a little per field. */
export function recordBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Length(value);
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((n: number, item: unknown) => n + 1 + recordBytes(item), 2);
  if (typeof value === 'object') {
    let n = 2;
    for (const [key, item] of Object.entries(value)) n += utf8Length(key) + 1 + recordBytes(item);
    return n;
  }
  return 0;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

async function responseSize(response: Response): Promise<number> {
  const declared = Number(response.headers.get('Content-Length'));
  // A cached body is a blob on disk: its size is known without reading it.
  return Number.isFinite(declared) && declared > 0 ? declared : (await response.blob()).size;
}

/** Bytes of every entry of a cache whose URL `keep` accepts (all by default). */
export async function cacheBytes(cache: CacheLike, keep: (url: string) => boolean = () => true): Promise<number> {
  let bytes = 0;
  for (const request of await cache.keys()) {
    if (!keep(request.url)) continue;
    const hit = await cache.match(request.url);
    if (hit) bytes += await responseSize(hit);
  }
  return bytes;
}

/** Bytes of every file under a folder, sub-folders included. */
export async function folderBytes(dir: DirEntryLike): Promise<number> {
  let bytes = 0;
  for await (const entry of dir.values()) bytes += entry.kind === 'file' ? (await entry.getFile()).size : await folderBytes(entry);
  return bytes;
}

async function childFolder(root: DirEntryLike, name: string): Promise<DirEntryLike | null> {
  for await (const entry of root.values()) {
    if (entry.kind === 'directory' && entry.name === name) return entry;
  }
  return null;
}

async function opfsBytes(root: DirEntryLike | null, names: readonly string[]): Promise<number> {
  if (!root) return 0;
  let bytes = 0;
  for (const name of names) {
    const dir = await childFolder(root, name);
    if (dir) bytes += await folderBytes(dir);
  }
  return bytes;
}

/** transformers.js' cache, split: ONNX answer models (a folder with a generation_config.json) and the rest. */
export async function transformersBytes(cache: CacheLike): Promise<{ answer: number; search: number }> {
  const urls = (await cache.keys()).map((r) => r.url);
  const folders = urls.filter((u) => u.endsWith('/generation_config.json')).map((u) => u.slice(0, -'generation_config.json'.length));
  const isAnswer = (url: string) => folders.some((f) => url.startsWith(f));
  const [answer, search] = await Promise.all([cacheBytes(cache, isAnswer), cacheBytes(cache, (u) => !isAnswer(u))]);
  return { answer, search };
}

async function cachesByName(storage: CacheStorageLike | null): Promise<{ models: number; search: number; app: number }> {
  const out = { models: 0, search: 0, app: 0 };
  if (!storage) return out;
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    if (name.startsWith(WEBLLM_PREFIX)) out.models += await cacheBytes(cache);
    else if (name.startsWith(APP_CACHE_PREFIX)) out.app += await cacheBytes(cache);
    else if (name === TRANSFORMERS_CACHE) {
      const split = await transformersBytes(cache);
      out.models += split.answer;
      out.search += split.search;
    }
  }
  return out;
}

/** What the library's records take beyond their originals (which are measured in OPFS). */
export function documentRecordBytes(docs: readonly DocumentSize[]): number {
  return docs.reduce((n, d) => n + Math.max(0, d.storedBytes - (d.hasOriginal ? d.sizeBytes : 0)), 0);
}

async function conversationBytes(records: AsyncIterable<unknown>): Promise<{ bytes: number; count: number }> {
  let bytes = 0;
  let count = 0;
  for await (const record of records) {
    bytes += recordBytes(record);
    count++;
  }
  return { bytes, count };
}

export async function measureUsage(sources: UsageSources): Promise<StorageUsage> {
  const root = await sources.root().catch(() => null);
  const [caches, modelFiles, documentFiles, docs, conversations, estimate] = await Promise.all([
    cachesByName(sources.caches),
    opfsBytes(root, MODEL_DIRS),
    opfsBytes(root, DOCUMENT_DIRS),
    sources.documents(),
    conversationBytes(sources.conversations()),
    sources.estimate().catch(() => null),
  ]);
  return {
    bytes: {
      models: modelFiles + caches.models,
      documents: documentFiles + documentRecordBytes(docs),
      conversations: conversations.bytes,
      app: caches.app,
    },
    searchModelBytes: caches.search,
    counts: { documents: docs.length, conversations: conversations.count },
    usage: typeof estimate?.usage === 'number' ? estimate.usage : null,
    quota: typeof estimate?.quota === 'number' ? estimate.quota : null,
  };
}
