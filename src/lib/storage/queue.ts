/** The ingestion queue: files accepted but not yet stored as documents; their bytes wait in OPFS. */
import { openHearthDb, storageError } from './db';
import type { QueueRecord } from './schema';

export async function enqueue(record: QueueRecord): Promise<void> {
  const db = await openHearthDb();
  try {
    await db.put('queue', record);
  } catch (error) {
    throw storageError(error);
  }
}

export async function dequeue(id: string): Promise<void> {
  const db = await openHearthDb();
  try {
    await db.delete('queue', id);
  } catch (error) {
    throw storageError(error);
  }
}

/** Queued files in the order they were added. */
export async function queued(): Promise<QueueRecord[]> {
  const db = await openHearthDb();
  return db.getAllFromIndex('queue', 'byQueuedAt');
}

export async function queuedById(id: string): Promise<QueueRecord | undefined> {
  const db = await openHearthDb();
  return db.get('queue', id);
}

/** A queued file with these bytes (added twice before the first finished). */
export async function queuedWithHash(contentHash: string): Promise<QueueRecord | undefined> {
  return (await queued()).find((q) => q.contentHash === contentHash);
}
