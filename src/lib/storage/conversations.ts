/**
 * Conversations persist after every finished answer, so a reload or a crashed engine keeps them.
 * The list reads whole records (a record holds its messages; a list without them would need a
 * summary store of its own, which is not worth a schema version for the sizes people keep).
 */
import { openHearthDb, storageError } from './db';
import { byNewest, cleanTitle, conversationMatches, foldForSearch, summarize, type ConversationSummary } from './conversation-summary';
import { announce } from './library-changes';
import type { ConversationRecord } from './schema';
import { keepDeletions } from './scrub-document';

export type { ConversationSummary } from './conversation-summary';

/**
 * Store a conversation. Sources the stored copy marks deleted are scrubbed from this one too, in the
 * same transaction: a copy read before a document was deleted (another tab) cannot bring its text back.
 */
export async function saveConversation(conversation: ConversationRecord): Promise<void> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction('conversations', 'readwrite');
    const record = $snapshot(conversation);
    await tx.store.put(keepDeletions(record, await tx.store.get(record.id)));
    await tx.done;
  } catch (error) {
    throw storageError(error);
  }
  announce({ kind: 'conversations', id: conversation.id });
}

export async function latestConversation(): Promise<ConversationRecord | undefined> {
  const db = await openHearthDb();
  const cursor = await db.transaction('conversations').store.index('byUpdatedAt').openCursor(null, 'prev');
  return cursor?.value;
}

export async function getConversation(id: string): Promise<ConversationRecord | undefined> {
  const db = await openHearthDb();
  return db.get('conversations', id);
}

/** Every conversation, newest first, as list rows. */
export async function listConversations(): Promise<ConversationSummary[]> {
  return (await allNewestFirst()).map(summarize);
}

/** Conversations whose title or any message contains `text` (ignoring case and accents), newest first. */
export async function searchConversations(text: string): Promise<ConversationSummary[]> {
  const query = foldForSearch(text.trim());
  return (await allNewestFirst()).filter((r) => conversationMatches(r, query)).map(summarize);
}

/**
 * Give a conversation a title of the person's choosing (when it was last updated does not change).
 * Returns the stored record, or undefined when there is no such conversation or the title is blank.
 */
export async function renameConversation(id: string, title: string): Promise<ConversationRecord | undefined> {
  const clean = cleanTitle(title);
  if (!clean) return undefined;
  const db = await openHearthDb();
  try {
    const tx = db.transaction('conversations', 'readwrite');
    const record = await tx.store.get(id);
    if (!record) return undefined;
    record.title = clean;
    await tx.store.put(record);
    await tx.done;
    announce({ kind: 'conversations', id });
    return record;
  } catch (error) {
    throw storageError(error);
  }
}

export async function deleteConversation(id: string): Promise<void> {
  const db = await openHearthDb();
  try {
    await db.delete('conversations', id);
  } catch (error) {
    throw storageError(error);
  }
  announce({ kind: 'conversations', id });
}

/** Delete every conversation at once (the Storage panel's "Delete all conversations"). */
export async function deleteAllConversations(): Promise<void> {
  const db = await openHearthDb();
  try {
    await db.clear('conversations');
  } catch (error) {
    throw storageError(error);
  }
  announce({ kind: 'conversations', id: '*' });
}

async function allNewestFirst(): Promise<ConversationRecord[]> {
  const db = await openHearthDb();
  const all = await db.getAllFromIndex('conversations', 'byUpdatedAt');
  return all.sort(byNewest);
}

/** Plain structured-clone copy (Svelte $state proxies cannot be stored as they are). */
function $snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
