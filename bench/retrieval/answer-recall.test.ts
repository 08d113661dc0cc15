import { describe, expect, it } from 'vitest';
import { buildPrompt, type PromptContext } from '../../src/lib/core/prompt';
import { hasAnswer, normalizeAnswer, sentHasAnswer, sentWithin } from './answer-recall';
import { firstOver, prefixEnds, sentOfFirst } from './budget-curve';

describe('answer matching', () => {
  it('normalizes as SQuAD does and matches whole words only', () => {
    expect(normalizeAnswer("The  Levi's Stadium, in Santa Clara.")).toBe('levis stadium in santa clara');
    const text = normalizeAnswer('Denver Broncos defeated the Carolina Panthers 24–10 in 2016.');
    expect(hasAnswer(text, [normalizeAnswer('the Carolina Panthers')])).toBe(true);
    expect(hasAnswer(text, [normalizeAnswer('Panther')])).toBe(false);
    expect(hasAnswer(text, [normalizeAnswer('201')])).toBe(false);
    expect(hasAnswer(text, [''])).toBe(false);
  });
});

// Passages of varied lengths, some carrying the answer "Jupiter".
function contexts(seed: number, count: number): PromptContext[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 20 + Math.floor(next() * 200) }, () => (next() < 0.01 ? 'Jupiter' : 'moon'));
    return { n: i + 1, title: `doc ${i % 3}`, text: words.join(' ') };
  });
}

describe('what a prompt sends', () => {
  it('counts what buildPrompt keeps, and matches a cut best passage on its sent part only', () => {
    const ctx: PromptContext[] = [
      { n: 1, title: 'a', text: 'alpha beta gamma delta epsilon Jupiter' },
      { n: 2, title: 'b', text: 'Jupiter is here' },
    ];
    const both = sentWithin('Which planet?', ctx, 1000);
    expect(both).toEqual({ passages: 2, chars: buildPrompt('q', ctx, { maxContextChars: 1000 }).user.indexOf('\n\nQuestion') - 'Contexts:\n\n'.length });
    expect(sentHasAnswer(both, [false, true], ['jupiter'])).toBe(true);
    expect(sentHasAnswer(both, [false, false], ['jupiter'])).toBe(false);
    // 30 characters: only the start of passage 1, without its last word.
    const cut = sentWithin('Which planet?', ctx, 30);
    expect(cut.passages).toBe(1);
    expect(cut.cutText).toBeDefined();
    expect(cut.chars).toBeLessThanOrEqual(30);
    expect(sentHasAnswer(cut, [true, true], ['jupiter'])).toBe(false);
    expect(sentHasAnswer(cut, [true, true], ['beta'])).toBe(true);
  });

  it('derives every k from one call per budget exactly as buildPrompt sends the first k', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const all = contexts(seed, 12);
      const ends = prefixEnds(all);
      for (const budget of [100, 500, 1000, 1500, 2500, 4000, 6000, Infinity]) {
        const deep = sentWithin('q?', all.slice(0, firstOver(ends, budget)), budget);
        expect(deep).toEqual(sentWithin('q?', all, budget));
        for (let k = 1; k <= 12; k++) expect(sentOfFirst(deep, k, ends)).toEqual(sentWithin('q?', all.slice(0, k), budget));
      }
    }
  });
});
