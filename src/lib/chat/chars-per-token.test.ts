import { describe, expect, it } from 'vitest';
import { CharsPerToken, promptChars } from './chars-per-token';

describe('CharsPerToken', () => {
  it('knows nothing before a prompt was read', () => {
    expect(new CharsPerToken().ratio('m')).toBeUndefined();
  });

  it('keeps the smallest ratio seen per model, with a margin', () => {
    const cpt = new CharsPerToken();
    cpt.observe('big-vocab', 4000, 1000);
    cpt.observe('big-vocab', 3000, 1000);
    cpt.observe('big-vocab', 5000, 1000);
    cpt.observe('tiny-vocab', 1500, 1000);
    expect(cpt.ratio('big-vocab')).toBeCloseTo(2.7);
    expect(cpt.ratio('tiny-vocab')).toBeCloseTo(1.35);
  });

  it('ignores reports without tokens or text', () => {
    const cpt = new CharsPerToken();
    cpt.observe('m', 100, 0);
    cpt.observe('m', 0, 10);
    cpt.observe('m', 100, Number.NaN);
    expect(cpt.ratio('m')).toBeUndefined();
  });

  it('counts the characters of every message', () => {
    expect(promptChars([{ content: 'abc' }, { content: 'de' }])).toBe(5);
  });
});
