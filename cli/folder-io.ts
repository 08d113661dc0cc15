/**
 * The file operations of Hearth's folder stores (folder-store.ts, folder-originals.ts): whole-file
 * writes through a temporary file beside the target, ids escaped into file names, and file-system
 * failures as the AppErrors the browser's stores throw.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, appError } from '../src/lib/errors';

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

export function isMissing(error: unknown): boolean {
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
export function idOf(name: string): string | null {
  try {
    const id = decodeURIComponent(name);
    return id !== '' && fileNameOf(id) === name ? id : null;
  } catch {
    return null;
  }
}

export function tempBeside(path: string, name: string): string {
  return join(path, `.${name}.${randomUUID()}.tmp`);
}
