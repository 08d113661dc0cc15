// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderAnswer } from './answer-html';
import { IncrementalAnswer } from './incremental-markdown';
import { longAnswer, SAMPLE_ANSWERS } from './sample-answers';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text in pieces of 1..maxPiece characters, as a token stream flushed once per frame would arrive. */
function pieces(text: string, rand: () => number, maxPiece: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * maxPiece);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

const CITABLE = [1, 2, 3, 5];

describe('IncrementalAnswer', () => {
  const answers = [...SAMPLE_ANSWERS, SAMPLE_ANSWERS.join('\n\n'), longAnswer(3000, 7), longAnswer(4000, 11)];

  // (jsdom's DOM makes each render a few ms: the piece sizes keep this test to seconds.)
  it('streamed in random-sized pieces, ends with exactly the HTML of a full render', { timeout: 120_000 }, () => {
    const rand = seeded(42);
    for (const answer of answers) {
      for (const maxPiece of answer.length > 1000 ? [60] : [2 + Math.floor(rand() * 16)]) {
        const renderer = new IncrementalAnswer();
        let text = '';
        let html = '';
        for (const piece of pieces(answer, rand, maxPiece)) {
          text += piece;
          html = renderer.update(text, CITABLE).join('');
        }
        expect(html, `${JSON.stringify(answer.slice(0, 60))} in pieces of ≤ ${maxPiece}`).toBe(renderAnswer(answer, CITABLE));
      }
    }
  });

  it('matches a full render of the text so far at every step, not only at the end', { timeout: 120_000 }, () => {
    const rand = seeded(7);
    for (const answer of SAMPLE_ANSWERS) {
      const renderer = new IncrementalAnswer();
      let text = '';
      for (const piece of pieces(answer, rand, 20)) {
        text += piece;
        expect(renderer.update(text, CITABLE).join(''), JSON.stringify(text)).toBe(renderAnswer(text, CITABLE));
      }
    }
  });

  it('keeps finished blocks as they were and renders only the tail', () => {
    const renderer = new IncrementalAnswer();
    const first = renderer.update('First paragraph [1].\n\nSecond', CITABLE);
    expect(first).toHaveLength(2);
    const next = renderer.update('First paragraph [1].\n\nSecond paragraph grows\n\n- a list', CITABLE);
    expect(next[0]).toBe(first[0]);
    expect(next).toHaveLength(3);
  });

  it('renders everything again when a link definition reaches back, or the text is replaced', () => {
    const renderer = new IncrementalAnswer();
    renderer.update('See [the manual].\n\nMore', CITABLE);
    const withDef = 'See [the manual].\n\nMore\n\n[the manual]: https://example.org/manual';
    expect(renderer.update(withDef, CITABLE).join('')).toBe(renderAnswer(withDef, CITABLE));
    expect(renderer.update(withDef, CITABLE).join('')).toContain('href="https://example.org/manual"');
    expect(renderer.update('Something else [2].', CITABLE).join('')).toBe(renderAnswer('Something else [2].', CITABLE));
  });

  it('follows a change of the citable passages', () => {
    const renderer = new IncrementalAnswer();
    expect(renderer.update('A [1].\n\nB [2].\n\nC', [1, 2]).join('')).toContain('data-cite="2"');
    expect(renderer.update('A [1].\n\nB [2].\n\nC', [1]).join('')).not.toContain('data-cite="2"');
  });

  it('renders finished blocks again when a cited passage’s document is deleted', () => {
    const renderer = new IncrementalAnswer();
    const text = 'A [1].\n\nB [2].\n\nC';
    expect(renderer.update(text, [1, 2]).join('')).not.toContain('deleted');
    const after = renderer.update(text, [1, 2], new Set([1])).join('');
    expect(after).toBe(renderAnswer(text, [1, 2], new Set([1])));
    expect(after).toContain('class="cite deleted" data-cite="1"');
  });
});
