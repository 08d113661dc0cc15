/** Conversations persist after every finished answer, so a reload or a crashed engine keeps them. */
import { openHearthDb, storageError } from './db';
import type { ConversationRecord } from './schema';

export async function saveConversation(conversation: ConversationRecord): Promise<void> {
  const db = await openHearthDb();
  try {
    await db.put('conversations', $snapshot(conversation));
  } catch (error) {
    throw storageError(error);
  }
}

export async function latestConversation(): Promise<ConversationRecord | undefined> {
  const db = await openHearthDb();
  const cursor = await db.transaction('conversations').store.index('byUpdatedAt').openCursor(null, 'prev');
  return cursor?.value;
}

export async function deleteConversation(id: string): Promise<void> {
  const db = await openHearthDb();
  await db.delete('conversations', id);
}

/** Plain structured-clone copy (Svelte $state proxies cannot be stored as they are). */
function $snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
