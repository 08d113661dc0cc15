/**
 * The retrieval worker's indexes never compare vectors of two embedders: a document stored with
 * another embedder than the index's is found by its words only, at start-up (IndexStore.load) and
 * when it arrives later (IndexSync); and a switch to other indexes (`replace`) keeps every change
 * that arrives meanwhile. The documents are in a real store (Node's folder store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderDocumentStore } from '../../cli/folder-store';
import { analyze } from '../../src/lib/core/analyzer';
import { encodeHalves } from '../../src/lib/core/float16';
import { normalize } from '../../src/lib/core/normalize';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { IndexStore } from './index-store';
import { IndexSync } from './index-sync';

const tmp = mkdtempSync(join(tmpdir(), 'hearth-index-sync-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function docWith(id: string, embedderId: string, texts: string[], dims: number): { doc: DocumentRecord; chunks: ChunkRecord[] } {
  const doc = {
    id, name: `${id}.txt`, mimeType: 'text/plain', sizeBytes: 1, textLength: 1, chunkCount: texts.length, embedderId, addedAt: n++,
    format: 'text', contentHash: `h-${id}`, warnings: [], hasOriginal: false, storedBytes: 1,
  } as DocumentRecord;
  const chunks = texts.map((text, index) => ({
    id: `${id}:${index}`, docId: id, index, text, start: 0, end: text.length, terms: analyze(text), headingPath: [],
    vector: encodeHalves(normalize(Float32Array.from({ length: dims }, (_, i) => (i === index % dims ? 1 : 0.1)))),
  }));
  return { doc, chunks };
}

async function libraryIn(dir: string, entries: ReturnType<typeof docWith>[]) {
  const store = new FolderDocumentStore(join(tmp, dir));
  for (const { doc, chunks } of entries) await store.save(doc, chunks);
  return store;
}

describe('indexes of one embedder', () => {
  it('load vectors only of documents that embedder made, though their sizes match', async () => {
    const store = await libraryIn('start', [docWith('mine', 'a', ['lighthouse keeper', 'fog horn'], 4), docWith('other', 'b', ['harbour pilot', 'tide table'], 4)]);
    const { index } = await new IndexStore('a', 4, store).load();
    expect(index.size).toBe(4);
    expect(index.vectors.size).toBe(2);
    // The other document is still found by its words.
    expect(index.search('tide', null, 5).map((h) => h.id)).toEqual(['other:1']);
    const byVector = index.search('', Float32Array.from([0, 1, 0.1, 0.1]), 5).map((h) => h.id);
    expect(byVector.every((id) => id.startsWith('mine:'))).toBe(true);
  });

  it('index a document stored later with its vectors only when the index’s embedder made them', async () => {
    const store = await libraryIn('sync', [docWith('first', 'a', ['one'], 4)]);
    const indexStore = new IndexStore('a', 4, store);
    const loaded = await indexStore.load();
    const library = { index: loaded.index, indexStore, docNames: new Map([['first', 'first.txt']]) };
    const sync = new IndexSync(store, Promise.resolve(library));
    const same = docWith('same', 'a', ['two'], 4);
    const foreign = docWith('foreign', 'b', ['three'], 4);
    await store.save(same.doc, same.chunks);
    await store.save(foreign.doc, foreign.chunks);
    expect(await sync.apply({ added: ['same', 'foreign'], removed: [] })).toBe(3);
    expect(library.index.vectors.size).toBe(2);
    expect(library.index.search('three', null, 3).map((h) => h.id)).toEqual(['foreign:0']);
    indexStore.stop();
  });

  it('a failed first load leaves the sync usable: replace brings a later load’s indexes', async () => {
    const store = await libraryIn('failed', [docWith('x', 'a', ['alpha'], 4)]);
    const sync = new IndexSync(store, Promise.reject(new Error('the model did not load')));
    expect(await sync.apply({ added: ['x'], removed: [] })).toBe(0);
    const indexStore = new IndexStore('a', 4, store);
    const library = { index: (await indexStore.load()).index, indexStore, docNames: new Map([['x', 'x.txt']]) };
    await sync.replace(async () => library);
    const y = docWith('y', 'a', ['beta'], 4);
    await store.save(y.doc, y.chunks);
    expect(await sync.apply({ added: ['y'], removed: [] })).toBe(2);
    indexStore.stop();
  });

  it('replace swaps in other indexes after earlier changes, and applies later ones to the new indexes', async () => {
    const store = await libraryIn('replace', [docWith('x', 'a', ['alpha'], 4)]);
    const oldStore = new IndexStore('a', 4, store);
    const old = { index: (await oldStore.load()).index, indexStore: oldStore, docNames: new Map([['x', 'x.txt']]) };
    const sync = new IndexSync(store, Promise.resolve(old));
    // The store is switched to embedder b (48 dims stand-in: 3), then the new indexes are built.
    const switched = docWith('x', 'b', ['alpha'], 3);
    await store.save(switched.doc, switched.chunks);
    const newStore = new IndexStore('b', 3, store);
    let built!: () => void;
    let release!: () => void;
    const isBuilt = new Promise<void>((r) => (built = r));
    const gate = new Promise<void>((r) => (release = r));
    const replaced = sync.replace(async () => {
      const library = { index: (await newStore.load()).index, indexStore: newStore, docNames: new Map([['x', 'x.txt']]) };
      built();
      await gate;
      return library;
    });
    // A document stored after the new indexes read the store, announced before they are in place.
    await isBuilt;
    const late = docWith('late', 'b', ['beta'], 3);
    await store.save(late.doc, late.chunks);
    const applied = sync.apply({ added: ['late'], removed: [] });
    release();
    const fresh = await replaced;
    expect(await applied).toBe(2);
    expect(fresh.index.vectors.size).toBe(2);
    expect(fresh.index.vectors.dim).toBe(3);
    expect(old.index.size).toBe(1);
    oldStore.stop();
    newStore.stop();
  });
});
