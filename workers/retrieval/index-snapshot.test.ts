import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analyzer';
import { encodeHalves } from '../../src/lib/core/float16';
import { normalize } from '../../src/lib/core/normalize';
import { uniformStream } from '../../scripts/models/prng';
import { decodeSnapshot, encodeSnapshot } from './index-snapshot';
import { SearchIndex } from './search-index';

const WORDS = ['harbour', 'storm', 'ledger', 'tide', 'budget', 'orchard', 'ferry', 'lamp', 'audit', 'pruning', 'keeper', 'revenue'];

function library(chunks: number, dim = 16): SearchIndex {
  const next = uniformStream(42);
  const index = new SearchIndex(dim);
  for (let i = 0; i < chunks; i++) {
    const doc = `doc-${i % 7}`;
    const text = Array.from({ length: 12 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    const vector = encodeHalves(normalize(Float32Array.from({ length: dim }, () => next() - 0.5)));
    index.add({
      id: `${doc}:${i}`,
      docId: doc,
      index: i,
      text,
      start: i * 100,
      end: i * 100 + text.length,
      terms: analyze(text),
      vector,
      headingPath: i % 3 === 0 ? ['Report', `Part ${i % 4}`] : [],
      ...(i % 2 === 0 ? { page: i + 1, pageEnd: i + 2 } : {}),
    });
  }
  return index;
}

const query = (dim: number) => Float32Array.from({ length: dim }, (_, i) => (i % 3) - 1);

describe('search-index snapshot', () => {
  it('round-trips: the loaded index answers exactly as the one saved, with every chunk’s place', () => {
    const original = library(500);
    original.remove('doc-3:10'); // a removed chunk stays removed
    const loaded = decodeSnapshot(encodeSnapshot(original, 'fp-1'), 'fp-1');
    if (!(loaded instanceof SearchIndex)) throw new Error(`rejected: ${loaded}`);
    expect(loaded.size).toBe(original.size);
    for (const q of ['storm harbour', 'budget audit revenue', 'orchard pruning']) {
      expect(loaded.search(q, query(16), 10)).toEqual(original.search(q, query(16), 10));
      expect(loaded.search(q, null, 5, ['doc-2'])).toEqual(original.search(q, null, 5, ['doc-2']));
    }
    expect(loaded.meta('doc-6:6')).toEqual(original.meta('doc-6:6'));
    expect(loaded.meta('doc-6:6')).toMatchObject({ page: 7, pageEnd: 8, headingPath: ['Report', 'Part 2'] });
    expect(loaded.meta('doc-1:1')).toEqual({ docId: 'doc-1', start: 100, end: original.meta('doc-1:1')?.end, headingPath: [] });
    expect(loaded.meta('doc-3:10')).toBeUndefined();
    // It keeps working as a live index.
    loaded.remove('doc-0:0');
    expect(loaded.search('storm', null, 500).some((h) => h.id === 'doc-0:0')).toBe(false);
  });

  it('is rejected as stale when it was made for other documents', () => {
    expect(decodeSnapshot(encodeSnapshot(library(20), 'fp-old'), 'fp-new')).toBe('stale');
  });

  it('is rejected as corrupt when any byte changed, or the file is cut short', () => {
    const bytes = encodeSnapshot(library(200), 'fp');
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const bad = bytes.slice();
      bad[at] = (bad[at] as number) ^ 0x40;
      expect(decodeSnapshot(bad, 'fp')).toBe('corrupt');
    }
    expect(decodeSnapshot(bytes.subarray(0, bytes.length - 100), 'fp')).toBe('corrupt');
    expect(decodeSnapshot(new Uint8Array(8), 'fp')).toBe('corrupt');
  });

  it('is rejected when written in another format version', () => {
    const bytes = encodeSnapshot(library(5), 'fp');
    new DataView(bytes.buffer).setUint32(4, 99, true);
    expect(decodeSnapshot(bytes, 'fp')).toBe('format');
  });
});
