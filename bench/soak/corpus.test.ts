import { describe, expect, it } from 'vitest';
import { generatedCorpus, groupParagraphs, interleave } from './corpus';
import { checkpoints } from './session';

describe('groupParagraphs', () => {
  it('keeps consecutive paragraphs of one article together, never across articles', () => {
    const p = (id: string) => ({ id, title: `article ${id.split('-')[0]}`, text: id });
    const groups = groupParagraphs(['0-0', '0-1', '0-2', '1-0', '1-1'].map(p), 2);
    expect(groups.map((g) => g.paragraphs.map((x) => x.id))).toEqual([['0-0', '0-1'], ['0-2'], ['1-0', '1-1']]);
    expect(groups.map((g) => g.part)).toEqual([1, 2, 1]);
  });
});

describe('interleave', () => {
  it('takes one question per document in turn', () => {
    expect(interleave([['a1', 'a2'], ['b1'], ['c1', 'c2']], 5)).toEqual({ questions: ['a1', 'b1', 'c1', 'a2', 'c2'], repeated: false });
  });

  it('cycles, and says so, when there are fewer questions than asked for', () => {
    expect(interleave([['a1'], ['b1']], 3)).toEqual({ questions: ['a1', 'b1', 'a1'], repeated: true });
  });
});

describe('generatedCorpus', () => {
  it('makes distinct documents and questions that name words of their document', () => {
    const c = generatedCorpus(4, 8);
    expect(new Set(c.documents.map((d) => d.name)).size).toBe(4);
    expect(new Set(c.documents.map((d) => d.text)).size).toBe(4);
    expect(c.questions).toHaveLength(8);
    const words = /mentions (.+) together/.exec(c.questions[1] ?? '')?.[1]?.split(', ') ?? [];
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(c.documents[1]?.text.toLowerCase()).toContain(w);
  });
});

describe('checkpoints', () => {
  it('samples after the first answer, every N, at half and at the end', () => {
    expect(checkpoints(1000, 100)).toEqual([1, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(checkpoints(50, 5)).toEqual([1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(checkpoints(7, 100)).toEqual([1, 3, 7]);
  });
});
