import { describe, expect, it } from 'vitest';
import { encodeHalves } from '../../src/lib/core/float16';
import type { ConversationRecord } from '../../src/lib/storage/schema';
import { exportBackup } from './export';
import type { BackupRestoreEvent } from './messages';
import { MemoryLibrary } from './memory-library';
import { restoreBackup, type RestoreDeps } from './restore';
import { fakeEmbedder, fillLibrary, MODEL, MODELS, ORIGINAL, SETTINGS } from './test-fixtures';

async function backupFile(): Promise<{ file: File; source: MemoryLibrary }> {
  const source = new MemoryLibrary();
  await fillLibrary(source);
  const { bytes } = await exportBackup({ settings: SETTINGS, models: MODELS }, { embedder: MODEL, documents: source.documents, originals: source.originals, store: source.store, createdBy: 'test' });
  return { file: new File([bytes as Uint8Array<ArrayBuffer>], 'hearth-backup.hearth'), source };
}

function deps(lib: MemoryLibrary, options: { embedderId?: string; onEvent?: (e: BackupRestoreEvent, abort: () => void) => void } = {}): RestoreDeps & { events: BackupRestoreEvent[] } {
  const controller = new AbortController();
  const events: BackupRestoreEvent[] = [];
  return {
    embedder: fakeEmbedder(options.embedderId ?? 'tiny'),
    documents: lib.documents,
    originals: lib.originals,
    store: lib.store,
    signal: controller.signal,
    events,
    emit: (e) => {
      events.push(e);
      options.onEvent?.(e, () => controller.abort());
    },
  };
}

/** A library that already holds something of its own (one document, one conversation). */
async function lived(): Promise<MemoryLibrary> {
  const lib = new MemoryLibrary();
  const { file } = await backupFile();
  const other = new MemoryLibrary();
  await restoreBackup(file, deps(other));
  const own = await other.documents.get('doc-valve');
  await lib.documents.saveAll([{ doc: { ...own, id: 'mine', name: 'mine.pdf', contentHash: 'f'.repeat(64) }, chunks: (await other.documents.chunksOf('doc-valve')).map((c) => ({ ...c, id: `mine:${c.index}`, docId: 'mine' })) }]);
  await lib.originals.put('mine', new Uint8Array([1, 2, 3]));
  await lib.store.restore({ documents: [], conversations: [{ id: 'own-chat', title: 'Mine', updatedAt: 1, messages: [{ role: 'user', content: 'hello' }] }] });
  return lib;
}

