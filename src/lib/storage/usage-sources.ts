/** The browser's own storage, as measureUsage (usage.ts) reads it: Cache Storage, OPFS, Hearth's IndexedDB, estimate(). */
import { openHearthDb } from './db';
import type { DirEntryLike, UsageSources } from './usage';

async function* conversationRecords(): AsyncIterable<unknown> {
  const db = await openHearthDb();
  let cursor = await db.transaction('conversations').store.openCursor();
  while (cursor) {
    yield cursor.value;
    cursor = await cursor.continue();
  }
}

export function browserUsageSources(): UsageSources {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  return {
    caches: typeof caches === 'undefined' ? null : caches,
    // The DOM types do not list a folder's values() yet; Chromium, Firefox and Safari have it.
    root: async () => (storage?.getDirectory ? ((await storage.getDirectory()) as unknown as DirEntryLike) : null),
    documents: async () => (await openHearthDb()).getAll('documents'),
    conversations: conversationRecords,
    estimate: async () => (storage?.estimate ? storage.estimate() : null),
  };
}
