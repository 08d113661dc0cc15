/**
 * The folder stores (Node's DocumentStore and OriginalStore): what is saved reads back the same from
 * a fresh store on the same folder (vectors byte for byte, pages, heading paths), replacing and
 * removing, the lookups, and all-or-nothing writes: a saveAll that fails half way leaves the folder
 * as it was. Then the worker's own pack export and import running on them.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmbedderModel } from '../src/lib/catalog/types';
import { AppError } from '../src/lib/errors';
import type { ChunkRecord, DocumentRecord } from '../src/lib/storage/schema';
import type { PassageEmbedder } from '../workers/retrieval/ingest';
import { exportPack, importPack } from '../workers/retrieval/packs';
import { fileNameOf, nodeFolderIo, type FolderIo } from './folder-io';
import { FolderOriginalStore } from './folder-originals';
import { FolderDocumentStore } from './folder-store';

const tmp = mkdtempSync(join(tmpdir(), 'hearth-folder-store-'));
let folders = 0;
const freshFolder = () => join(tmp, `lib-${folders++}`);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function docOf(id: string, over: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id, name: `${id}.pdf`, mimeType: 'application/pdf', sizeBytes: 10, textLength: 20, chunkCount: 2, embedderId: 'tiny', addedAt: 1,
    format: 'pdf', contentHash: `hash-${id}`, title: `${id} title`, pageCount: 2, warnings: [], hasOriginal: false, storedBytes: 30, ...over,
  };
}

function chunksOf(docId: string, texts: string[]): ChunkRecord[] {
  return texts.map((text, i) => ({
    id: `${docId}:${i}`, docId, index: i, text, start: i * 10, end: i * 10 + text.length, terms: text.split(' '),
    // Every bit pattern matters (NaN payloads, subnormals, the sign bit): they must come back as they were.
    vector: Uint16Array.from([0x0000, 0x8000, 0x7e01, 0x0001, 0xffff, 0x3c00 + i]),
    page: i + 1, pageEnd: i + 2, headingPath: ['Manual', `Part ${i}`],
  }));
}

const bytesOf = (v: Uint16Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** The node file operations with one of them failing on its `nth` call. */
function failingOn(op: 'writeNew' | 'rename', nth: number, code = 'EIO'): FolderIo {
  let calls = 0;
  return {
    ...nodeFolderIo,
    [op]: async (a: string, b: never) => {
      if (++calls === nth) throw Object.assign(new Error(`${op} failed`), { code });
      return nodeFolderIo[op](a, b);
    },
  };
}

