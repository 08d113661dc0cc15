/**
 * Reading a backup without trusting it: everything the pack reader checks (zip limits, format and
 * version, every entry's SHA-256 and size, nothing unlisted, documents, passages and vectors against
 * their schemas and counts), then the backup's own entries against theirs and the counts in its
 * manifest. Any failure is a BACKUP_* error and nothing is returned, so a restore never starts on a
 * damaged file. A plain knowledge pack is refused as BACKUP_NOT_A_BACKUP (it is imported instead).
 */
import * as v from 'valibot';
import { appError, type AppError } from '../../src/lib/errors';
import type { ConversationRecord } from '../../src/lib/storage/schema';
import { ENTRY } from '../pack/format';
import { parseJson, validated, verifyPack, type Refusal } from '../pack/read';
import { BACKUP_ENTRY, BACKUP_KIND, BACKUP_VERSION, BackupManifestSchema, ConversationsSchema, LibrarySchema, SettingsSchema, type Backup } from './format';
import { settingsFromBackup } from './settings';

const BACKUP_REFUSAL: Refusal = {
  noun: 'backup',
  damaged: (name, why, cause) =>
    appError('BACKUP_DAMAGED', {
      message: `“${name}” ${why}, so nothing was restored and your library is as it was. Restore from another copy of the backup, or make a new one.`,
      detail: name,
      cause,
    }),
  newer: (name, version) => newer(name, `pack version ${version}`),
};

function newer(name: string, what: string): AppError {
  return appError('BACKUP_VERSION_UNSUPPORTED', { detail: `${name}: ${what}` });
}

export async function readBackup(bytes: Uint8Array, name: string, signal?: AbortSignal): Promise<Backup> {
  const { damaged } = BACKUP_REFUSAL;
  const { pack, rawManifest, files } = await verifyPack(bytes, name, BACKUP_REFUSAL, signal);
  if (rawManifest.kind !== BACKUP_KIND) throw appError('BACKUP_NOT_A_BACKUP', { detail: name });
  const version = (rawManifest.backup as { version?: unknown } | undefined)?.version;
  if (typeof version === 'number' && version > BACKUP_VERSION) throw newer(name, `backup version ${version}, this Hearth reads up to ${BACKUP_VERSION}`);
  const { backup } = validated(BackupManifestSchema, rawManifest, ENTRY.manifest, name, damaged);
  if (backup.version !== BACKUP_VERSION) throw newer(name, `backup version ${backup.version}`);

  const entry = <T>(schema: v.GenericSchema<unknown, T>, entryName: string): T =>
    validated(schema, parseJson(files.get(entryName), entryName, name, damaged), entryName, name, damaged);
  const library = entry(LibrarySchema, BACKUP_ENTRY.library);
  const conversations = entry(ConversationsSchema, BACKUP_ENTRY.conversations) as ConversationRecord[];
  const settings = settingsFromBackup(entry(SettingsSchema, BACKUP_ENTRY.settings));

  if (library.length !== pack.documents.length) throw damaged(name, `lists ${library.length} documents in ${BACKUP_ENTRY.library} for ${pack.documents.length} in ${ENTRY.documents}`);
  if (new Set(library.map((d) => d.id)).size !== library.length) throw damaged(name, 'gives two documents the same id');
  const messages = conversations.reduce((n, c) => n + c.messages.length, 0);
  if (conversations.length !== backup.counts.conversations || messages !== backup.counts.messages) throw damaged(name, 'has conversation counts that disagree with its contents');
  if (new Set(conversations.map((c) => c.id)).size !== conversations.length) throw damaged(name, 'gives two conversations the same id');

  return { pack, library, conversations, settings, models: backup.models, createdAt: pack.manifest.createdAt };
}
