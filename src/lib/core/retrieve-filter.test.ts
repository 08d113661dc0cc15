/** hybridSearch's id filter on each path: BM25 only, dense only, and fused. */
import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25';
import { hybridSearch } from './retrieve';
import { VectorIndex } from './vector';

/** Chunk ids are "<doc>:<n>"; vectors: axis 0 = weather, 1 = money. */
function setup(): { bm25: Bm25Index; vectors: VectorIndex } {
  const chunks: Array<[string, string, number[]]> = [
    ['a:0', 'The storm brought heavy rain.', [1, 0]],
    ['a:1', 'Rain again, and more rain.', [0.9, 0.1]],
    ['b:0', 'A light drizzle fell on the harbour.', [0.95, 0.05]],
    ['b:1', 'The bank raised its interest rate.', [0, 1]],
  ];
  const bm25 = new Bm25Index();
  const vectors = new VectorIndex(2);
  for (const [id, text, vec] of chunks) {
    bm25.add(id, text);
    vectors.add(id, Float32Array.from(vec));
  }
  return { bm25, vectors };
}

const inDoc = (doc: string) => (id: string) => id.startsWith(`${doc}:`);
const weather = Float32Array.from([1, 0]);

describe('hybridSearch with a filter', () => {
  it('filters the BM25-only path (no query vector)', () => {
    const { bm25, vectors } = setup();
    expect(hybridSearch({ bm25, vectors, queryText: 'rain', queryVector: null, k: 5 }).map((h) => h.id).sort()).toEqual(['a:0', 'a:1']);
    expect(hybridSearch({ bm25, vectors, queryText: 'rain', queryVector: null, k: 5, filter: inDoc('b') })).toEqual([]);
  });

  it('filters the dense side: a paraphrase found only by vectors stays inside the chosen document', () => {
    const { bm25, vectors } = setup();
    // "precipitation" matches no word, so every hit comes from the dense side.
    const all = hybridSearch({ bm25, vectors, queryText: 'precipitation', queryVector: weather, k: 2 });
    expect(all.map((h) => h.id)).toEqual(['a:0', 'b:0']);
    const onlyB = hybridSearch({ bm25, vectors, queryText: 'precipitation', queryVector: weather, k: 2, filter: inDoc('b') });
    expect(onlyB.map((h) => h.id)).toEqual(['b:0', 'b:1']);
  });

  it('fills k from the allowed chunks even when better chunks are filtered out, and never exceeds them', () => {
    const { bm25, vectors } = setup();
    const hits = hybridSearch({ bm25, vectors, queryText: 'rain storm', queryVector: weather, k: 10, filter: inDoc('a') });
    expect(hits.map((h) => h.id).sort()).toEqual(['a:0', 'a:1']);
    const narrow = hybridSearch({ bm25, vectors, queryText: 'rain storm', queryVector: weather, k: 1, candidates: 1, filter: inDoc('b') });
    expect(narrow.map((h) => h.id)).toEqual(['b:0']);
  });
});