describe('FolderDocumentStore', () => {
  it('reads back what it saved, from a fresh store on the same folder', async () => {
    const root = freshFolder();
    const chunks = chunksOf('a', ['Prime the pump.', 'Check the seals.']);
    // A vector that is a view into a larger buffer is stored as its own bytes only.
    const backing = new Uint16Array([9, 9, 1, 2, 3, 4, 5, 6, 9]);
    (chunks[1] as ChunkRecord).vector = backing.subarray(2, 8);
    expect(await new FolderDocumentStore(root).save(docOf('a'), chunks)).toEqual([]);

    const again = new FolderDocumentStore(root);
    expect(await again.get('a')).toEqual(docOf('a'));
    expect(await again.list()).toEqual([docOf('a')]);
    const read = await again.chunksOf('a');
    expect(read.map((c) => ({ ...c, vector: null }))).toEqual(chunks.map((c) => ({ ...c, vector: null })));
    read.forEach((c, i) => {
      expect(c.vector).toBeInstanceOf(Uint16Array);
      expect(bytesOf(c.vector).equals(bytesOf((chunks[i] as ChunkRecord).vector))).toBe(true);
    });
    expect(read[0]).toMatchObject({ page: 1, pageEnd: 2, headingPath: ['Manual', 'Part 0'] });
    expect((await again.allChunks()).map((c) => c.id)).toEqual(['a:0', 'a:1']);
    expect(await again.chunksOf('nope')).toEqual([]);
  });

  it('lists newest first, and returns copies', async () => {
    const store = new FolderDocumentStore(freshFolder());
    await store.save(docOf('old', { addedAt: 1 }), chunksOf('old', ['x']));
    await store.save(docOf('new', { addedAt: 5 }), chunksOf('new', ['y']));
    await store.save(docOf('mid', { addedAt: 3 }), chunksOf('mid', ['z']));
    expect((await store.list()).map((d) => d.id)).toEqual(['new', 'mid', 'old']);
    (await store.get('new')).name = 'changed';
    expect((await store.get('new')).name).toBe('new.pdf');
  });

  it('replaces a document on save, returning the chunk ids it removed', async () => {
    const root = freshFolder();
    const store = new FolderDocumentStore(root);
    await store.save(docOf('v1', { name: 'manual.pdf' }), chunksOf('v1', ['one', 'two', 'three']));
    const removed = await store.save(docOf('v2', { name: 'manual.pdf' }), chunksOf('v2', ['uno']), 'v1');
    expect(removed).toEqual(['v1:0', 'v1:1', 'v1:2']);
    for (const s of [store, new FolderDocumentStore(root)]) {
      expect((await s.list()).map((d) => d.id)).toEqual(['v2']);
      expect(await s.chunkTexts(['v1:0', 'v2:0'])).toEqual(['', 'uno']);
      expect((await s.named('manual.pdf'))?.id).toBe('v2');
    }
    expect(readdirSync(join(root, 'documents'))).toEqual(['v2.json']);
  });

  it('removes a document and its chunks', async () => {
    const root = freshFolder();
    const store = new FolderDocumentStore(root);
    await store.save(docOf('a'), chunksOf('a', ['one', 'two']));
    await store.save(docOf('b'), chunksOf('b', ['three']));
    expect(await store.remove('a')).toEqual(['a:0', 'a:1']);
    expect(await store.remove('a')).toEqual([]);
    await expect(store.get('a')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND', detail: 'a' });
    for (const s of [store, new FolderDocumentStore(root)]) {
      expect((await s.list()).map((d) => d.id)).toEqual(['b']);
      expect((await s.allChunks()).map((c) => c.id)).toEqual(['b:0']);
    }
  });

  it('finds documents by content hash and by name', async () => {
    const store = new FolderDocumentStore(freshFolder());
    await store.save(docOf('a', { name: 'same.txt', contentHash: null }), chunksOf('a', ['x']));
    await store.save(docOf('b', { name: 'other.txt' }), chunksOf('b', ['y']));
    expect((await store.withHash('hash-b'))?.id).toBe('b');
    expect(await store.withHash('hash-a')).toBeUndefined();
    expect((await store.named('same.txt'))?.id).toBe('a');
    expect(await store.named('missing.txt')).toBeUndefined();
  });

  it('gives chunk texts in the order asked, with "" for chunks that are gone', async () => {
    const store = new FolderDocumentStore(freshFolder());
    await store.save(docOf('a'), chunksOf('a', ['alpha', 'beta']));
    await store.save(docOf('b'), chunksOf('b', ['gamma']));
    expect(await store.chunkTexts(['b:0', 'gone', 'a:1', 'a:0', 'a:1'])).toEqual(['gamma', '', 'beta', 'alpha', 'beta']);
    expect(await store.chunkTexts([])).toEqual([]);
  });

  it('keeps ids that are not safe file names inside its folder', async () => {
    const root = freshFolder();
    const store = new FolderDocumentStore(root);
    for (const id of ['../escape', '.hidden', 'a/b\\c', 'CON*?']) await store.save(docOf(id), chunksOf(id, [id]));
    const again = new FolderDocumentStore(root);
    expect((await again.list()).map((d) => d.id).sort()).toEqual(['../escape', '.hidden', 'CON*?', 'a/b\\c'].sort());
    expect(await again.chunkTexts(['../escape:0'])).toEqual(['../escape']);
    expect(readdirSync(root)).toEqual(['documents']);
    for (const name of readdirSync(join(root, 'documents'))) expect(name).toMatch(/^[A-Za-z0-9_%-][A-Za-z0-9._%-]*\.json$/);
    expect(fileNameOf('.x')).toBe('%2Ex');
  });

  it('saves several documents at once, or none when a write fails half way', async () => {
    const root = freshFolder();
    await new FolderDocumentStore(root).save(docOf('keep'), chunksOf('keep', ['kept']));
    const before = readdirSync(join(root, 'documents'));
    const entries = ['x', 'y', 'z'].map((id) => ({ doc: docOf(id), chunks: chunksOf(id, [id]) }));

    for (const io of [failingOn('writeNew', 2), failingOn('rename', 3), failingOn('writeNew', 1, 'ENOSPC')]) {
      const store = new FolderDocumentStore(root, io);
      const failure = await store.saveAll(entries).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect(readdirSync(join(root, 'documents'))).toEqual(before);
      for (const s of [store, new FolderDocumentStore(root)]) {
        expect((await s.list()).map((d) => d.id)).toEqual(['keep']);
        expect(await s.chunkTexts(['keep:0', 'x:0', 'y:0'])).toEqual(['kept', '', '']);
      }
    }
    await expect(new FolderDocumentStore(root, failingOn('writeNew', 1, 'ENOSPC')).saveAll(entries)).rejects.toMatchObject({ code: 'STORAGE_FULL' });
    await expect(new FolderDocumentStore(root, failingOn('writeNew', 1)).saveAll(entries)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });

    const store = new FolderDocumentStore(root);
    await store.saveAll(entries);
    expect((await new FolderDocumentStore(root).allChunks()).map((c) => c.text)).toEqual(['kept', 'x', 'y', 'z']);
  });

  it('leaves the replaced document in place when saving its replacement fails', async () => {
    const root = freshFolder();
    await new FolderDocumentStore(root).save(docOf('v1'), chunksOf('v1', ['old']));
    await expect(new FolderDocumentStore(root, failingOn('rename', 1)).save(docOf('v2'), chunksOf('v2', ['new']), 'v1')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    const failing: FolderIo = {
      ...nodeFolderIo,
      unlink: async (path) => (path.endsWith('v1.json') ? Promise.reject(Object.assign(new Error('busy'), { code: 'EBUSY' })) : nodeFolderIo.unlink(path)),
    };
    const store = new FolderDocumentStore(root, failing);
    await expect(store.save(docOf('v2'), chunksOf('v2', ['new']), 'v1')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    for (const s of [store, new FolderDocumentStore(root)]) {
      expect((await s.list()).map((d) => d.id)).toEqual(['v1']);
      expect(await s.chunkTexts(['v1:0', 'v2:0'])).toEqual(['old', '']);
    }
    expect(readdirSync(join(root, 'documents'))).toEqual(['v1.json']);
  });

  it('refuses a file that is not a document file', async () => {
    const root = freshFolder();
    await new FolderDocumentStore(root).save(docOf('a'), chunksOf('a', ['x']));
    writeFileSync(join(root, 'documents', 'a.json'), '{"format":99}');
    await expect(new FolderDocumentStore(root).list()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});

describe('FolderOriginalStore', () => {
  it('puts, gets and removes originals', async () => {
    const root = freshFolder();
    const originals = new FolderOriginalStore(root);
    expect(await originals.get('a')).toBeNull();
    await originals.put('a', new Uint8Array([37, 80, 68, 70]));
    await originals.put('a', new Uint8Array([1, 2, 3]));
    expect(await new FolderOriginalStore(root).get('a')).toEqual(new Uint8Array([1, 2, 3]));
    await originals.remove('a');
    await originals.remove('a');
    expect(await originals.get('a')).toBeNull();
  });

  it('leaves nothing behind when a write fails', async () => {
    const root = freshFolder();
    await new FolderOriginalStore(root).put('a', new Uint8Array([1]));
    await expect(new FolderOriginalStore(root, failingOn('rename', 1)).put('a', new Uint8Array([2]))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(readdirSync(join(root, 'originals'))).toEqual(['a']);
    expect(await new FolderOriginalStore(root).get('a')).toEqual(new Uint8Array([1]));
  });

  it('lists the unowned originals last written before a time, ignoring temporary files', async () => {
    const root = freshFolder();
    const originals = new FolderOriginalStore(root);
    expect(await originals.unownedOlderThan(new Set(), Date.now())).toEqual([]);
    for (const id of ['owned', 'orphan', 'fresh', '../odd']) await originals.put(id, new Uint8Array([1]));
    writeFileSync(join(root, 'originals', '.orphan.tmp'), 'x');
    const old = new Date(Date.now() - 60 * 60 * 1000);
    for (const name of ['owned', 'orphan', '.orphan.tmp', fileNameOf('../odd')]) utimesSync(join(root, 'originals', name), old, old);
    const cutoff = Date.now() - 10 * 60 * 1000;
    expect((await originals.unownedOlderThan(new Set(['owned']), cutoff)).sort()).toEqual(['../odd', 'orphan']);
  });
});

describe('the worker pack code on folder stores', () => {
  const MODEL = {
    id: 'tiny', name: 'tiny', kind: 'embedder', engine: 'transformers', repo: 'test/tiny', revision: 'main', quantization: 'fp32',
    downloadSizeMB: 1, memoryMB: 1, contextLength: 128, requiredFeatures: [], license: 'mit', sourceUrl: '', dimensions: 6,
    pooling: 'mean', normalize: true, dtype: 'fp32', queryPrefix: '', passagePrefix: '',
  } as unknown as EmbedderModel;
  const embedder: PassageEmbedder = { model: MODEL, maxTokens: 128, countTokens: (t) => t.length, embed: async () => Promise.reject(new Error('not used')) };

  it('exports from one folder library and imports into another, vectors and originals intact', async () => {
    const from = freshFolder();
    const documents = new FolderDocumentStore(from);
    const originals = new FolderOriginalStore(from);
    await documents.save(docOf('a', { hasOriginal: true }), chunksOf('a', ['Prime the pump.', 'Check the seals.']));
    await originals.put('a', new Uint8Array([37, 80, 68, 70]));
    const bytes = await exportPack(['a'], true, MODEL, documents, originals);

    const to = freshFolder();
    const target = { documents: new FolderDocumentStore(to), originals: new FolderOriginalStore(to) };
    const file = new File([bytes as Uint8Array<ArrayBuffer>], 'kb.hearth');
    const result = await importPack(file, { embedder, ...target, emit: () => {}, signal: new AbortController().signal });
    expect(result.reembedded).toBe(0);
    const [doc] = await new FolderDocumentStore(to).list();
    expect(doc).toMatchObject({ name: 'a.pdf', hasOriginal: true });
    const imported = await new FolderDocumentStore(to).chunksOf(doc?.id as string);
    const source = await documents.chunksOf('a');
    expect(imported.map((c) => c.text)).toEqual(['Prime the pump.', 'Check the seals.']);
    imported.forEach((c, i) => expect(bytesOf(c.vector).equals(bytesOf((source[i] as ChunkRecord).vector))).toBe(true));
    expect(await new FolderOriginalStore(to).get(doc?.id as string)).toEqual(new Uint8Array([37, 80, 68, 70]));
    // The same pack again: every document is already there, nothing is added.
    const second = await importPack(file, { embedder, ...target, emit: () => {}, signal: new AbortController().signal });
    expect(second.skipped).toEqual(['a.pdf']);
    expect(await target.documents.list()).toHaveLength(1);
  });
});
