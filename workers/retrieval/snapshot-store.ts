/**
 * Where the search-index snapshot lives: one file in the Origin Private File System
 * (index/search.snapshot), written whole through a sync access handle. A torn write is caught by
 * the snapshot's checksum when it is next read, and the indexes are rebuilt.
 */
import { removeIn, writeWholeFile } from '../opfs-file';

const DIR = 'index';
const FILE = 'search.snapshot';

async function dir(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(DIR, { create: true });
}

export async function readSnapshotFile(): Promise<Uint8Array | null> {
  try {
    const file = await (await (await dir()).getFileHandle(FILE)).getFile();
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

export async function writeSnapshotFile(bytes: Uint8Array): Promise<void> {
  await writeWholeFile(await dir(), FILE, bytes);
}

export async function removeSnapshotFile(): Promise<void> {
  await removeIn(await dir(), FILE);
}
