/** Opens Hearth's IndexedDB (in the page or a worker) and turns quota failures into STORAGE_FULL. */
import { openDB, type IDBPDatabase } from 'idb';
import { appError, AppError } from '../errors';
import { upgrade } from './migrations';
import { DB_NAME, DB_VERSION, type HearthDB } from './schema';

export type Db = IDBPDatabase<HearthDB>;

let opening: Promise<Db> | null = null;

export function openHearthDb(): Promise<Db> {
  opening ??= openDB<HearthDB>(DB_NAME, DB_VERSION, {
    // A versionchange transaction stays open while upgrade() awaits only IndexedDB requests.
    // A step that fails aborts the upgrade: the database stays at its old version, data untouched.
    upgrade(db, oldVersion, _newVersion, tx) {
      upgrade(db, oldVersion, tx).catch(() => tx.abort());
    },
    // Another tab runs a newer Hearth and must upgrade: close, so its upgrade is not blocked.
    blocking() {
      const current = opening;
      opening = null;
      void current?.then((db) => db.close());
    },
  }).catch((error: unknown) => {
    opening = null;
    throw storageError(error);
  });
  return opening;
}

/** Map a DOMException from IndexedDB to an AppError the user can act on. */
export function storageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return appError(name === 'QuotaExceededError' ? 'STORAGE_FULL' : 'STORAGE_FAILED', { detail, cause: error });
}
