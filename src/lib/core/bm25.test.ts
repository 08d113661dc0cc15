import { describe, expect, it } from 'vitest';
import { Bm25Index, termFrequencies } from './bm25';

/** Three documents given as terms, so the scores below depend on BM25 alone, not the analyzer. */
function tiny(): Bm25Index {
  const index = new Bm25Index();
  index.addTerms('d1', ['cat', 'sat', 'mat']);
  index.addTerms('d2', ['cat', 'cat', 'dog']);
  index.addTerms('d3', ['dog', 'bird', 'tree', 'sky']);
  return index;
}

const split = (text: string) => text.split(' ').filter(Boolean);

describe('Bm25Index scoring', () => {
  // N = 3, avgdl = 10/3, k1 = 0.9, b = 0.4.
  // idf(cat) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6 = 0.470004
  // norm(len 3) = 0.9 × (0.6 + 0.4 × 3 / (10/3)) = 0.864
  // d1: 0.470004 × 1 × 1.9 / (1 + 0.864) = 0.479081;  d2: 0.470004 × 2 × 1.9 / (2 + 0.864) = 0.623608
  it('matches hand-computed BM25 scores', () => {
    const hits = tiny().searchTerms(['cat'], 10);
    expect(hits.map((h) => h.id)).toEqual(['d2', 'd1']);
    expect(hits[0]!.score).toBeCloseTo(0.6236082, 6);
    expect(hits[1]!.score).toBeCloseTo(0.4790810, 6);
  });

  // idf(bird) = ln(1 + 2.5 / 1.5) = 0.980829; norm(len 4) = 0.9 × (0.6 + 0.48) = 0.972
  // d3: (0.470004 + 0.980829) × 1.9 / 1.972 = 1.397861;  d2 (dog only): 0.479081
  it('sums over query terms', () => {
    const hits = tiny().searchTerms(['dog', 'bird'], 10);
    expect(hits.map((h) => h.id)).toEqual(['d3', 'd2']);
    expect(hits[0]!.score).toBeCloseTo(1.3978613, 6);
    expect(hits[1]!.score).toBeCloseTo(0.4790810, 6);
  });

  it('counts a repeated query term twice, as Lucene does', () => {
    const once = tiny().searchTerms(['cat'], 1)[0]!.score;
    const twice = tiny().searchTerms(['cat', 'cat'], 1)[0]!.score;
    expect(twice).toBeCloseTo(2 * once, 10);
  });

  it('honours k, unknown terms and the filter', () => {
    const index = tiny();
    expect(index.searchTerms(['cat'], 1).map((h) => h.id)).toEqual(['d2']);
    expect(index.searchTerms(['unicorn'], 5)).toEqual([]);
    expect(index.searchTerms(['cat'], 0)).toEqual([]);
    expect(index.searchTerms(['cat'], 5, (id) => id !== 'd2').map((h) => h.id)).toEqual(['d1']);
  });

  it('analyzes text with the configured analyzer on both sides', () => {
    const index = new Bm25Index({ analyzer: split });
    index.add('a', 'Cat Dog');
    expect(index.search('Cat', 5).map((h) => h.id)).toEqual(['a']);
    expect(index.search('cat', 5)).toEqual([]);
    const english = new Bm25Index();
    english.add('run', 'She was running fast');
    expect(english.search('runs', 5).map((h) => h.id)).toEqual(['run']);
  });
});

describe('Bm25Index updates', () => {
  // After removing d1: N = 2, avgdl = 3.5, df(cat) = 1 → idf = ln(1 + 1.5/1.5) = ln 2
  // d2: ln 2 × 2 × 1.9 / (2 + 0.9 × (0.6 + 0.4 × 3/3.5)) = 0.924660
  it('remove() updates document frequencies and lengths exactly', () => {
    const index = tiny();
    expect(index.remove('d1')).toBe(true);
    expect(index.remove('d1')).toBe(false);
    expect(index.has('d1')).toBe(false);
    expect(index.size).toBe(2);
    const hits = index.searchTerms(['cat'], 10);
    expect(hits.map((h) => h.id)).toEqual(['d2']);
    expect(hits[0]!.score).toBeCloseTo(0.9246597, 6);
    expect(index.searchTerms(['mat'], 10)).toEqual([]);
  });

  it('re-adding an id replaces the document', () => {
    const index = tiny();
    index.addTerms('d1', ['zebra']);
    expect(index.size).toBe(3);
    expect(index.searchTerms(['mat'], 10)).toEqual([]);
    expect(index.searchTerms(['zebra'], 10).map((h) => h.id)).toEqual(['d1']);
  });

  it('scores the same after heavy churn (compaction) as a fresh index', () => {
    const churned = new Bm25Index();
    const fresh = new Bm25Index();
    const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma'];
    const doc = (i: number) => Array.from({ length: 3 + (i % 5) }, (_, j) => words[(i * 7 + j * 3) % words.length]!);
    for (let i = 0; i < 5000; i++) churned.addTerms(`d${i}`, doc(i));
    for (let i = 0; i < 5000; i++) if (i % 3 !== 0) churned.remove(`d${i}`);
    for (let i = 0; i < 5000; i += 3) fresh.addTerms(`d${i}`, doc(i));
    expect(churned.size).toBe(fresh.size);
    for (const q of [['alpha'], ['beta', 'omega'], ['sigma', 'sigma', 'gamma']]) {
      const a = churned.searchTerms(q, 20);
      const b = fresh.searchTerms(q, 20);
      expect(a.map((h) => h.score)).toEqual(b.map((h) => h.score));
      expect(new Set(a.map((h) => h.id))).toEqual(new Set(b.map((h) => h.id)));
    }
  });

  it('indexes stored term frequencies like the terms themselves', () => {
    const a = new Bm25Index();
    const b = new Bm25Index();
    const docs = { x: ['cat', 'sat', 'cat'], y: ['dog', 'sat'], z: ['constructor', 'toString'] };
    for (const [id, terms] of Object.entries(docs)) {
      a.addTerms(id, terms);
      b.addTermFrequencies(id, termFrequencies(terms));
    }
    expect(termFrequencies(['cat', 'sat', 'cat'])).toEqual({ cat: 2, sat: 1 });
    for (const q of [['cat'], ['sat'], ['constructor']]) expect(b.searchTerms(q, 5)).toEqual(a.searchTerms(q, 5));
  });
});

describe('Bm25Index snapshots', () => {
  it('round-trips through structuredClone with identical results', () => {
    const index = tiny();
    index.addTerms('d4', ['cat', 'bird', 'bird']);
    index.remove('d3');
    const restored = Bm25Index.from(structuredClone(index.export()));
    expect(restored.size).toBe(3);
    expect(restored.k1).toBe(0.9);
    for (const q of [['cat'], ['bird'], ['dog', 'mat'], ['tree']]) {
      expect(restored.searchTerms(q, 10)).toEqual(index.searchTerms(q, 10));
    }
  });

  it('round-trips through JSON when typed arrays are stored as plain arrays', () => {
    const index = tiny();
    const snap = index.export();
    const json = JSON.parse(
      JSON.stringify(snap, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Uint32Array) : value)),
    );
    const restored = Bm25Index.from(json);
    expect(restored.searchTerms(['dog', 'bird'], 10)).toEqual(index.searchTerms(['dog', 'bird'], 10));
  });

  it('keeps its own k1 and b', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 });
    index.addTerms('a', ['x']);
    const restored = Bm25Index.from(index.export());
    expect([restored.k1, restored.b]).toEqual([1.2, 0.75]);
  });
});
