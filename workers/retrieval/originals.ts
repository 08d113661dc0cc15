/**
 * The original files of documents, kept in the Origin Private File System under originals/<id>:
 * a cited PDF page can be shown as it looks, a queued file survives a reload, and a document can be
 * re-indexed when the embedder changes. Behind a small interface so Node can keep them in a folder.
 */
import { storageError } from '../../src/lib/storage/db';
import { isNotFound, removeIn, writeWholeFile } from '../opfs-file';

export interface OriginalStore {
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no original under this id. */
  get(id: string): Promise<Uint8Array | null>;
  remove(id: string): Promise<void>;
  /** Ids of the originals not in `owned` and last written before `beforeMs` (epoch ms): ones to sweep. */
  unownedOlderThan(owned: ReadonlySet<string>, beforeMs: number): Promise<string[]>;
}

const DIR = 'originals';

async function dir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

export const opfsOriginals: OriginalStore = {
  async put(id, bytes) {
    const folder = await dir();
    try {
      await writeWholeFile(folder, id, bytes);
    } catch (error) {
      await removeIn(folder, id).catch(() => undefined);
      throw storageError(error);
    }
  },
  async get(id) {
    try {
      const file = await (await (await dir()).getFileHandle(id)).getFile();
      return new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw storageError(error);
    }
  },
  async remove(id) {
    try {
      await removeIn(await dir(), id);
    } catch (error) {
      throw storageError(error);
    }
  },
  async unownedOlderThan(owned, beforeMs) {
    const names: string[] = [];
    for await (const [name, handle] of (await dir()).entries()) {
      if (handle.kind !== 'file' || owned.has(name)) continue;
      const file = await (handle as FileSystemFileHandle).getFile().catch(() => null);
      if (file && file.lastModified < beforeMs) names.push(name);
    }
    return names;
  },
};
