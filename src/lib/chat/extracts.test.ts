import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../storage/schema';
import { quickExtracts, sentencesOf } from './extracts';

const source = (n: number, text: string): SourceRef => ({ n, chunkId: `d:${n}`, docId: 'd', docName: 'manual.pdf', text, start: 0, end: text.length });

describe('quick answers', () => {
  const sources = [
    source(1, 'Installing the pump. Bolt the pump to a level concrete base before connecting any pipes. Use four bolts.'),
    source(2, 'Priming. Fill the pump casing with water through the priming plug until it overflows. Then close the plug.'),
    source(3, 'Warranty. The warranty lasts two years from the date of purchase.'),
  ];

  it('quotes the sentences that match the question best, with their passage numbers', () => {
    const extracts = quickExtracts('How do I prime the pump with water?', sources);
    expect(extracts[0]).toEqual({ n: 2, text: 'Fill the pump casing with water through the priming plug until it overflows.' });
    expect(extracts.length).toBeLessThanOrEqual(3);
    expect(extracts.every((e) => sources.some((s) => s.n === e.n && s.text.includes(e.text)))).toBe(true);
  });

  it('weights rare terms above common ones', () => {
    // "pump" is in most sentences; "warranty" only in one.
    expect(quickExtracts('pump warranty', sources)[0]?.n).toBe(3);
  });

  it('quotes nothing when no sentence shares a term with the question', () => {
    expect(quickExtracts('When does the museum open?', sources)).toEqual([]);
    expect(quickExtracts('the of and', sources)).toEqual([]);
  });

  it('does not quote the same sentence twice and cuts very long ones', () => {
    const long = `The pump ${'really '.repeat(120)}works.`;
    const extracts = quickExtracts('pump works', [source(1, long), source(2, long)]);
    expect(extracts).toHaveLength(1);
    expect(extracts[0]?.text.length).toBeLessThanOrEqual(401);
    expect(extracts[0]?.text.endsWith('…')).toBe(true);
  });

  it('splits sentences in several scripts', () => {
    expect(sentencesOf('Erster Satz. Zweiter Satz!  Dritter?')).toEqual(['Erster Satz.', 'Zweiter Satz!', 'Dritter?']);
    expect(sentencesOf('これは一文です。これは二文です。')).toHaveLength(2);
  });
});
