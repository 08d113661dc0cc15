/**
 * Switching the library to another embedder, in IndexedDB, so that search never sees vectors of two
 * models at once: the new vectors are kept in their own store (stagedVectors) while the chunks keep
 * the old ones, which search goes on using; once every passage has a new vector, `commitReembed`
 * puts them in place and marks every document with the new embedder in one transaction. A reload, a
 * crash or a closed window in between leaves the old library whole and the staged vectors ready for
 * the next run to continue from. The job that drives this is workers/library/reembed.ts.
 */
import type { EmbedderModel } from '../catalog/types';
import { openHearthDb, storageError } from './db';
import type { ChunkRecord, StagedVectorRecord } from './schema';

/** What identifies an embedder's vectors here: another revision or size means other vectors. */
export function embedderKey(model: Pick<EmbedderModel, 'id' | 'revision' | 'dimensions'>): string {
  return `${model.id}@${model.revision}/${model.dimensions}`;
}

/** A document whose vectors are not yet the target embedder's, and which of its passages still need one. */
export interface ReembedWork {
  docId: string;
  /** Its passages without a staged vector from the target, in document order. */
  pendingChunkIds: string[];
  chunkCount: number;
}

export interface ReembedPlan {
  work: ReembedWork[];
  /** Passages of those documents. */
  total: number;
  /** Of them, the ones that already have their new vector (from an earlier, interrupted run). */
  done: number;
  /** Staged vectors exist (for this target or another): a commit is due even when there is no work. */
  staged: boolean;
}

/** Where a switch of embedder keeps its progress; IndexedDB in the browser (`idbReembedStore`). */
export interface ReembedStore {
  /** What is left to do to bring every document to `target`; drops vectors staged for another embedder. */
  plan(target: EmbedderModel): Promise<ReembedPlan>;
  /** These chunks (ids from a plan), in the order asked; one that is gone is left out. */
  chunks(ids: readonly string[]): Promise<ChunkRecord[]>;
  /** Keeps new vectors, in one transaction. */
  stage(records: readonly StagedVectorRecord[]): Promise<void>;
  /**
   * The switch itself, in one transaction: every chunk of every document not yet on `target` takes
   * its staged vector, the document is marked with `target`, and the staged store is emptied. When a
   * passage has no staged vector (a document stored since the plan), nothing is changed and it
   * resolves to 'incomplete'. Otherwise to the documents and passages switched.
   */
  commit(target: EmbedderModel): Promise<{ documents: string[]; passages: number } | 'incomplete'>;
}

async function plan(target: EmbedderModel): Promise<ReembedPlan> {
  const db = await openHearthDb();
  const key = embedderKey(target);
  try {
    const tx = db.transaction(['documents', 'chunks', 'stagedVectors'], 'readwrite');
    const stagedStore = tx.objectStore('stagedVectors');
    const stagedTotal = await stagedStore.count();
    const mine = new Set(await stagedStore.index('byEmbedder').getAllKeys(key));
    if (mine.size < stagedTotal) {
      // Vectors of an embedder the person switched away from before it was done.
      for (let c = await stagedStore.openCursor(); c; c = await c.continue()) if (c.value.embedder !== key) void c.delete();
    }
    const work: ReembedWork[] = [];
    let total = 0;
    let done = 0;
    for (const doc of await tx.objectStore('documents').getAll()) {
      if (doc.embedderId === target.id) continue;
      const ids = await tx.objectStore('chunks').index('byDoc').getAllKeys(doc.id);
      const pending = ids.filter((id) => !mine.has(id));
      total += ids.length;
      done += ids.length - pending.length;
      work.push({ docId: doc.id, pendingChunkIds: pending, chunkCount: ids.length });
    }
    await tx.done;
    return { work, total, done, staged: stagedTotal > 0 };
  } catch (error) {
    throw storageError(error);
  }
}

async function chunks(ids: readonly string[]): Promise<ChunkRecord[]> {
  const db = await openHearthDb();
  const store = db.transaction('chunks').objectStore('chunks');
  const found = await Promise.all(ids.map((id) => store.get(id)));
  return found.filter((c): c is ChunkRecord => c !== undefined);
}

async function stage(records: readonly StagedVectorRecord[]): Promise<void> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction('stagedVectors', 'readwrite');
    for (const r of records) void tx.store.put(r);
    await tx.done;
  } catch (error) {
    throw storageError(error);
  }
}

/** Thrown inside the commit's transaction to abort it; never leaves this module. */
class Incomplete extends Error {}

async function commit(target: EmbedderModel): Promise<{ documents: string[]; passages: number } | 'incomplete'> {
  const db = await openHearthDb();
  const key = embedderKey(target);
  const tx = db.transaction(['documents', 'chunks', 'stagedVectors'], 'readwrite');
  const staged = tx.objectStore('stagedVectors');
  const switched: string[] = [];
  let passages = 0;
  try {
    for (let d = await tx.objectStore('documents').openCursor(); d; d = await d.continue()) {
      const doc = d.value;
      if (doc.embedderId === target.id) continue;
      let bytesDelta = 0;
      for (let c = await tx.objectStore('chunks').index('byDoc').openCursor(doc.id); c; c = await c.continue()) {
        const fresh = await staged.get(c.value.id);
        if (!fresh || fresh.embedder !== key) throw new Incomplete();
        bytesDelta += fresh.vector.byteLength - c.value.vector.byteLength;
        void c.update({ ...c.value, vector: fresh.vector });
        passages++;
      }
      void d.update({ ...doc, embedderId: target.id, storedBytes: Math.max(0, doc.storedBytes + bytesDelta) });
      switched.push(doc.id);
    }
    void staged.clear();
    await tx.done;
    return { documents: switched, passages };
  } catch (error) {
    // Whatever stopped it, none of its writes may stand: half the library switched is what this avoids.
    try {
      tx.abort();
    } catch {
      // Already ended (it failed on its own, so nothing was written).
    }
    await tx.done.catch(() => undefined);
    if (error instanceof Incomplete) return 'incomplete';
    throw storageError(error);
  }
}

export const idbReembedStore: ReembedStore = { plan, chunks, stage, commit };
