import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analyzer';
import { encodeHalves } from '../../src/lib/core/float16';
import { normalize } from '../../src/lib/core/normalize';
import { rankChunks, rankChunksWithRelevance } from './rank';
import { SearchIndex } from './search-index';

const CHUNKS: Array<[string, string, number[]]> = [
  ['A:0', 'The storm brought heavy rain to the town.', [1, 0, 0]],
  ['A:1', 'The bank raised its interest rate.', [0, 1, 0]],
  ['B:0', 'Rain fell on the harbour while the storm passed.', [0.8, 0.5, 0]],
  ['B:1', 'Tomato soup with basil.', [0, 0, 1]],
];
const TEXTS = new Map(CHUNKS.map(([id, text]) => [id, text]));
const textsOf = async (ids: string[]) => ids.map((id) => TEXTS.get(id) ?? '');

function setup(): SearchIndex {
  const index = new SearchIndex(3);
  CHUNKS.forEach(([id, text, vec], i) =>
    index.add({ id, docId: id.slice(0, 1), index: i, text, start: 0, end: text.length, terms: analyze(text), vector: encodeHalves(normalize(Float32Array.from(vec))), headingPath: [] }),
  );
  return index;
}

describe('rankChunksWithRelevance', () => {
  it('returns the same hits as rankChunks, and a relevance that does not abstain for a matching query', async () => {
    const index = setup();
    const params = { index, query: 'storm rain town', queryVector: Float32Array.from([1, 0, 0]), k: 2 };
    const { hits, relevance } = await rankChunksWithRelevance(params);
    expect(hits).toEqual(await rankChunks(params));
    expect(relevance.abstain).toBe(false);
    expect(relevance.features.denseTop).toBeCloseTo(1, 2);
    expect(relevance.features.agreement).toBeGreaterThan(0);
  });

  it('abstains for a query the library has no words for, and without a query vector has no dense features', async () => {
    const index = setup();
    const { hits, relevance } = await rankChunksWithRelevance({ index, query: 'volcanic eruption ash', queryVector: null, k: 3 });
    expect(hits).toEqual([]);
    expect(relevance.abstain).toBe(true);
    expect(relevance.features.denseTop).toBeUndefined();
  });

  it('passes the reranker logits through as a feature without changing the reranked order', async () => {
    const index = setup();
    const rerank = async (_q: string, passages: string[]) => passages.map((p) => (p.includes('harbour') ? 5 : 0));
    const params = { index, query: 'storm rain', queryVector: null, k: 2, rerank, textsOf, diversity: 0 };
    const { hits, relevance } = await rankChunksWithRelevance(params);
    expect(hits).toEqual(await rankChunks(params));
    expect(hits[0]?.id).toBe('B:0');
    expect(relevance.features.rerank).toBeCloseTo(1 / (1 + Math.exp(-5)), 6);
  });
});
