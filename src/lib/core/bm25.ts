/**
 * An incremental BM25 index (Lucene/Anserini scoring, k1 = 0.9, b = 0.4 by default).
 *
 * Memory is what limits a browser tab at 100k chunks, so each posting is one small integer
 * (slot << 10 | tf) in a plain array per term, and per-document data lives in typed-array pools
 * (bm25-docs.ts). Removal is lazy: a removed slot is marked dead and skipped, document frequencies
 * and lengths are corrected at once (so scores stay exact), and postings are compacted once dead
 * slots pile up.
 */
import { analyze as defaultAnalyze, type Analyzer } from './analyzer';
import { DocTable } from './bm25-docs';
import { TopK } from './topk';
import type { Scored } from './types';

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
/** BM25 saturates long before this, so clamping a larger tf changes nothing measurable. */
const TF_MAX = (1 << TF_BITS) - 1;
/** Slots must fit beside the tf in a 31-bit small integer. */
const MAX_SLOTS = 1 << (31 - TF_BITS);

/** Lucene's BM25 IDF for a term in `df` of `n` documents; always > 0, log(1 + 2n + 1) for an unseen term. */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Count each term; a null-prototype object so a term such as "constructor" is safe. */
export function termFrequencies(terms: string[]): Record<string, number> {
  const tf: Record<string, number> = Object.create(null);
  for (const t of terms) tf[t] = (tf[t] ?? 0) + 1;
  return tf;
}

