/**
 * The original files of documents, kept in the Origin Private File System under originals/<id>:
 * a cited PDF page can be shown as it looks, a queued file survives a reload, and a document can be
 * re-indexed when the embedder changes. Behind a small interface so Node can keep them in a folder.
 */
import { storageError } from '../../src/lib/storage/db';

export interface OriginalStore {
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no original under this id. */
  get(id: string): Promise<Uint8Array | null>;
  remove(id: string): Promise<void>;
  /** Ids of the originals last written before `beforeMs` (epoch ms), to sweep ones nothing owns. */
  listOlderThan(beforeMs: number): Promise<string[]>;
}

const DIR = 'originals';

async function dir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

export const opfsOriginals: OriginalStore = {
  async put(id, bytes) {
    let handle: FileSystemSyncAccessHandle | null = null;
    try {
      handle = await (await (await dir()).getFileHandle(id, { create: true })).createSyncAccessHandle();
      handle.truncate(0);
      // Chromium does not throw when the quota runs out: write() returns a bogus count.
      const written = handle.write(bytes, { at: 0 });
      if (written !== bytes.byteLength) throw new DOMException(`wrote ${written} of ${bytes.byteLength} bytes`, 'QuotaExceededError');
      handle.flush();
    } catch (error) {
      handle?.close();
      handle = null;
      await opfsOriginals.remove(id).catch(() => undefined);
      throw storageError(error);
    } finally {
      handle?.close();
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
      await (await dir()).removeEntry(id);
    } catch (error) {
      if (!isNotFound(error)) throw storageError(error);
    }
  },
  async listOlderThan(beforeMs) {
    const names: string[] = [];
    for await (const [name, handle] of (await dir()).entries()) {
      if (handle.kind !== 'file') continue;
      const file = await (handle as FileSystemFileHandle).getFile().catch(() => null);
      if (file && file.lastModified < beforeMs) names.push(name);
    }
    return names;
  },
};
