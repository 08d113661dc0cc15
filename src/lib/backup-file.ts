/**
 * How a backup looks to the person: its file name and the sentences that say what a restore did.
 * A backup is a knowledge pack with more in it (workers/backup/format.ts), so it has a pack's extension.
 */
import type { Words } from './i18n/translate';
import { bothIn, countIn } from './library/count-words';
import { PACK_EXTENSION } from './pack-file';
import type { BackupRestoreResult } from '../../workers/backup/messages';

/** A file name for a backup made today, e.g. "hearth-backup-2026-12-01.hearth". */
export function backupFileName(now = new Date()): string {
  return `hearth-backup-${now.toISOString().slice(0, 10)}${PACK_EXTENSION}`;
}

const one = (w: Words, n: number) => new Intl.PluralRules(w.locale).select(n) === 'one';

/** "another model (minilm)" or "no embedding model": what a pack or backup was embedded with. */
export function madeWithIn(w: Words, embedder: string | null): string {
  return embedder ? w.t('library.import.anotherModel', { model: embedder }) : w.t('library.import.noModel');
}

/** "Restored 12 documents and 5 conversations; checked." and what was skipped or embedded again. */
export function restoreSummary(w: Words, r: BackupRestoreResult): string {
  const counts = { documents: countIn(w, r.documents, 'documents'), conversations: countIn(w, r.conversations, 'conversations') };
  const parts = [r.documents + r.conversations === 0 ? w.t('library.backup.nothing') : w.t('library.backup.restored', counts)];
  const skipped = r.skippedDocuments.length + r.skippedConversations;
  if (skipped > 0 && r.documents + r.conversations > 0) {
    const what = bothIn(w, r.skippedDocuments.length ? countIn(w, r.skippedDocuments.length, 'documents') : '', r.skippedConversations ? countIn(w, r.skippedConversations, 'conversations') : '');
    parts.push(w.t(one(w, skipped) ? 'library.backup.already.one' : 'library.backup.already.other', { what }));
  }
  if (r.reembedded > 0) {
    const vars = { model: madeWithIn(w, r.embedder), passages: countIn(w, r.reembedded, 'passages') };
    parts.push(w.t(one(w, r.reembedded) ? 'library.backup.reembedded.one' : 'library.backup.reembedded.other', vars));
  }
  return parts.join(' ');
}

/** What the check read back, for the curious (and for support). */
export function checkedDetail(w: Words, r: BackupRestoreResult): string {
  const models = [r.models.embedder && w.t('library.backup.modelEmbedding', { model: r.models.embedder }), r.models.llm && w.t('library.backup.modelAnswers', { model: r.models.llm })].filter(Boolean).join(', ');
  return w.t('library.backup.checked', {
    documents: countIn(w, r.documents, 'documents'),
    passages: countIn(w, r.chunks, 'passages'),
    originals: countIn(w, r.originals, 'originals'),
    conversations: countIn(w, r.conversations, 'conversations'),
    checksum: r.checksum.slice(0, 16),
    models: models ? w.t('library.backup.madeWith', { models }) : '',
  });
}

/** What the last backup or restore did (backupOutcomeText says it). */
export type BackupOutcome =
  | { code: 'saved'; documents: number; conversations: number; name: string }
  | { code: 'restored'; result: BackupRestoreResult }
  | { code: 'cancelled'; name: string };

export function backupOutcomeText(w: Words, o: BackupOutcome): string {
  if (o.code === 'saved') return w.t('library.backup.saved', { documents: countIn(w, o.documents, 'documents'), conversations: countIn(w, o.conversations, 'conversations'), name: o.name });
  return o.code === 'restored' ? restoreSummary(w, o.result) : w.t('library.backup.cancelled', { name: o.name });
}
