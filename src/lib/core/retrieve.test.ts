import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25';
import { hybridSearch } from './retrieve';
import { VectorIndex } from './vector';

/** Documents with hand-made 3-d "embeddings": axis 0 = weather, 1 = money, 2 = food. */
function setup(): { bm25: Bm25Index; vectors: VectorIndex } {
  const docs: Array<[string, string, number[]]> = [
    ['storm', 'The storm brought heavy rain and wind.', [1, 0, 0]],
    ['drizzle', 'Light precipitation fell all afternoon.', [0.9, 0.1, 0]],
    ['bank', 'The bank raised its interest rate.', [0, 1, 0]],
    ['soup', 'Tomato soup with basil.', [0, 0, 1]],
  ];
  const bm25 = new Bm25Index();
  const vectors = new VectorIndex(3);
  for (const [id, text, vec] of docs) {
    bm25.add(id, text);
    vectors.add(id, Float32Array.from(vec));
  }
  return { bm25, vectors };
}

describe('hybridSearch', () => {
  it('is plain BM25 when there is no query vector', () => {
    const { bm25, vectors } = setup();
    const hits = hybridSearch({ bm25, vectors, queryText: 'rain', queryVector: null, k: 3 });
    expect(hits).toEqual(bm25.search('rain', 3));
    expect(hits.map((h) => h.id)).toEqual(['storm']);
  });

  it('finds a paraphrase through the dense side that BM25 alone misses', () => {
    const { bm25, vectors } = setup();
    const queryVector = Float32Array.from([1, 0.05, 0]);
    expect(bm25.search('rain', 5).map((h) => h.id)).not.toContain('drizzle');
    const hits = hybridSearch({ bm25, vectors, queryText: 'rain', queryVector, k: 2 });
    // storm is first in both lists; drizzle is second in the dense list.
    expect(hits.map((h) => h.id)).toEqual(['storm', 'drizzle']);
    expect(hits[0]!.score).toBeCloseTo(2 / 61, 12);
  });

  it('applies the filter to both retrievers and honours k', () => {
    const { bm25, vectors } = setup();
    const queryVector = Float32Array.from([1, 0, 0]);
    const hits = hybridSearch({ bm25, vectors, queryText: 'rain', queryVector, k: 10, filter: (id) => id !== 'storm' });
    expect(hits.map((h) => h.id)).not.toContain('storm');
    expect(hits[0]!.id).toBe('drizzle');
    expect(hybridSearch({ bm25, vectors, queryText: 'rain', queryVector, k: 1 })).toHaveLength(1);
    expect(hybridSearch({ bm25, vectors, queryText: 'rain', queryVector, k: 0 })).toEqual([]);
  });

  it('can blend scores and weight the dense side', () => {
    const { bm25, vectors } = setup();
    const queryVector = Float32Array.from([0, 0, 1]);
    const hits = hybridSearch({
      bm25,
      vectors,
      queryText: 'interest rate',
      queryVector,
      k: 1,
      fusion: { method: 'blend', weights: [1, 3] },
    });
    expect(hits.map((h) => h.id)).toEqual(['soup']);
  });
});
