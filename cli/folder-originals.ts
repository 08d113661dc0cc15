/** Originals of documents in a folder, for Node: the OriginalStore the browser keeps in OPFS. */
import { join } from 'node:path';
import type { OriginalStore } from '../workers/retrieval/originals';
import { fileNameOf, folderError, idOf, isMissing, nodeFolderIo, tempBeside, type FolderIo } from './folder-io';

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
