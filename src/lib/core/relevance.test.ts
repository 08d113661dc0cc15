import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25';
import { BM25_RELEVANCE_MODEL, assessRelevance, relevanceFeatures, scoreRelevance, type Relevance } from './relevance';

const DOCS = [
  'The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France.',
  'They were descended from Norse raiders and pirates from Denmark, Iceland and Norway who swore fealty to King Charles III.',
  'The storm brought heavy rain to the town and flooded the harbour for three days.',
  'The central bank raised its interest rate to slow inflation, and mortgage costs rose.',
  'Photosynthesis converts light energy into chemical energy stored in glucose inside chloroplasts.',
  'The Amazon river carries more water than any other river and drains much of South America.',
  'Marie Curie won Nobel prizes in physics and chemistry for her research on radioactivity.',
  'The treaty of Westphalia ended the Thirty Years War in 1648 and reshaped the map of Europe.',
  'Jazz grew out of blues and ragtime in New Orleans at the start of the twentieth century.',
  'A compiler translates source code written in a high-level language into machine instructions.',
  'Mount Everest, on the border of Nepal and China, is the highest mountain above sea level.',
  'The human heart pumps blood through arteries and veins, beating about seventy times a minute.',
  'Tea was first cultivated in China and later spread along trade routes to India and Japan.',
  'The printing press of Johannes Gutenberg made books cheap and spread literacy across Europe.',
  'Volcanic eruptions release ash and sulfur dioxide that can cool the climate for a year or two.',
  'Honey bees communicate the location of flowers to the hive with a waggle dance.',
];

function library(docs: string[], prefix = ''): Bm25Index {
  const index = new Bm25Index();
  docs.forEach((text, i) => index.add(`${prefix}${i}`, text));
  return index;
}

/** What the worker does: the BM25 top 20 as candidates. */
function relevance(index: Bm25Index, query: string): Relevance {
  const queryTerms = index.queryTerms(query);
  return assessRelevance({ queryTerms, index, candidates: index.searchTerms(queryTerms, 20) });
}

/** Made-up words from a deterministic generator: documents that share no term with DOCS. */
function unrelated(count: number): string[] {
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const syllables = ['zor', 'qua', 'vix', 'mub', 'trel', 'pok', 'yag', 'fen', 'dro', 'wix', 'lun', 'sab'];
  const word = () => Array.from({ length: 3 }, () => syllables[Math.floor(next() * syllables.length)]).join('');
  return Array.from({ length: count }, () => Array.from({ length: 12 + Math.floor(next() * 10) }, word).join(' '));
}

const QUERIES = [
  'Who gave their name to Normandy in the 10th and 11th centuries?',
  'What converts light energy into chemical energy?',
  'Which treaty ended the Thirty Years War?',
  'What did the central bank do about inflation?',
  'Who swore fealty to King Charles?',
  'How do honey bees tell the hive where flowers are?',
  'What is the capital of Australia?',
  'When was the quantum chromodynamics Lagrangian written down?',
];

