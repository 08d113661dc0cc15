/**
 * Hearth's storage in a folder on disk, for Node: the DocumentStore the browser keeps in IndexedDB
 * (and, in folder-originals.ts, the originals it keeps in OPFS), so the same pipeline runs in both.
 *
 *   <root>/documents/<id>.json   a document with all of its chunks, {"format":1,"doc":…,"chunks":[…]};
 *                                each chunk's float16 vector is base64 of its bytes (little-endian)
 *   <root>/originals/<id>        the bytes of a document's original file (folder-originals.ts)
 *
 * Ids are escaped into file names (folder-io.ts: letters, digits, '-', '_', '.', '%'; never a leading '.'). Every
 * file is written whole to a temporary file beside it (a name starting with '.') and renamed into
 * place, so no reader ever sees half a file, and a crash leaves at most a temporary file nothing reads.
 * The documents (not their chunks) are read once, on first use, and kept in memory: one process
 * owns a folder at a time.
 */
import { join } from 'node:path';
import { appError } from '../src/lib/errors';
import type { DocumentStore } from '../src/lib/storage/document-store';
import type { ChunkRecord, DocumentRecord } from '../src/lib/storage/schema';
import { fileNameOf, folderError, idOf, isMissing, nodeFolderIo, tempBeside, type FolderIo } from './folder-io';


const FORMAT = 1;

interface StoredChunk extends Omit<ChunkRecord, 'vector'> {
  vector: string;
}

interface DocumentFile {
  format: number;
  doc: DocumentRecord;
  chunks: StoredChunk[];
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
