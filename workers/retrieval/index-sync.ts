/**
 * Keeps the retrieval worker's indexes in step with the document store, which the library worker
 * (of this window or another) writes: documents stored are read and added, documents deleted are
 * taken out, and a fresh snapshot is written soon after. Changes are applied one at a time, after
 * the indexes have loaded, and each at most once (the same change can arrive from the page and from
 * the broadcast channel). A document's vectors are indexed only when the index's embedder made them.
 */
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { LibrarySync } from '../retrieval.protocol';
import type { IndexStore } from './index-store';
import type { SearchIndex } from './search-index';

export interface IndexedLibrary {
  index: SearchIndex;
  indexStore: IndexStore;
  /** Names of the documents in the index, by id. */
  docNames: Map<string, string>;
}

export class IndexSync {
  readonly #documents: DocumentStore;
  #lane: Promise<unknown>;
  #library: IndexedLibrary | null = null;

  /** `loaded`: resolves to the indexes once they are loaded; changes wait for it. */
  constructor(documents: DocumentStore, loaded: Promise<IndexedLibrary>) {
    this.#documents = documents;
    // A load that fails leaves the lane usable: `replace` brings the indexes of a later one.
    this.#lane = loaded.then((library) => (this.#library = library)).catch(() => undefined);
  }

  /**
   * Swaps in other indexes (the library switched to another embedder): built in the lane, after every
   * change before, so a change that arrives meanwhile is applied to the new indexes, not lost with
   * the old ones. Resolves to them; a failed build leaves the old ones in place.
   */
  replace<T extends IndexedLibrary>(build: () => Promise<T>): Promise<T> {
    const run = this.#lane.then(build);
    this.#lane = run.then((library) => (this.#library = library)).catch(() => undefined);
    return run;
  }

  /** Applies a change (after every change before it); resolves to the chunks now indexed. */
  apply(change: LibrarySync): Promise<number> {
    const run = this.#lane.then(() => this.#apply(change));
    this.#lane = run.catch(() => undefined);
    return run;
  }

  async #apply({ added, removed }: LibrarySync): Promise<number> {
    const library = this.#library;
    if (!library) return 0;
    const { index, indexStore, docNames } = library;
    let changed = false;
    const gone = new Set(removed.filter((id) => docNames.has(id)));
    if (gone.size > 0) {
      const chunkIds = [...index.entries()].flatMap(([id, meta]) => (gone.has(meta.docId) ? [id] : []));
      for (const id of chunkIds) index.remove(id);
      for (const id of gone) docNames.delete(id);
      await indexStore.discardSnapshot();
      changed = true;
    }
    for (const docId of added) {
      if (docNames.has(docId) || removed.includes(docId)) continue;
      const doc = await this.#documents.get(docId).catch(() => null); // deleted again meanwhile
      if (!doc) continue;
      const ownVectors = doc.embedderId === indexStore.embedderId;
      for (const chunk of await this.#documents.chunksOf(docId)) index.add(chunk, ownVectors);
      docNames.set(docId, doc.name);
      changed = true;
    }
    if (changed) indexStore.changed(index);
    return index.size;
  }
}
