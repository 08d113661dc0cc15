/**
 * Hearth's storage in a folder on disk, for Node: the DocumentStore and OriginalStore the browser
 * keeps in IndexedDB and the Origin Private File System, so the same pipeline runs in both.
 *
 *   <root>/documents/<id>.json   a document with all of its chunks, {"format":1,"doc":…,"chunks":[…]};
 *                                each chunk's float16 vector is base64 of its bytes (little-endian)
 *   <root>/originals/<id>        the bytes of a document's original file
 *
 * Ids are escaped into file names (letters, digits, '-', '_', '.', '%'; never a leading '.'). Every
 * file is written whole to a temporary file beside it (a name starting with '.') and renamed into
 * place, so no reader ever sees half a file, and a crash leaves at most a temporary file nothing reads.
 * The documents (not their chunks) are read once, on first use, and kept in memory: one process
 * owns a folder at a time.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, appError } from '../src/lib/errors';
import type { DocumentStore } from '../src/lib/storage/document-store';
import type { ChunkRecord, DocumentRecord } from '../src/lib/storage/schema';
import type { OriginalStore } from '../workers/retrieval/originals';

/** The file operations the stores use; a test can make one of them fail. */
export interface FolderIo {
  /** Create `path` (it must not exist) with these bytes, flushed to the disk. */
  writeNew(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  /** The names in a folder ([] when there is no such folder). */
  list(dir: string): Promise<string[]>;
  mkdir(dir: string): Promise<void>;
  /** When the file was last written (epoch ms). */
  mtimeMs(path: string): Promise<number>;
}

export const nodeFolderIo: FolderIo = {
  async writeNew(path, data) {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  unlink,
  readFile,
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  async mtimeMs(path) {
    return (await stat(path)).mtimeMs;
  },
};

const FORMAT = 1;

interface StoredChunk extends Omit<ChunkRecord, 'vector'> {
  vector: string;
}

interface DocumentFile {
  format: number;
  doc: DocumentRecord;
  chunks: StoredChunk[];
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** A file-system failure as the AppError the browser's stores throw (STORAGE_FULL or STORAGE_FAILED). */
export function folderError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const detail = `${path}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return appError('STORAGE_FULL', { message: 'The disk has no room left for Hearth. Free some space, then try again.', detail, cause: error });
  }
  return appError('STORAGE_FAILED', { message: `Hearth could not read or write ${path}.`, detail, cause: error });
}

/** An id as a file name: URI-escaped, with the characters some file systems refuse and a leading '.' escaped too. */
export function fileNameOf(id: string): string {
  if (id === '') throw appError('INTERNAL', { detail: 'an empty id has no file name' });
  const escaped = encodeURIComponent(id).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return escaped.startsWith('.') ? `%2E${escaped.slice(1)}` : escaped;
}

/** The id a file name stands for, or null for a name fileNameOf does not make (a temporary file, a stranger). */
function idOf(name: string): string | null {
  try {
    const id = decodeURIComponent(name);
    return id !== '' && fileNameOf(id) === name ? id : null;
  } catch {
    return null;
  }
}

function tempBeside(path: string, name: string): string {
  return join(path, `.${name}.${randomUUID()}.tmp`);
}

function encodeVector(vector: Uint16Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

function decodeVector(base64: string, where: string): Uint16Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength % 2 !== 0) throw appError('STORAGE_FAILED', { detail: `${where}: a vector of an odd number of bytes` });
  const vector = new Uint16Array(bytes.byteLength / 2);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}

/** Ids in the order IndexedDB keeps string keys (UTF-16 code units, as `<` compares). */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Held {
  doc: DocumentRecord;
  /** Sorted as IndexedDB returns a document's chunk keys. */
  chunkIds: string[];
}

/**
 * Documents and their chunks in <root>/documents, one JSON file per document. `save` writes the
 * new file then deletes the replaced one (an error in between deletes the new file again);
 * `saveAll` writes every temporary file before renaming any, and on a failure removes them and
 * the files already renamed. (A file that overwrote one of the same id cannot be taken back, but
 * document ids are new ones.) A crash, unlike an error, between renaming and deleting can leave
 * a replaced document beside its replacement; never half of either.
 */
export class FolderDocumentStore implements DocumentStore {
  readonly #dir: string;
  readonly #io: FolderIo;
  #loading: Promise<Map<string, Held>> | null = null;
  /** chunk id → document id, for chunkTexts. */
  readonly #chunkDoc = new Map<string, string>();

  constructor(root: string, io: FolderIo = nodeFolderIo) {
    this.#dir = join(root, 'documents');
    this.#io = io;
  }

  async list(): Promise<DocumentRecord[]> {
    const held = [...(await this.#held()).values()].map((h) => h.doc);
    // As IndexedDB's byAddedAt index read backwards: newest first, then by id descending.
    held.sort((a, b) => b.addedAt - a.addedAt || byId(b.id, a.id));
    return held.map((d) => structuredClone(d));
  }

  async get(docId: string): Promise<DocumentRecord> {
    const held = (await this.#held()).get(docId);
    if (!held) throw appError('DOCUMENT_NOT_FOUND', { detail: docId });
    return structuredClone(held.doc);
  }

  withHash(contentHash: string): Promise<DocumentRecord | undefined> {
    return this.#first((d) => d.contentHash === contentHash);
  }

  named(name: string): Promise<DocumentRecord | undefined> {
    return this.#first((d) => d.name === name);
  }

  async chunksOf(docId: string): Promise<ChunkRecord[]> {
    if (!(await this.#held()).has(docId)) return [];
    const { chunks } = await this.#read(docId);
    return chunks.sort((a, b) => a.index - b.index);
  }

  async chunkTexts(ids: readonly string[]): Promise<string[]> {
    await this.#held();
    const texts = new Map<string, string>();
    const docIds = new Set(ids.flatMap((id) => this.#chunkDoc.get(id) ?? []));
    for (const docId of docIds) for (const chunk of (await this.#read(docId)).chunks) texts.set(chunk.id, chunk.text);
    return ids.map((id) => texts.get(id) ?? '');
  }

  async allChunks(): Promise<ChunkRecord[]> {
    const all: ChunkRecord[] = [];
    for (const docId of (await this.#held()).keys()) all.push(...(await this.#read(docId)).chunks);
    return all.sort((a, b) => byId(a.id, b.id));
  }

  async save(doc: DocumentRecord, chunks: ChunkRecord[], replaces?: string): Promise<string[]> {
    const held = await this.#held();
    const target = this.#pathOf(doc.id);
    const existed = held.has(doc.id);
    const temp = await this.#writeTemp(doc, chunks);
    try {
      await this.#io.rename(temp, target);
    } catch (error) {
      await this.#io.unlink(temp).catch(() => undefined);
      throw folderError(error, target);
    }
    const old = replaces && replaces !== doc.id ? held.get(replaces) : undefined;
    if (old) {
      try {
        await this.#io.unlink(this.#pathOf(replaces as string));
      } catch (error) {
        if (!isMissing(error)) {
          // A document that overwrote one with its own id cannot be undone; a new one can.
          if (!existed) await this.#io.unlink(target).catch(() => undefined);
          throw folderError(error, this.#pathOf(replaces as string));
        }
      }
    }
    const kept = new Set(chunks.map((c) => c.id));
    const removed = [...(old?.chunkIds ?? []), ...(held.get(doc.id)?.chunkIds.filter((id) => !kept.has(id)) ?? [])];
    if (old) this.#forget(held, old);
    this.#hold(held, doc, chunks);
    return removed;
  }

  async saveAll(entries: readonly { doc: DocumentRecord; chunks: ChunkRecord[] }[]): Promise<void> {
    const held = await this.#held();
    const temps: string[] = [];
    const placed: string[] = [];
    try {
      for (const { doc, chunks } of entries) temps.push(await this.#writeTemp(doc, chunks));
      for (const [i, { doc }] of entries.entries()) {
        const target = this.#pathOf(doc.id);
        await this.#io.rename(temps[i] as string, target);
        if (!held.has(doc.id)) placed.push(target);
      }
    } catch (error) {
      // Temporary files not yet renamed, and documents already renamed into place, go again.
      await Promise.all([...temps, ...placed].map((path) => this.#io.unlink(path).catch(() => undefined)));
      throw folderError(error, this.#dir);
    }
    for (const { doc, chunks } of entries) this.#hold(held, doc, chunks);
  }

  async remove(docId: string): Promise<string[]> {
    const held = await this.#held();
    const old = held.get(docId);
    if (!old) return [];
    try {
      await this.#io.unlink(this.#pathOf(docId));
    } catch (error) {
      if (!isMissing(error)) throw folderError(error, this.#pathOf(docId));
    }
    this.#forget(held, old);
    return [...old.chunkIds];
  }

  #pathOf(docId: string): string {
    return join(this.#dir, `${fileNameOf(docId)}.json`);
  }

  async #first(match: (doc: DocumentRecord) => boolean): Promise<DocumentRecord | undefined> {
    // As IndexedDB's index lookups: of several matches, the one with the smallest id.
    let found: DocumentRecord | undefined;
    for (const { doc } of (await this.#held()).values()) if (match(doc) && (!found || byId(doc.id, found.id) < 0)) found = doc;
    return found && structuredClone(found);
  }

  /** The documents, read from the folder on first use. */
  #held(): Promise<Map<string, Held>> {
    this.#loading ??= (async () => {
      const held = new Map<string, Held>();
      this.#chunkDoc.clear();
      let names: string[];
      try {
        names = await this.#io.list(this.#dir);
      } catch (error) {
        throw folderError(error, this.#dir);
      }
      for (const name of names) {
        const id = name.endsWith('.json') ? idOf(name.slice(0, -'.json'.length)) : null;
        if (id === null) continue;
        const { doc, chunks } = await this.#read(id);
        this.#hold(held, doc, chunks);
      }
      return held;
    })().catch((error: unknown) => {
      this.#loading = null;
      throw error;
    });
    return this.#loading;
  }

  #hold(held: Map<string, Held>, doc: DocumentRecord, chunks: readonly ChunkRecord[]): void {
    const before = held.get(doc.id);
    if (before) this.#forget(held, before);
    // What a later read of the file gives back (JSON drops undefined fields).
    held.set(doc.id, { doc: JSON.parse(JSON.stringify(doc)) as DocumentRecord, chunkIds: chunks.map((c) => c.id).sort(byId) });
    for (const chunk of chunks) this.#chunkDoc.set(chunk.id, doc.id);
  }

  #forget(held: Map<string, Held>, { doc, chunkIds }: Held): void {
    held.delete(doc.id);
    for (const id of chunkIds) if (this.#chunkDoc.get(id) === doc.id) this.#chunkDoc.delete(id);
  }

  async #read(docId: string): Promise<{ doc: DocumentRecord; chunks: ChunkRecord[] }> {
    const path = this.#pathOf(docId);
    let file: DocumentFile;
    try {
      file = JSON.parse(new TextDecoder().decode(await this.#io.readFile(path))) as DocumentFile;
    } catch (error) {
      throw folderError(error, path);
    }
    if (file?.format !== FORMAT || file.doc?.id !== docId || !Array.isArray(file.chunks)) {
      throw appError('STORAGE_FAILED', { message: `Hearth cannot read ${path}.`, detail: `${path}: not a document file of format ${FORMAT}` });
    }
    return { doc: file.doc, chunks: file.chunks.map((c) => ({ ...c, vector: decodeVector(c.vector, path) })) };
  }

  /** Write a document's file under a temporary name; on a failure nothing is left behind. */
  async #writeTemp(doc: DocumentRecord, chunks: readonly ChunkRecord[]): Promise<string> {
    const file: DocumentFile = { format: FORMAT, doc, chunks: chunks.map((c) => ({ ...c, vector: encodeVector(c.vector) })) };
    const temp = tempBeside(this.#dir, `${fileNameOf(doc.id)}.json`);
    try {
      await this.#io.mkdir(this.#dir);
      await this.#io.writeNew(temp, JSON.stringify(file));
    } catch (error) {
      await this.#io.unlink(temp).catch(() => undefined);
      throw folderError(error, temp);
    }
    return temp;
  }
}

/** Originals in <root>/originals, one file per id (as originals/<id> in the browser's OPFS). */
export class FolderOriginalStore implements OriginalStore {
  readonly #dir: string;
  readonly #io: FolderIo;

  constructor(root: string, io: FolderIo = nodeFolderIo) {
    this.#dir = join(root, 'originals');
    this.#io = io;
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const name = fileNameOf(id);
    const temp = tempBeside(this.#dir, name);
    try {
      await this.#io.mkdir(this.#dir);
      await this.#io.writeNew(temp, bytes);
      await this.#io.rename(temp, join(this.#dir, name));
    } catch (error) {
      await this.#io.unlink(temp).catch(() => undefined);
      throw folderError(error, join(this.#dir, name));
    }
  }

  async get(id: string): Promise<Uint8Array | null> {
    const path = join(this.#dir, fileNameOf(id));
    try {
      const bytes = await this.#io.readFile(path);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isMissing(error)) return null;
      throw folderError(error, path);
    }
  }

  async remove(id: string): Promise<void> {
    const path = join(this.#dir, fileNameOf(id));
    try {
      await this.#io.unlink(path);
    } catch (error) {
      if (!isMissing(error)) throw folderError(error, path);
    }
  }

  async unownedOlderThan(owned: ReadonlySet<string>, beforeMs: number): Promise<string[]> {
    const ids: string[] = [];
    let names: string[];
    try {
      names = await this.#io.list(this.#dir);
    } catch (error) {
      throw folderError(error, this.#dir);
    }
    for (const name of names) {
      const id = idOf(name);
      if (id === null || owned.has(id)) continue;
      const mtime = await this.#io.mtimeMs(join(this.#dir, name)).catch(() => null);
      if (mtime !== null && mtime < beforeMs) ids.push(id);
    }
    return ids;
  }
}
