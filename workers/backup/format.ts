/**
 * The backup: everything a person keeps in Hearth as one `.hearth` file, to restore on another device
 * or in a fresh browser profile. A backup is a knowledge pack (workers/pack/format.ts: the same zip,
 * the same manifest with the size and SHA-256 of every entry, the same documents.json, chunks.json,
 * vectors.f16 and originals/<n>), so any zip tool opens it and a Hearth that knows only packs still
 * imports its documents. It adds:
 *
 *   manifest.json       `kind: "backup"` and `backup`: its own version, the number of conversations
 *                       and messages, and the ids of the models in use (named only: models are
 *                       downloaded again, never put in a backup).
 *   library.json        per document, in documents.json order: its id and when it was added, so the
 *                       restored library lists in the same order and conversations' sources still
 *                       point at their documents.
 *   conversations.json  every conversation as stored (messages, sources, quick answers).
 *   settings.json       the person's settings without secrets (settings.ts).
 *
 * The reader (read.ts) verifies all of it as strictly as a pack: checksums, schemas, counts.
 */
import * as v from 'valibot';
import type { Settings } from '../../src/lib/config/settings';
import type { ConversationRecord } from '../../src/lib/storage/schema';
import type { Pack } from '../pack/format';
import { ConversationsSchema } from './conversation-schema';

export const BACKUP_KIND = 'backup';
export const BACKUP_VERSION = 1;

export const BACKUP_ENTRY = {
  library: 'library.json',
  conversations: 'conversations.json',
  settings: 'settings.json',
} as const;

/** The models a backup was made with, by catalog id (null: none chosen or none known). */
export interface BackupModels {
  embedder: string | null;
  llm: string | null;
  reranker: string | null;
}

/** What a backup adds to the pack's manifest. */
export interface BackupManifestPart {
  kind: typeof BACKUP_KIND;
  backup: {
    version: number;
    counts: { conversations: number; messages: number };
    models: BackupModels;
  };
}

/** What a library knows of a document beyond the pack's record. */
export interface LibraryFacts {
  id: string;
  addedAt: number;
}

/** A verified backup in memory: what the reader returns and the writer takes (with its pack). */
export interface Backup {
  pack: Pack;
  /** library[n] belongs to pack.documents[n]. */
  library: LibraryFacts[];
  conversations: ConversationRecord[];
  settings: Settings;
  models: BackupModels;
  createdAt: string;
}

const nonNegative = v.pipe(v.number(), v.integer(), v.minValue(0));
const modelId = v.nullable(v.pipe(v.string(), v.minLength(1)));

export const BackupManifestSchema = v.object({
  kind: v.literal(BACKUP_KIND),
  backup: v.object({
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    counts: v.object({ conversations: nonNegative, messages: nonNegative }),
    models: v.object({ embedder: modelId, llm: modelId, reranker: modelId }),
  }),
});

export const LibrarySchema = v.array(v.object({ id: v.pipe(v.string(), v.minLength(1)), addedAt: v.pipe(v.number(), v.finite()) }));

/** Every field optional: an older or newer Hearth may lack one; settings.ts fills in its default. */
export const SettingsSchema = v.object({
  catalogUrl: v.optional(v.nullable(v.string())),
  modelBaseUrl: v.optional(v.nullable(v.string())),
  llmId: v.optional(v.nullable(v.string())),
  embedderId: v.optional(v.nullable(v.string())),
  topK: v.optional(v.number()),
  rerank: v.optional(v.picklist(['auto', 'on', 'off'])),
  temperature: v.optional(v.number()),
  topP: v.optional(v.number()),
  maxAnswerTokens: v.optional(v.number()),
});

export { ConversationsSchema };
