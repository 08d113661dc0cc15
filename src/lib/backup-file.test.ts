import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './config/settings';
import { backupFileName, checkedDetail as checked, restoreSummary as summary } from './backup-file';
import { wordsFor } from './i18n/all-catalogs';
import type { BackupRestoreResult } from '../../workers/backup/messages';

const en = wordsFor('en');
const restoreSummary = (r: BackupRestoreResult) => summary(en, r);
const checkedDetail = (r: BackupRestoreResult) => checked(en, r);

const RESULT: BackupRestoreResult = {
  documents: 12, chunks: 340, originals: 10, conversations: 5, skippedDocuments: [], skippedConversations: 0, reembedded: 0, embedder: 'minilm',
  checksum: 'ab'.repeat(32), settings: DEFAULT_SETTINGS, models: { embedder: 'minilm', llm: 'qwen', reranker: null }, createdAt: '2026-12-01T00:00:00Z',
};

describe('backup file and restore summary', () => {
  it('names a backup by the day it was made', () => {
    expect(backupFileName(new Date('2026-12-01T15:00:00Z'))).toBe('hearth-backup-2026-12-01.hearth');
  });

  it('says what was restored and that it was checked', () => {
    expect(restoreSummary(RESULT)).toBe('Restored 12 documents and 5 conversations; checked.');
    expect(restoreSummary({ ...RESULT, documents: 1, conversations: 1 })).toBe('Restored 1 document and 1 conversation; checked.');
  });

  it('says what was already here and what was embedded again', () => {
    const text = restoreSummary({ ...RESULT, skippedDocuments: ['a.pdf', 'b.pdf'], skippedConversations: 1, reembedded: 40, embedder: 'other' });
    expect(text).toContain('2 documents and 1 conversation were already here.');
    expect(text).toContain('made with another model (other), so its 40 passages were prepared for search again');
    expect(restoreSummary({ ...RESULT, documents: 1, reembedded: 1, embedder: null })).toContain('made with no embedding model, so its 1 passage was prepared');
    expect(restoreSummary({ ...RESULT, documents: 0, conversations: 0, skippedDocuments: ['a.pdf'] })).toBe('Nothing to restore: everything in this backup is already here.');
  });

  it('details the counts read back, the checksum and the models named', () => {
    expect(checkedDetail(RESULT)).toBe('Read back after saving: 12 documents, 340 passages, 10 original files, 5 conversations; SHA-256 abababababababab… Made with embedding: minilm, answers: qwen.');
  });

  it('says it in German too, with German plurals', () => {
    const de = wordsFor('de');
    expect(summary(de, { ...RESULT, documents: 1, conversations: 2 })).toBe('1 Dokument und 2 Unterhaltungen wiederhergestellt; geprüft.');
    expect(checked(de, RESULT)).toBe('Nach dem Speichern zurückgelesen: 12 Dokumente, 340 Passagen, 10 Originaldateien, 5 Unterhaltungen; SHA-256 abababababababab… Erstellt mit Embedding: minilm, Antworten: qwen.');
  });
});
