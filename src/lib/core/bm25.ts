/**
 * An incremental BM25 index (Lucene/Anserini scoring, k1 = 0.9, b = 0.4 by default).
 *
 * Memory is what limits a browser tab at 100k chunks, so each posting is one small integer
 * (slot << 10 | tf) in a plain array per term, and each document's term list lives in one shared
 * typed-array pool. Removal is lazy: a removed slot is marked dead and skipped, document
 * frequencies and lengths are corrected at once (so scores stay exact), and the postings are
 * compacted once dead slots pile up.
 */
import { analyze as defaultAnalyze, type Analyzer } from './analyzer.ts';
import { TopK } from './topk.ts';
import type { Scored } from './types.ts';

export interface Bm25Options {
  k1?: number;
  b?: number;
  /** Must be the same function at index and query time; it is not part of a snapshot. */
  analyzer?: Analyzer;
}

/** Structured-clone friendly (IndexedDB, postMessage). For JSON, typed arrays may be plain number arrays. */
export interface Bm25Snapshot {
  version: 1;
  k1: number;
  b: number;
  ids: string[];
  vocabulary: string[];
  /** Document i owns entries docOffsets[i] .. docOffsets[i+1] of docTerms/docFreqs. */
  docOffsets: Uint32Array | number[];
  docTerms: Uint32Array | number[];
  docFreqs: Uint16Array | number[];
  docLengths: Uint32Array | number[];
}

const TF_BITS = 10;
const TF_MAX = (1 << TF_BITS) - 1;
/** Slots must fit beside the tf in a 31-bit small integer. */
const MAX_SLOTS = 1 << (31 - TF_BITS);

/** Count each term; a null-prototype object so a term such as "constructor" is safe. */
export function termFrequencies(terms: string[]): Record<string, number> {
  const tf: Record<string, number> = Object.create(null);
  for (const t of terms) tf[t] = (tf[t] ?? 0) + 1;
  return tf;
}

function grow<T extends Uint32Array | Uint16Array | Float64Array | Uint8Array>(arr: T, need: number): T {
  if (need <= arr.length) return arr;
  let cap = Math.max(16, arr.length);
  while (cap < need) cap *= 2;
  const next = new (arr.constructor as new (n: number) => T)(cap);
  next.set(arr);
  return next;
}

