/**
 * What a deleted document leaves behind in conversations: each source from it keeps its number and
 * the document's name with a `deleted` mark, and loses its text and whatever else could tell its
 * content (offsets, page, heading path); each quick-answer sentence quoted from it becomes a
 * "document deleted" mark in its place; a reasoning model's thinking over its passages (which tends
 * to copy them out) is dropped. Applied to the stored conversations in the delete's own
 * IndexedDB transaction (documents.ts), to every later save of a conversation (conversations.ts) and
 * to the open conversation in memory (ChatState), so no later save can bring the text back.
 */
import type { ChatMessageRecord, ConversationRecord, Extract, SourceRef } from './schema';

/** The parts of a message that can quote a document. */
export type Quoting = Pick<ChatMessageRecord, 'sources' | 'extracts' | 'thinking'>;

/** A source of a deleted document: its citation, without its text. */
export function deletedSource(source: SourceRef): SourceRef {
  return { n: source.n, chunkId: source.chunkId, docId: source.docId, docName: source.docName, text: '', start: 0, end: 0, deleted: true };
}

/** Already scrubbed: nothing of the passage is left (checked field by field, not by the mark alone). */
function isBare(s: SourceRef): boolean {
  return s.deleted === true && s.text === '' && s.start === 0 && s.end === 0 && s.page === undefined && s.pageEnd === undefined && s.headingPath === undefined;
}

/**
 * The new `sources` and `extracts` of `message` once the documents `docIds` are deleted, or null
 * when the message quotes none of them (or is scrubbed already). Does not change `message`.
 */
export function scrubPatch(message: Quoting, docIds: ReadonlySet<string>): Quoting | null {
  const sources = message.sources ?? [];
  const gone = new Set(sources.filter((s) => docIds.has(s.docId)).map((s) => s.n));
  if (gone.size === 0) return null;
  const quoted = (e: Extract) => gone.has(e.n) && !(e.deleted && e.text === '');
  const changed = sources.some((s) => gone.has(s.n) && !isBare(s)) || (message.extracts ?? []).some(quoted) || message.thinking !== undefined;
  if (!changed) return null;
  const patch: Quoting = { sources: sources.map((s) => (gone.has(s.n) ? deletedSource(s) : s)) };
  if (message.extracts) patch.extracts = message.extracts.map((e): Extract => (gone.has(e.n) ? { n: e.n, text: '', deleted: true } : e));
  if (message.thinking !== undefined) patch.thinking = undefined;
  return patch;
}

/** The message without the text of the documents `docIds`, or null when it quotes none of them. */
export function scrubMessage<M extends Quoting>(message: M, docIds: ReadonlySet<string>): M | null {
  const patch = scrubPatch(message, docIds);
  return patch ? { ...message, ...patch } : null;
}

/** The conversation without the text of the documents `docIds`, or null when nothing in it changes. */
export function scrubConversation(record: ConversationRecord, docIds: ReadonlySet<string>): ConversationRecord | null {
  let changed = false;
  const messages = record.messages.map((m) => {
    const scrubbed = scrubMessage(m, docIds);
    if (scrubbed) changed = true;
    return scrubbed ?? m;
  });
  return changed ? { ...record, messages } : null;
}

/**
 * `incoming` as it may be stored over `stored` (the same conversation as last saved): a document
 * whose sources the stored copy marks deleted stays deleted, even when `incoming` was read before
 * the delete (another tab, an answer that finished while the delete ran).
 */
export function keepDeletions(incoming: ConversationRecord, stored: ConversationRecord | undefined): ConversationRecord {
  const deleted = new Set(stored?.messages.flatMap((m) => (m.sources ?? []).filter((s) => s.deleted).map((s) => s.docId)));
  return deleted.size > 0 ? (scrubConversation(incoming, deleted) ?? incoming) : incoming;
}

/**
 * The same, applied to messages that must stay the same objects (Svelte `$state` proxies an answer
 * still being written holds on to); returns how many changed.
 */
export function scrubInPlace(messages: Iterable<Quoting>, docIds: ReadonlySet<string>): number {
  let changed = 0;
  for (const message of messages) {
    const patch = scrubPatch(message, docIds);
    if (!patch) continue;
    Object.assign(message, patch);
    changed++;
  }
  return changed;
}
