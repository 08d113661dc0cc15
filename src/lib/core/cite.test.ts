import { describe, expect, it } from 'vitest';
import { parseCitations, splitCitations } from './cite';

describe('parseCitations', () => {
  it('finds [n], [n, m], [n][m] and ranges, in order of first appearance, once each', () => {
    expect(parseCitations('Leave is 25 days [2]. It carries over [1, 3][2].', 3)).toEqual([2, 1, 3]);
    expect(parseCitations('See [1;2] and [ 3 ].', 3)).toEqual([1, 2, 3]);
    expect(parseCitations('Everything [1-3].', 5)).toEqual([1, 2, 3]);
    expect(parseCitations('Everything [1–2].', 5)).toEqual([1, 2]);
  });

  it('ignores numbers that were never given as contexts, years and non-numeric brackets', () => {
    expect(parseCitations('Per [0], [4] and [1].', 3)).toEqual([1]);
    expect(parseCitations('In [2019-2021] the [note] said [a].', 3)).toEqual([]);
    expect(parseCitations('No citations here.', 3)).toEqual([]);
  });
});

describe('splitCitations', () => {
  it('splits text and citation chips', () => {
    expect(splitCitations('Leave is 25 days [1][2]. Carry over [2, 3]!', 3)).toEqual([
      { kind: 'text', text: 'Leave is 25 days ' },
      { kind: 'cite', n: 1 },
      { kind: 'cite', n: 2 },
      { kind: 'text', text: '. Carry over ' },
      { kind: 'cite', n: 2 },
      { kind: 'cite', n: 3 },
      { kind: 'text', text: '!' },
    ]);
  });

  it('leaves invalid numbers as text', () => {
    expect(splitCitations('A [9] B [1, 9] C', 3)).toEqual([
      { kind: 'text', text: 'A [9] B ' },
      { kind: 'cite', n: 1 },
      { kind: 'text', text: '[9] C' },
    ]);
  });

  it('returns one text part for an answer without citations, and nothing for an empty one', () => {
    expect(splitCitations("I don't know.", 2)).toEqual([{ kind: 'text', text: "I don't know." }]);
    expect(splitCitations('', 2)).toEqual([]);
  });

  it('reassembles to the original text when every citation is valid', () => {
    const answer = 'X [1]. Y [2].';
    const text = splitCitations(answer, 2)
      .map((p) => (p.kind === 'text' ? p.text : `[${p.n}]`))
      .join('');
    expect(text).toBe(answer);
  });
});

describe('citable numbers given as the passages’ own numbers', () => {
  it('links only numbers among them (a prompt budget may have dropped some in the middle)', () => {
    const given = [1, 2, 4];
    expect(parseCitations('A [1], B [3], C [4], D [2-4], E [1-2].', given)).toEqual([1, 4, 2]);
    expect(splitCitations('B [3] C [4]', new Set(given))).toEqual([
      { kind: 'text', text: 'B [3] C ' },
      { kind: 'cite', n: 4 },
    ]);
  });

  it('handles [1], [1, 2], [1-3] and [1][2] alike', () => {
    const cites = (text: string) => splitCitations(text, [1, 2, 3]).filter((p) => p.kind === 'cite').map((p) => (p as { n: number }).n);
    expect(cites('x [1]')).toEqual([1]);
    expect(cites('x [1, 2]')).toEqual([1, 2]);
    expect(cites('x [1-3]')).toEqual([1, 2, 3]);
    expect(cites('x [1][2]')).toEqual([1, 2]);
    expect(cites('x [7] and [0]')).toEqual([]);
  });
});
