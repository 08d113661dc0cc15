/** What Hearth keeps in IndexedDB: documents, their chunks (text, term counts, vector), conversations. */
import type { DBSchema } from 'idb';

export interface DocumentRecord {
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  textLength: number;
  chunkCount: number;
  /** The embedder that produced the stored vectors; another embedder means re-embedding. */
  embedderId: string;
  addedAt: number;
}

export interface ChunkRecord {
  id: string;
  docId: string;
  index: number;
  text: string;
  /** Character offsets of the chunk in the document text. */
  start: number;
  end: number;
  /** Analyzed terms of the chunk, kept so the BM25 index rebuilds without re-analyzing. */
  terms: string[];
  vector: Float32Array;
}

export interface ChatMessageRecord {
  role: 'user' | 'assistant';
  content: string;
  /** Passages shown to the model, numbered as in the prompt ([1] is sources[0]). */
  sources?: SourceRef[];
  /** The passages were reordered by the cross-encoder. */
  reranked?: boolean;
  status?: 'done' | 'stopped' | 'error';
  error?: { code: string; message: string };
  stats?: { firstTokenMs: number; tokensPerSecond: number; completionTokens: number };
}

export interface SourceRef {
  n: number;
  chunkId: string;
  docId: string;
  docName: string;
  text: string;
  start: number;
  end: number;
}

export interface ConversationRecord {
  id: string;
  title: string;
  updatedAt: number;
  messages: ChatMessageRecord[];
}

export interface HearthDB extends DBSchema {
  documents: { key: string; value: DocumentRecord; indexes: { byAddedAt: number } };
  chunks: { key: string; value: ChunkRecord; indexes: { byDoc: string } };
  conversations: { key: string; value: ConversationRecord; indexes: { byUpdatedAt: number } };
}

export const DB_NAME = 'hearth';
export const DB_VERSION = 1;