describe('restoring a backup', () => {
  it('restores every document (same ids, order, passages, vectors, original) and conversation, and reports what it checked', async () => {
    const { file, source } = await backupFile();
    const lib = new MemoryLibrary();
    const d = deps(lib);
    const result = await restoreBackup(file, d);
    expect(result).toMatchObject({ documents: 2, chunks: 3, originals: 1, conversations: 2, skippedDocuments: [], skippedConversations: 0, reembedded: 0, embedder: 'tiny', models: MODELS });
    expect(result.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await lib.documents.list()).map((x) => [x.id, x.name, x.addedAt])).toEqual([['doc-valve', 'valve.pdf', 2000], ['doc-pump', 'pump.pdf', 1000]]);
    const chunks = (x: MemoryLibrary) => [...x.chunks.values()].map((c) => ({ ...c, vector: [...c.vector] }));
    expect(chunks(lib)).toEqual(chunks(source));
    expect(await lib.originals.get('doc-pump')).toEqual(ORIGINAL);
    expect(await lib.store.conversations()).toEqual(await source.store.conversations());
    expect(d.events.map((e) => e.stage)).toEqual(expect.arrayContaining(['verifying', 'saving', 'checking']));
    expect(result.stored.map((e) => e.doc.id)).toEqual(['doc-pump', 'doc-valve']);
  });

  it('embeds every passage again from its text when the backup was made with another embedder', async () => {
    const { file } = await backupFile();
    const lib = new MemoryLibrary();
    const result = await restoreBackup(file, deps(lib, { embedderId: 'other-model' }));
    expect(result.reembedded).toBe(3);
    for (const c of lib.chunks.values()) expect([...c.vector]).toEqual([...encodeHalves([0, 0, 1, 0])]);
    expect([...lib.docs.values()].every((x) => x.embedderId === 'other-model')).toBe(true);
  });

  it('skips documents and conversations already held, and points citations at the copy held', async () => {
    const { file, source } = await backupFile();
    const lib = await lived();
    // This library holds pump.pdf already, under another id, and conv-2 already.
    const pump = await source.documents.get('doc-pump');
    await lib.documents.saveAll([{ doc: { ...pump, id: 'held-pump' }, chunks: (await source.documents.chunksOf('doc-pump')).map((c) => ({ ...c, id: `held-pump:${c.index}`, docId: 'held-pump' })) }]);
    await lib.store.restore({ documents: [], conversations: [(await source.store.conversations()).find((c) => c.id === 'conv-2') as ConversationRecord] });

    const result = await restoreBackup(file, deps(lib));
    expect(result).toMatchObject({ documents: 1, conversations: 1, skippedDocuments: ['pump.pdf'], skippedConversations: 1 });
    expect([...lib.docs.keys()].sort()).toEqual(['doc-valve', 'held-pump', 'mine']);
    const restored = lib.convs.get('conv-1');
    expect(restored?.messages[1]?.sources?.[0]).toMatchObject({ docId: 'held-pump', chunkId: 'held-pump:0', text: 'Prime the pump before use.' });

    // Restoring the same backup again adds nothing at all.
    const again = await restoreBackup(file, deps(lib));
    expect(again).toMatchObject({ documents: 0, conversations: 0, skippedConversations: 2 });
  });

  it('leaves the library exactly as it was when the write fails', async () => {
    const { file } = await backupFile();
    const lib = await lived();
    // A conversation id taken by a record this restore does not know of: the one transaction fails.
    lib.store.conversationIds = async () => new Set(['own-chat']);
    lib.convs.set('conv-2', { id: 'conv-2', title: 'A different chat', updatedAt: 5, messages: [] });
    const before = lib.snapshot();
    await expect(restoreBackup(file, deps(lib))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(lib.snapshot()).toBe(before);
  });

  it('undoes everything when what was written does not read back the same', async () => {
    const { file } = await backupFile();
    const lib = await lived();
    const before = lib.snapshot();
    lib.corrupt = (record) => {
      if ('messages' in record && record.id === 'conv-1') record.title = 'changed on the way';
    };
    await expect(restoreBackup(file, deps(lib))).rejects.toMatchObject({ code: 'BACKUP_CHECK_FAILED', detail: expect.stringContaining('conversation:conv-1') });
    expect(lib.snapshot()).toBe(before);
  });

  it('undoes everything when an original reads back damaged', async () => {
    const { file } = await backupFile();
    const lib = await lived();
    const before = lib.snapshot();
    const get = lib.originals.get;
    lib.originals.get = async (id) => (id === 'doc-pump' ? new Uint8Array([0]) : get(id));
    await expect(restoreBackup(file, deps(lib))).rejects.toMatchObject({ code: 'BACKUP_CHECK_FAILED', detail: expect.stringContaining('original:doc-pump') });
    expect(lib.snapshot()).toBe(before);
  });

  it.each(['saving', 'checking'] as const)('leaves the library exactly as it was when cancelled while %s', async (stage) => {
    const { file } = await backupFile();
    const lib = await lived();
    const before = lib.snapshot();
    const d = deps(lib, { onEvent: (e, abort) => e.stage === stage && e.done === (stage === 'saving' ? 1 : 0) && abort() });
    await expect(restoreBackup(file, d)).rejects.toMatchObject({ code: 'ABORTED' });
    expect(lib.snapshot()).toBe(before);
  });

  it('writes nothing from a damaged backup', async () => {
    const { file } = await backupFile();
    const bytes = new Uint8Array(await file.arrayBuffer());
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0xff;
    const lib = await lived();
    const before = lib.snapshot();
    await expect(restoreBackup(new File([bytes], 'b.hearth'), deps(lib))).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
    expect(lib.snapshot()).toBe(before);
  });
});
