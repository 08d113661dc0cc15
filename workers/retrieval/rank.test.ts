import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analyzer';
import { encodeHalves } from '../../src/lib/core/float16';
import { normalize } from '../../src/lib/core/normalize';
import { CANDIDATE_POOL, rankChunks } from './rank';
import { SearchIndex } from './search-index';

/** The chunk texts, as storage would give them for the reranker. */
const TEXTS = new Map<string, string>();
const textsOf = async (ids: string[]) => ids.map((id) => TEXTS.get(id) ?? '');

/** Two documents with hand-made 3-d "embeddings": axis 0 = weather, 1 = money, 2 = food. */
function setup(): SearchIndex {
  const chunks: Array<[string, string, string, number[]]> = [
    ['A:0', 'A', 'The storm brought heavy rain to the town.', [1, 0, 0]],
    ['A:1', 'A', 'The storm brought heavy rain to the town and the coast.', [0.99, 0.05, 0]], // near-duplicate of A:0
    ['A:2', 'A', 'The bank raised its interest rate.', [0, 1, 0]],
    ['B:0', 'B', 'Rain fell on the harbour while the storm passed.', [0.8, 0.5, 0]],
    ['B:1', 'B', 'Tomato soup with basil.', [0, 0, 1]],
    ['B:2', 'B', 'Light precipitation all afternoon.', [0.95, 0, 0.1]],
  ];
  const index = new SearchIndex(3);
  for (const [id, , text] of chunks) TEXTS.set(id, text);
  chunks.forEach(([id, docId, text, vec], i) =>
    index.add({ id, docId, index: i, text, start: 0, end: text.length, terms: analyze(text), vector: encodeHalves(normalize(Float32Array.from(vec))), headingPath: [] }),
  );
  return index;
}

const weather = Float32Array.from([1, 0, 0]);
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('rankChunks', () => {
  it('with diversity 0 is the fused order, cut to k', async () => {
    const index = setup();
    const hits = await rankChunks({ index, query: 'storm rain', queryVector: weather, k: 3, diversity: 0 });
    expect(hits).toEqual(index.search('storm rain', weather, 3));
    expect(ids(hits).slice(0, 2)).toEqual(['A:0', 'A:1']);
  });

  it('by default (MMR, lambda 0.7) skips the near-duplicate chunk for a different passage', async () => {
    const index = setup();
    const hits = await rankChunks({ index, query: 'storm rain', queryVector: weather, k: 2 });
    expect(ids(hits)[0]).toBe('A:0');
    expect(ids(hits)).not.toContain('A:1');
    expect(hits).toHaveLength(2);
  });

  it('reranks the fused pool by the cross-encoder scores, then cuts to k', async () => {
    const index = setup();
    const seen: string[][] = [];
    const rerank = async (_q: string, passages: string[]) => {
      seen.push(passages);
      return passages.map((p) => (p.includes('harbour') ? 5 : p.includes('precipitation') ? 4 : 0));
    };
    const hits = await rankChunks({ index, query: 'storm rain', queryVector: weather, k: 2, rerank, textsOf, diversity: 0 });
    expect(ids(hits)).toEqual(['B:0', 'B:2']);
    expect(hits.map((h) => h.score)).toEqual([5, 4]);
    // The reranker saw every fused candidate (up to the pool size), not only the top k.
    expect(seen).toHaveLength(1);
    expect(seen[0]!.length).toBe(Math.min(CANDIDATE_POOL, 6));
  });

  describe('document filter', () => {
    it('applies on the BM25-only path (no query vector)', async () => {
      const hits = await rankChunks({ index: setup(), query: 'storm rain', queryVector: null, k: 5, docIds: ['B'] });
      expect(ids(hits)).toEqual(['B:0']);
    });

    it('applies on the dense path (a paraphrase BM25 cannot match)', async () => {
      const index = setup();
      const all = await rankChunks({ index, query: 'drizzle', queryVector: weather, k: 2, diversity: 0 });
      expect(ids(all)).toEqual(['A:0', 'A:1']);
      const onlyB = await rankChunks({ index, query: 'drizzle', queryVector: weather, k: 2, docIds: ['B'], diversity: 0 });
      expect(ids(onlyB)).toEqual(['B:2', 'B:0']);
    });

    it('applies before reranking: the reranker only sees chunks of the chosen documents', async () => {
      const index = setup();
      const seen: string[] = [];
      const rerank = async (_q: string, passages: string[]) => {
        seen.push(...passages);
        return passages.map(() => 1);
      };
      const hits = await rankChunks({ index, query: 'storm rain', queryVector: weather, k: 10, docIds: ['A'], rerank, textsOf });
      expect(new Set(ids(hits))).toEqual(new Set(['A:0', 'A:1', 'A:2']));
      expect(seen.every((p) => !p.includes('harbour') && !p.includes('soup') && !p.includes('precipitation'))).toBe(true);
    });

    it('returns nothing for an empty list of documents, and nothing for k = 0', async () => {
      expect(await rankChunks({ index: setup(), query: 'storm', queryVector: weather, k: 5, docIds: [] })).toEqual([]);
      expect(await rankChunks({ index: setup(), query: 'storm', queryVector: weather, k: 0 })).toEqual([]);
    });
  });

  it('passes a reranker failure on', async () => {
    const rerank = () => Promise.reject(new Error('model gone'));
    await expect(rankChunks({ index: setup(), query: 'storm', queryVector: weather, k: 2, rerank, textsOf })).rejects.toThrow('model gone');
  });
});
