/**
 * What a restore writes, decided before anything is written: the backup's documents the library
 * does not hold yet (with their ids, so conversations' sources still point at them, and when they
 * were added), embedded again when the backup was made with another embedder (pack import's
 * libraryFromPack), and the conversations it does not hold yet. A document held under another id
 * (the same content) is not added; sources that cite it are pointed at the one held.
 */
import type { ConversationRecord, DocumentRecord, SourceRef } from '../../src/lib/storage/schema';
import { sameEmbedder, type LibraryEntry } from '../pack/from-library';
import { libraryFromPack } from '../pack/to-library';
import type { PassageEmbedder } from '../retrieval/ingest';
import type { Backup } from './format';

export interface Held {
  documents: readonly DocumentRecord[];
  conversationIds: ReadonlySet<string>;
}

export interface RestorePlan {
  entries: LibraryEntry[];
  conversations: ConversationRecord[];
  /** SHA-256 of each written original as the backup's manifest gives it, by document id. */
  originalSha: Map<string, string>;
  skippedDocuments: string[];
  skippedConversations: number;
  reembedded: number;
}

export interface PlanOptions {
  embedder: PassageEmbedder;
  onEmbedProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function planRestore(backup: Backup, held: Held, options: PlanOptions): Promise<RestorePlan> {
  const { pack, library } = backup;
  const heldIds = new Set(held.documents.map((d) => d.id));
  const heldByHash = new Map(held.documents.flatMap((d) => (d.contentHash ? [[d.contentHash, d.id] as const] : [])));
  const idOf = (n: number) => library[n]?.id ?? '';

  const { entries, skipped } = await libraryFromPack(pack, {
    embedder: options.embedder,
    newId: idOf,
    existingHashes: new Set(heldByHash.keys()),
    ...(options.onEmbedProgress ? { onEmbedProgress: options.onEmbedProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  // Where a backup document is already here under another id, its citations move to that id.
  const moved = new Map<string, string>();
  pack.documents.forEach((d, n) => {
    const heldId = d.contentHash ? heldByHash.get(d.contentHash) : undefined;
    if (heldId && heldId !== idOf(n)) moved.set(idOf(n), heldId);
  });

  // The same id held (a document without a known hash, restored twice): it is that document.
  const kept = entries.filter((e) => !heldIds.has(e.doc.id));
  const skippedDocuments = [...skipped, ...entries.filter((e) => heldIds.has(e.doc.id)).map((e) => e.doc.name)];
  const indexOf = new Map(library.map((facts, n) => [facts.id, n] as const));
  const originalSha = new Map<string, string>();
  for (const entry of kept) {
    const n = indexOf.get(entry.doc.id) ?? -1;
    entry.doc.addedAt = library[n]?.addedAt ?? entry.doc.addedAt;
    const originalEntry = pack.documents[n]?.original;
    const sha = originalEntry ? pack.manifest.entries[originalEntry]?.sha256 : undefined;
    if (entry.original && sha) originalSha.set(entry.doc.id, sha);
  }

  const conversations = backup.conversations.filter((c) => !held.conversationIds.has(c.id)).map((c) => pointSourcesAt(c, moved));
  // As libraryFromPack decides: the backup's vectors are used only when made by this very embedder.
  const reused = pack.vectors !== null && sameEmbedder(pack.manifest.embedder, options.embedder.model);
  return {
    entries: kept,
    conversations,
    originalSha,
    skippedDocuments,
    skippedConversations: backup.conversations.length - conversations.length,
    reembedded: reused ? 0 : kept.reduce((n, e) => n + e.chunks.length, 0),
  };
}

function pointSourcesAt(conversation: ConversationRecord, moved: ReadonlyMap<string, string>): ConversationRecord {
  if (moved.size === 0) return conversation;
  const move = (s: SourceRef): SourceRef => {
    const to = moved.get(s.docId);
    if (!to) return s;
    const chunkId = s.chunkId.startsWith(`${s.docId}:`) ? `${to}:${s.chunkId.slice(s.docId.length + 1)}` : s.chunkId;
    return { ...s, docId: to, chunkId };
  };
  return { ...conversation, messages: conversation.messages.map((m) => (m.sources ? { ...m, sources: m.sources.map(move) } : m)) };
}
