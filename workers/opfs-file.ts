/** Small helpers for files in the Origin Private File System, shared by model downloads, originals and the index snapshot. */

export function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

/** The file's handle, or null when there is no such file. */
export async function fileIn(dir: FileSystemDirectoryHandle, name: string): Promise<FileSystemFileHandle | null> {
  try {
    return await dir.getFileHandle(name);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Remove a file; one that is not there is already removed. */
export async function removeIn(dir: FileSystemDirectoryHandle, name: string): Promise<void> {
  try {
    await dir.removeEntry(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/**
 * Write a whole file through a sync access handle (workers only). Chromium does not throw when the
 * quota runs out: write() returns a bogus count, reported here as QuotaExceededError.
 */
export async function writeWholeFile(dir: FileSystemDirectoryHandle, name: string, bytes: Uint8Array): Promise<void> {
  const handle = await (await dir.getFileHandle(name, { create: true })).createSyncAccessHandle();
  try {
    handle.truncate(0);
    if (handle.write(bytes, { at: 0 }) !== bytes.byteLength) throw new DOMException(`${name}: short write`, 'QuotaExceededError');
    handle.flush();
  } finally {
    handle.close();
  }
}
