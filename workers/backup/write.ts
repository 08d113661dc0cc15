/**
 * Writing a backup (format.ts): the library as a pack (workers/pack/write.ts, which checksums every
 * entry) with the backup's own entries and manifest fields added.
 */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import type { Settings } from '../../src/lib/config/settings';
import type { ConversationRecord } from '../../src/lib/storage/schema';
import { packContentsOf, type LibraryEntry } from '../pack/from-library';
import { writePack } from '../pack/write';
import { BACKUP_ENTRY, BACKUP_KIND, BACKUP_VERSION, type BackupManifestPart, type BackupModels, type LibraryFacts } from './format';
import { shareableSettings } from './settings';

export interface BackupContents {
  /** Every document with its chunks and (when kept) its original. */
  entries: readonly LibraryEntry[];
  /** The embedder every document's vectors come from, or null to leave vectors out (embedded on restore). */
  embedder: EmbedderModel | null;
  conversations: readonly ConversationRecord[];
  settings: Settings;
  models: BackupModels;
  createdBy: string;
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export async function writeBackup(contents: BackupContents): Promise<Uint8Array> {
  const pack = packContentsOf(contents.entries, contents.embedder, contents.createdBy);
  const library: LibraryFacts[] = contents.entries.map(({ doc }) => ({ id: doc.id, addedAt: doc.addedAt }));
  const part: BackupManifestPart = {
    kind: BACKUP_KIND,
    backup: {
      version: BACKUP_VERSION,
      counts: { conversations: contents.conversations.length, messages: contents.conversations.reduce((n, c) => n + c.messages.length, 0) },
      models: contents.models,
    },
  };
  const entries = new Map<string, Uint8Array>([
    [BACKUP_ENTRY.library, json(library)],
    [BACKUP_ENTRY.conversations, json(contents.conversations)],
    // Secrets are removed here too, whatever the caller passed.
    [BACKUP_ENTRY.settings, json(shareableSettings(contents.settings))],
  ]);
  return writePack(pack, { entries, manifest: { ...part } });
}
