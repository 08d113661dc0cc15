/** The passages of a stored document with their vectors, read from IndexedDB (float16, as stored) and decoded. */
import type { Page } from '@playwright/test';

export interface StoredPassage {
  index: number;
  text: string;
  vector: number[];
}

export async function storedPassages(page: Page, docName: string): Promise<StoredPassage[]> {
  return page.evaluate(async (name) => {
    const half = (h: number) => {
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
      if (exp === 31) return frac ? NaN : sign * Infinity;
      return sign * 2 ** (exp - 15) * (1 + frac / 1024);
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hearth');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    const docs = await all<{ id: string; name: string }>('documents');
    const doc = docs.find((d) => d.name === name);
    const chunks = doc ? (await all<{ docId: string; index: number; text: string; vector: Uint16Array }>('chunks')).filter((c) => c.docId === doc.id) : [];
    db.close();
    return chunks.sort((a, b) => a.index - b.index).map((c) => ({ index: c.index, text: c.text, vector: Array.from(c.vector, half) }));
  }, docName);
}

export { cosine } from '../../src/lib/core/cosine';
