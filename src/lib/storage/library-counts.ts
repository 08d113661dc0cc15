/** How many documents and conversations IndexedDB holds: what the eviction marker remembers (see eviction.ts). */
import { openHearthDb, storageError } from './db';
import type { LibraryCounts } from './eviction';

export async function countLibrary(): Promise<LibraryCounts> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction(['documents', 'conversations']);
    const [documents, conversations] = await Promise.all([tx.objectStore('documents').count(), tx.objectStore('conversations').count()]);
    return { documents, conversations };
  } catch (error) {
    throw storageError(error);
  }
}
