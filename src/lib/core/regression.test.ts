/**
 * Retrieval regression: fixed queries over a fixed corpus must keep their reviewed rankings
 * (fixtures/expected-rankings.json). A failure means ranking behaviour changed: check whether the
 * new order is better before updating the expected file.
 */
import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25';
import expected from './fixtures/expected-rankings.json';
import { CORPUS, QUERIES } from './fixtures/corpus';

const rankings = expected.rankings as Record<string, { top1: string; top3: string[] }>;

describe('retrieval regression (fixed corpus)', () => {
  const index = new Bm25Index();
  for (const doc of CORPUS) index.add(doc.id, `${doc.title}\n${doc.text}`);

  it('has an expectation for every query', () => {
    expect(Object.keys(rankings).sort()).toEqual(QUERIES.map((q) => q.id).sort());
  });

  it.each(QUERIES)('$id: "$text"', ({ id, text }) => {
    const hits = index.search(text, 3).map((h) => h.id);
    expect(hits[0]).toBe(rankings[id]!.top1);
    expect(hits).toEqual(rankings[id]!.top3);
  });
});