describe('relevance', () => {
  it('is unchanged (within 0.01) when every document is in the library twice', () => {
    const once = library(DOCS);
    const twice = library(DOCS);
    DOCS.forEach((text, i) => twice.add(`copy${i}`, text));
    for (const q of QUERIES) {
      const a = relevance(once, q);
      const b = relevance(twice, q);
      expect(Math.abs(a.score - b.score), q).toBeLessThan(0.01);
      expect(b.abstain, q).toBe(a.abstain);
      expect(Math.abs((a.features.scoreRatio ?? 0) - (b.features.scoreRatio ?? 0)), q).toBeLessThan(0.005);
      expect(b.features.coverage, q).toBeCloseTo(a.features.coverage ?? 0, 2);
    }
  });

  it('moves little (within 0.1) when many unrelated documents join the library, where the raw score grows', () => {
    const small = library(DOCS);
    const large = library(DOCS);
    unrelated(2000).forEach((text, i) => large.add(`other${i}`, text));
    expect(large.size).toBe(DOCS.length + 2000);
    for (const q of QUERIES) {
      const a = relevance(small, q);
      const b = relevance(large, q);
      expect(Math.abs(a.score - b.score), q).toBeLessThan(0.1);
      expect(b.abstain, q).toBe(a.abstain);
    }
    // The raw top score is what would not transfer: it grows with log N.
    const q = QUERIES[1] as string;
    expect(relevance(large, q).features.topScore).toBeGreaterThan(1.5 * (relevance(small, q).features.topScore ?? 0));
  });

  it('abstains for a query whose terms the library lacks', () => {
    const index = library(DOCS);
    const r = relevance(index, 'When was the quantum chromodynamics Lagrangian written down?');
    expect(r.abstain).toBe(true);
    expect(r.score).toBeLessThan(BM25_RELEVANCE_MODEL.abstainBelow);
    expect(relevance(index, 'What is the capital of Australia?').abstain).toBe(true);
    // Nothing at all matches: no candidates, every share 0.
    const none = relevance(index, 'xylophone zeppelin');
    expect(none.abstain).toBe(true);
    expect(none.features).toMatchObject({ terms: 2, topScore: 0, scoreRatio: 0, coverage: 0, knownTerms: 0 });
  });

  it('does not abstain for an exact phrase from a document, nor for a question its words answer', () => {
    const index = library(DOCS);
    const phrase = relevance(index, 'converts light energy into chemical energy stored in glucose');
    expect(phrase.abstain).toBe(false);
    expect(phrase.score).toBeGreaterThan(0.9);
    expect(phrase.features.coverage).toBe(1);
    expect(phrase.features.termCoverage).toBe(1);
    for (const q of QUERIES.slice(0, 6)) expect(relevance(index, q).abstain, q).toBe(false);
  });

  it('abstains with score 0 when no query term is left after analysis', () => {
    const index = library(DOCS);
    const r = relevance(index, 'What is it, and who was there?');
    expect(index.queryTerms('What is it, and who was there?')).toEqual([]);
    expect(r).toEqual({ score: 0, abstain: true, features: expect.objectContaining({ terms: 0, scoreRatio: 0, coverage: 0 }) });
  });

  it('works in a library of one document', () => {
    const index = library([DOCS[4] as string]);
    expect(relevance(index, 'Where is chemical energy stored in photosynthesis?').abstain).toBe(false);
    expect(relevance(index, 'Which treaty ended the Thirty Years War?').abstain).toBe(true);
    const r = relevance(index, 'photosynthesis');
    expect(r.features.scoreRatio).toBeGreaterThan(0);
    expect(r.features.scoreRatio).toBeLessThanOrEqual(1);
    expect(Number.isFinite(r.score)).toBe(true);
  });

  it('and in an empty library', () => {
    const r = relevance(new Bm25Index(), 'photosynthesis');
    expect(r.abstain).toBe(true);
    expect(r.features.topScore).toBe(0);
  });

  it("reads the index's own BM25 scores: scoreTerms equals search", () => {
    const index = library(DOCS);
    const terms = index.queryTerms('energy of the river and the heart, energy');
    for (const hit of index.searchTerms(terms, 20)) expect(index.scoreTerms(hit.id, terms)).toBeCloseTo(hit.score, 10);
    expect(index.scoreTerms('missing', terms)).toBe(0);
    expect(index.termFrequency('4', 'energi')).toBe(2);
    expect(index.documentFrequency('energi')).toBe(1);
    expect(index.idf('nosuchterm')).toBeGreaterThan(index.idf('energi'));
  });

  it('scores by the best BM25 candidate, whatever order the fused list has', () => {
    const index = library(DOCS);
    const queryTerms = index.queryTerms('Which treaty ended the Thirty Years War?');
    const hits = index.searchTerms(queryTerms, 20);
    const reversed = assessRelevance({ queryTerms, index, candidates: [...hits].reverse() });
    expect(reversed).toEqual(assessRelevance({ queryTerms, index, candidates: hits }));
  });

  it('reports dense agreement and the reranker when given, but the shipped model does not weigh them', () => {
    const index = library(DOCS);
    const queryTerms = index.queryTerms('Which treaty ended the Thirty Years War?');
    const hits = index.searchTerms(queryTerms, 20);
    const plain = assessRelevance({ queryTerms, index, candidates: hits });
    expect(plain.features.denseTop).toBeUndefined();
    const agreeing = hits.map((h, i) => ({ id: h.id, dense: 0.9 - i * 0.1, rerank: i === 0 ? 3 : -2 }));
    const withDense = assessRelevance({ queryTerms, index, candidates: agreeing });
    expect(withDense.features.denseTop).toBeCloseTo(0.9, 6);
    expect(withDense.features.agreement).toBe(1);
    expect(withDense.features.rerank).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
    expect(withDense.score).toBe(plain.score);
    // Opposite orders: the dense top 5 shares nothing with the BM25 top 5 when there are ≥ 10 candidates.
    const many = library([...DOCS, ...DOCS.map((d) => `${d} war treaty years`)]);
    const t2 = many.queryTerms('treaty war years');
    const h2 = many.searchTerms(t2, 20);
    expect(h2.length).toBeGreaterThanOrEqual(10);
    const opposite = assessRelevance({ queryTerms: t2, index: many, candidates: h2.map((h, i) => ({ id: h.id, dense: i / 100 })) });
    expect(opposite.features.agreement).toBe(0);
    // A model that weighs agreement lets it move the score.
    const model = { ...BM25_RELEVANCE_MODEL, weights: { ...BM25_RELEVANCE_MODEL.weights, agreement: 2 } };
    expect(scoreRelevance(withDense.features, model).score).toBeGreaterThan(withDense.score);
  });

  it('features are all finite and shares lie in [0, 1]', () => {
    const index = library(DOCS);
    for (const q of [...QUERIES, 'energy energy energy', '1648', 'Normandy']) {
      const f = relevanceFeatures({ queryTerms: index.queryTerms(q), index, candidates: index.search(q, 20) });
      for (const v of Object.values(f)) expect(Number.isFinite(v)).toBe(true);
      for (const k of ['scoreRatio', 'coverage', 'termCoverage', 'knownTerms'] as const) {
        expect(f[k]).toBeGreaterThanOrEqual(0);
        expect(f[k]).toBeLessThanOrEqual(1);
      }
    }
  });
});