export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  readonly #analyze: Analyzer;

  #termIds = new Map<string, number>();
  #terms: string[] = [];
  #postings: number[][] = [];
  /** Live documents containing each term. */
  #df: number[] = [];
  #docs = new DocTable();
  #scores = new Float64Array(0);

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 0.9;
    this.b = options.b ?? 0.4;
    this.#analyze = options.analyzer ?? defaultAnalyze;
  }

  get size(): number {
    return this.#docs.live;
  }

  get averageLength(): number {
    return this.#docs.live === 0 ? 0 : this.#docs.totalLength / this.#docs.live;
  }

  has(id: string): boolean {
    return this.#docs.has(id);
  }

  /** The query's terms, analyzed as `search` analyzes them. */
  queryTerms(query: string): string[] {
    return this.#analyze(query);
  }

  /** Live documents containing the (analyzed) term; 0 for a term no document has. */
  documentFrequency(term: string): number {
    const t = this.#termIds.get(term);
    return t === undefined ? 0 : (this.#df[t] as number);
  }

  /** The term's IDF as search scores it; for a term no document has, the largest IDF possible (df = 0). */
  idf(term: string): number {
    return bm25Idf(this.#docs.live, this.documentFrequency(term));
  }

  /** How often the (analyzed) term occurs in the document; 0 when either is absent. */
  termFrequency(id: string, term: string): number {
    const slot = this.#docs.slotOf(id);
    const t = this.#termIds.get(term);
    if (slot === undefined || t === undefined) return 0;
    const terms = this.#docs.terms(slot);
    for (let i = 0; i < terms.length; i++) if (terms[i] === t) return this.#docs.freqs(slot)[i] as number;
    return 0;
  }

  /** The document's length in terms (0 when absent). */
  documentLength(id: string): number {
    const slot = this.#docs.slotOf(id);
    return slot === undefined ? 0 : (this.#docs.lengths[slot] as number);
  }

  /** The BM25 score `searchTerms` gives this document for the query (0 when absent or unmatched). */
  scoreTerms(id: string, queryTerms: string[]): number {
    const slot = this.#docs.slotOf(id);
    if (slot === undefined) return 0;
    const n = this.#docs.live;
    const norm = this.k1 * (1 - this.b + (this.b * (this.#docs.lengths[slot] as number)) / (this.averageLength || 1));
    let score = 0;
    for (const [term, count] of Object.entries(termFrequencies(queryTerms))) {
      const df = this.documentFrequency(term);
      if (df === 0) continue;
      const tf = Math.min(this.termFrequency(id, term), TF_MAX);
      if (tf > 0) score += (count * bm25Idf(n, df) * (this.k1 + 1) * tf) / (tf + norm);
    }
    return score;
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
    const terms = this.#docs.remove(id);
    if (!terms) return false;
    for (const t of terms) this.#df[t] = (this.#df[t] as number) - 1;
    const dead = this.#docs.slots - this.#docs.live;
    if (dead > 1024 && dead > this.#docs.live / 4) this.#compact();
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
    const docs = this.#docs;
    if (k <= 0 || docs.live === 0) return [];
    const { k1, b } = this;
    const avg = this.averageLength || 1;
    const n = docs.live;
    // A term typed twice counts twice, as in Lucene's query parser.
    const qtf = new Map<number, number>();
    for (const term of queryTerms) {
      const t = this.#termIds.get(term);
      if (t !== undefined && (this.#df[t] as number) > 0) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    }
    if (qtf.size === 0) return [];

    if (this.#scores.length < docs.slots) this.#scores = new Float64Array(docs.alive.length);
    const scores = this.#scores;
    const alive = docs.alive;
    const lengths = docs.lengths;
    const touched: number[] = [];
    for (const [t, count] of qtf) {
      const df = this.#df[t] as number;
      const idf = bm25Idf(n, df);
      const weight = count * idf * (k1 + 1);
      const list = this.#postings[t] as number[];
      for (let i = 0; i < list.length; i++) {
        const p = list[i] as number;
        const slot = p >>> TF_BITS;
        if (alive[slot] === 0) continue;
        const tf = p & TF_MAX;
        const norm = k1 * (1 - b + (b * (lengths[slot] as number)) / avg);
        // Every contribution is > 0 (idf > 0, tf ≥ 1), so 0 means "not touched yet".
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + (weight * tf) / (tf + norm);
      }
    }

    const heap = new TopK(Math.min(k, touched.length));
    for (const slot of touched) {
      const score = scores[slot] as number;
      scores[slot] = 0;
      if (!heap.wouldAccept(slot, score)) continue;
      if (filter && !filter(docs.idAt(slot))) continue;
      heap.push(slot, score);
    }
    return heap.sorted().map(({ item, score }) => ({ id: docs.idAt(item), score }));
  }

  export(): Bm25Snapshot {
    this.#compact();
    const docs = this.#docs;
    const m = docs.slots;
    const ids: string[] = [];
    const docOffsets = new Uint32Array(m + 1);
    const docLengths = new Uint32Array(m);
    let total = 0;
    for (let s = 0; s < m; s++) {
      ids.push(docs.idAt(s));
      docOffsets[s] = total;
      docLengths[s] = docs.lengths[s] as number;
      total += docs.terms(s).length;
    }
    docOffsets[m] = total;
    // Re-number terms densely so terms no live document uses are not saved.
    const newId = new Map<number, number>();
    const vocabulary: string[] = [];
    const docTerms = new Uint32Array(total);
    const docFreqs = new Uint16Array(total);
    for (let s = 0, w = 0; s < m; s++) {
      const terms = docs.terms(s);
      docFreqs.set(docs.freqs(s), w);
      for (const old of terms) {
        let t = newId.get(old);
        if (t === undefined) {
          t = vocabulary.push(this.#terms[old] as string) - 1;
          newId.set(old, t);
        }
        docTerms[w++] = t;
      }
    }
    return { version: 1, k1: this.k1, b: this.b, ids, vocabulary, docOffsets, docTerms, docFreqs, docLengths };
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
    if (this.#docs.slots >= MAX_SLOTS) this.#compact();
    if (this.#docs.slots >= MAX_SLOTS) throw new RangeError(`BM25 index is full (${MAX_SLOTS} documents)`);
    const slot = this.#docs.add(id, counts, length);
    for (const [t, tf] of counts) {
      (this.#postings[t] as number[]).push((slot << TF_BITS) | Math.min(tf, TF_MAX));
      this.#df[t] = (this.#df[t] as number) + 1;
    }
  }

  /** Drop dead slots from the document table and rewrite every posting list to the new slots. */
  #compact(): void {
    const remap = this.#docs.compact();
    if (!remap) return;
    for (const list of this.#postings) {
      let w = 0;
      for (let i = 0; i < list.length; i++) {
        const p = list[i] as number;
        const to = remap[p >>> TF_BITS] as number;
        if (to >= 0) list[w++] = (to << TF_BITS) | (p & TF_MAX);
      }
      list.length = w;
    }
    this.#scores = new Float64Array(0);
  }
}