export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  readonly #analyze: Analyzer;

  #termIds = new Map<string, number>();
  #terms: string[] = [];
  #postings: number[][] = [];
  #df: number[] = [];

  #ids: string[] = [];
  #slotOf = new Map<string, number>();
  #alive = new Uint8Array(0);
  #lengths = new Float64Array(0);
  #docStart = new Uint32Array(0);
  #docCount = new Uint32Array(0);
  #termPool = new Uint32Array(0);
  #tfPool = new Uint16Array(0);
  #poolUsed = 0;

  #live = 0;
  #totalLength = 0;
  #scores = new Float64Array(0);

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 0.9;
    this.b = options.b ?? 0.4;
    this.#analyze = options.analyzer ?? defaultAnalyze;
  }

  get size(): number {
    return this.#live;
  }

  get averageLength(): number {
    return this.#live === 0 ? 0 : this.#totalLength / this.#live;
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /** Index (or re-index) a document from its raw text. */
  add(id: string, text: string): void {
    this.addTerms(id, this.#analyze(text));
  }

  /** Index already-analyzed terms, e.g. analyzed in a worker or read back from storage. */
  addTerms(id: string, terms: string[]): void {
    const counts = new Map<number, number>();
    for (const term of terms) {
      const t = this.#termId(term);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    this.#insert(id, counts, terms.length);
  }

  /** Index stored per-document term counts (see `termFrequencies`). */
  addTermFrequencies(id: string, freqs: Record<string, number>): void {
    const counts = new Map<number, number>();
    let length = 0;
    for (const term in freqs) {
      const n = freqs[term] ?? 0;
      if (n <= 0) continue;
      counts.set(this.#termId(term), n);
      length += n;
    }
    this.#insert(id, counts, length);
  }

  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    this.#slotOf.delete(id);
    this.#alive[slot] = 0;
    this.#ids[slot] = '';
    const start = this.#docStart[slot] as number;
    const end = start + (this.#docCount[slot] as number);
    for (let i = start; i < end; i++) {
      const t = this.#termPool[i] as number;
      this.#df[t] = (this.#df[t] as number) - 1;
    }
    this.#live--;
    this.#totalLength -= this.#lengths[slot] as number;
    const dead = this.#ids.length - this.#live;
    if (dead > 1024 && dead > this.#live / 4) this.#compact();
    return true;
  }

  /**
   * The k best documents for the query; `filter` (return true to keep) is only asked about
   * documents that would make the top k, so it may be moderately expensive.
   */
  search(query: string, k: number, filter?: (id: string) => boolean): Scored[] {
    return this.searchTerms(this.#analyze(query), k, filter);
  }

  searchTerms(queryTerms: string[], k: number, filter?: (id: string) => boolean): Scored[] {
    if (k <= 0 || this.#live === 0) return [];
    const { k1, b } = this;
    const avg = this.averageLength || 1;
    const n = this.#live;
    // A term typed twice counts twice, as in Lucene's query parser.
    const qtf = new Map<number, number>();
    for (const term of queryTerms) {
      const t = this.#termIds.get(term);
      if (t !== undefined && (this.#df[t] as number) > 0) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    }
    if (qtf.size === 0) return [];

    if (this.#scores.length < this.#ids.length) this.#scores = new Float64Array(this.#alive.length);
    const scores = this.#scores;
    const alive = this.#alive;
    const lengths = this.#lengths;
    const touched: number[] = [];
    for (const [t, count] of qtf) {
      const df = this.#df[t] as number;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const weight = count * idf * (k1 + 1);
      const list = this.#postings[t] as number[];
      for (let i = 0; i < list.length; i++) {
        const p = list[i] as number;
        const slot = p >>> TF_BITS;
        if (alive[slot] === 0) continue;
        const tf = p & TF_MAX;
        const norm = k1 * (1 - b + (b * (lengths[slot] as number)) / avg);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + (weight * tf) / (tf + norm);
      }
    }

    const heap = new TopK(Math.min(k, touched.length));
    for (const slot of touched) {
      const score = scores[slot] as number;
      scores[slot] = 0;
      if (!heap.wouldAccept(slot, score)) continue;
      if (filter && !filter(this.#ids[slot] as string)) continue;
      heap.push(slot, score);
    }
    return heap.sorted().map(({ item, score }) => ({ id: this.#ids[item] as string, score }));
  }

  export(): Bm25Snapshot {
    this.#compact();
    const ids = this.#ids.slice();
    const m = ids.length;
    // Re-number terms densely so terms no live document uses are not saved.
    const newId = new Map<number, number>();
    const vocabulary: string[] = [];
    const docTerms = new Uint32Array(this.#poolUsed);
    for (let i = 0; i < this.#poolUsed; i++) {
      const old = this.#termPool[i] as number;
      let t = newId.get(old);
      if (t === undefined) {
        t = vocabulary.length;
        newId.set(old, t);
        vocabulary.push(this.#terms[old] as string);
      }
      docTerms[i] = t;
    }
    const docOffsets = new Uint32Array(m + 1);
    const docLengths = new Uint32Array(m);
    for (let s = 0; s < m; s++) {
      docOffsets[s] = this.#docStart[s] as number;
      docLengths[s] = this.#lengths[s] as number;
    }
    docOffsets[m] = this.#poolUsed;
    return {
      version: 1,
      k1: this.k1,
      b: this.b,
      ids,
      vocabulary,
      docOffsets,
      docTerms,
      docFreqs: this.#tfPool.slice(0, this.#poolUsed),
      docLengths,
    };
  }

  static from(snapshot: Bm25Snapshot, options: Pick<Bm25Options, 'analyzer'> = {}): Bm25Index {
    if (snapshot.version !== 1) throw new Error(`Unsupported BM25 snapshot version ${String(snapshot.version)}`);
    const index = new Bm25Index({ k1: snapshot.k1, b: snapshot.b, ...options });
    const termIds = snapshot.vocabulary.map((term) => index.#termId(term));
    for (let d = 0; d < snapshot.ids.length; d++) {
      const counts = new Map<number, number>();
      const end = snapshot.docOffsets[d + 1] as number;
      for (let i = snapshot.docOffsets[d] as number; i < end; i++) {
        counts.set(termIds[snapshot.docTerms[i] as number] as number, snapshot.docFreqs[i] as number);
      }
      index.#insert(snapshot.ids[d] as string, counts, snapshot.docLengths[d] as number);
    }
    return index;
  }

  #termId(term: string): number {
    let t = this.#termIds.get(term);
    if (t === undefined) {
      t = this.#terms.length;
      this.#termIds.set(term, t);
      this.#terms.push(term);
      this.#postings.push([]);
      this.#df.push(0);
    }
    return t;
  }

  #insert(id: string, counts: Map<number, number>, length: number): void {
    this.remove(id);
    if (this.#ids.length >= MAX_SLOTS) this.#compact();
    if (this.#ids.length >= MAX_SLOTS) throw new RangeError(`BM25 index is full (${MAX_SLOTS} documents)`);
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slotOf.set(id, slot);
    this.#alive = grow(this.#alive, slot + 1);
    this.#lengths = grow(this.#lengths, slot + 1);
    this.#docStart = grow(this.#docStart, slot + 1);
    this.#docCount = grow(this.#docCount, slot + 1);
    this.#termPool = grow(this.#termPool, this.#poolUsed + counts.size);
    this.#tfPool = grow(this.#tfPool, this.#poolUsed + counts.size);
    this.#alive[slot] = 1;
    this.#lengths[slot] = length;
    this.#docStart[slot] = this.#poolUsed;
    this.#docCount[slot] = counts.size;
    for (const [t, tf] of counts) {
      const clamped = Math.min(tf, TF_MAX);
      (this.#postings[t] as number[]).push((slot << TF_BITS) | clamped);
      this.#df[t] = (this.#df[t] as number) + 1;
      this.#termPool[this.#poolUsed] = t;
      this.#tfPool[this.#poolUsed] = Math.min(tf, 0xffff);
      this.#poolUsed++;
    }
    this.#live++;
    this.#totalLength += length;
  }

  /** Drop dead slots: renumber live documents densely and rewrite postings and the term pool. */
  #compact(): void {
    if (this.#live === this.#ids.length) return;
    const oldCount = this.#ids.length;
    const remap = new Int32Array(oldCount).fill(-1);
    const ids: string[] = [];
    for (let s = 0; s < oldCount; s++) if (this.#alive[s] === 1) remap[s] = ids.push(this.#ids[s] as string) - 1;

    for (let t = 0; t < this.#postings.length; t++) {
      const list = this.#postings[t] as number[];
      let w = 0;
      for (let i = 0; i < list.length; i++) {
        const p = list[i] as number;
        const to = remap[p >>> TF_BITS] as number;
        if (to >= 0) list[w++] = (to << TF_BITS) | (p & TF_MAX);
      }
      list.length = w;
    }

    const m = ids.length;
    const lengths = new Float64Array(Math.max(16, m));
    const docStart = new Uint32Array(Math.max(16, m));
    const docCount = new Uint32Array(Math.max(16, m));
    const termPool = new Uint32Array(Math.max(16, this.#poolUsed));
    const tfPool = new Uint16Array(Math.max(16, this.#poolUsed));
    let used = 0;
    for (let s = 0; s < oldCount; s++) {
      const to = remap[s] as number;
      if (to < 0) continue;
      const start = this.#docStart[s] as number;
      const count = this.#docCount[s] as number;
      termPool.set(this.#termPool.subarray(start, start + count), used);
      tfPool.set(this.#tfPool.subarray(start, start + count), used);
      lengths[to] = this.#lengths[s] as number;
      docStart[to] = used;
      docCount[to] = count;
      used += count;
    }
    this.#ids = ids;
    this.#slotOf = new Map(ids.map((id, s) => [id, s]));
    this.#alive = new Uint8Array(Math.max(16, m)).fill(1, 0, m);
    this.#lengths = lengths;
    this.#docStart = docStart;
    this.#docCount = docCount;
    this.#termPool = termPool;
    this.#tfPool = tfPool;
    this.#poolUsed = used;
    this.#scores = new Float64Array(0);
  }
}
