/**
 * How a backup looks to the person: its file name and the sentences that say what a restore did.
 * A backup is a knowledge pack with more in it (workers/backup/format.ts), so it has a pack's extension.
 */
import { PACK_EXTENSION } from './pack-file';
import type { BackupRestoreResult } from '../../workers/backup/messages';

/** A file name for a backup made today, e.g. "hearth-backup-2026-12-01.hearth". */
export function backupFileName(now = new Date()): string {
  return `hearth-backup-${now.toISOString().slice(0, 10)}${PACK_EXTENSION}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Restored 12 documents and 5 conversations; checked." and what was skipped or embedded again. */
export function restoreSummary(r: BackupRestoreResult): string {
  const parts =
    r.documents + r.conversations === 0
      ? ['Nothing to restore: everything in this backup is already here.']
      : [`Restored ${count(r.documents, 'document')} and ${count(r.conversations, 'conversation')}; checked.`];
  const skipped = r.skippedDocuments.length + r.skippedConversations;
  if (skipped > 0 && r.documents + r.conversations > 0) {
    const what = [r.skippedDocuments.length ? count(r.skippedDocuments.length, 'document') : '', r.skippedConversations ? count(r.skippedConversations, 'conversation') : ''].filter(Boolean);
    parts.push(`${what.join(' and ')} ${skipped === 1 ? 'was' : 'were'} already here.`);
  }
  if (r.reembedded > 0) parts.push(`The backup was made with ${r.embedder ? `another model (${r.embedder})` : 'no embedding model'}, so its ${count(r.reembedded, 'passage')} ${r.reembedded === 1 ? 'was' : 'were'} prepared for search again on this device.`);
  return parts.join(' ');
}

/** What the check read back, for the curious (and for support). */
export function checkedDetail(r: BackupRestoreResult): string {
  const models = [r.models.embedder && `embedding: ${r.models.embedder}`, r.models.llm && `answers: ${r.models.llm}`].filter(Boolean).join(', ');
  return `Read back after saving: ${count(r.documents, 'document')}, ${count(r.chunks, 'passage')}, ${count(r.originals, 'original file')}, ${count(r.conversations, 'conversation')}; SHA-256 ${r.checksum.slice(0, 16)}…${models ? ` Made with ${models}.` : ''}`;
}
