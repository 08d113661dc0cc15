import { describe, expect, it } from 'vitest';
import { parseCitations } from '../core/cite';
import { splitThinking } from './thinking';

/** Every prefix of `text`, as a stream shows it token by token (here: character by character). */
function prefixes(text: string): string[] {
  return Array.from({ length: text.length + 1 }, (_, i) => text.slice(0, i));
}

describe('splitThinking', () => {
  it('leaves an answer without thinking as it is', () => {
    expect(splitThinking('Volcanoes form at plate boundaries [1].', { final: true })).toEqual({ answer: 'Volcanoes form at plate boundaries [1].', thinking: '', open: false });
  });

  it('drops the empty block web-llm streams when thinking is off, and the blank lines after it', () => {
    // web-llm 0.2.86 (enable_thinking: false) puts "<think>\n\n</think>\n\n" before the model's first token.
    const out = splitThinking('<think>\n\n</think>\n\nThey form at plate boundaries [1].', { final: true });
    expect(out).toEqual({ answer: 'They form at plate boundaries [1].', thinking: '', open: false });
  });

  it('keeps a block the model still wrote apart from the answer, and out of its citations', () => {
    const raw = '<think>\nPassage [2] mentions Etna, passage [1] says plates.\n</think>\n\nThey form at plate boundaries [1].';
    const out = splitThinking(raw, { final: true });
    expect(out.answer).toBe('They form at plate boundaries [1].');
    expect(out.thinking).toBe('Passage [2] mentions Etna, passage [1] says plates.');
    expect(parseCitations(out.answer, 3)).toEqual([1]);
  });

  it('reads a block the chat template opened in the prompt: the text before a lone </think>', () => {
    // Qwen3.5's template ends its generation prompt with "<think>\n" unless thinking is switched off.
    const out = splitThinking('The user asks about Etna.\n</think>\n\nEtna is in Sicily [1].', { final: true });
    expect(out).toEqual({ answer: 'Etna is in Sicily [1].', thinking: 'The user asks about Etna.', open: false });
  });

  it('never shows an unclosed block, or a tag cut in two, while the answer streams', () => {
    const raw = '<think>\nLet me look at [1].\n</think>\n\nEtna erupts often [1].';
    for (const prefix of prefixes(raw)) {
      const { answer, thinking } = splitThinking(prefix);
      // The answer shown is always a start of the final answer: no "<", "<thi", "Let me…" on the way.
      expect('Etna erupts often [1].'.startsWith(answer), JSON.stringify(prefix)).toBe(true);
      expect(thinking).not.toMatch(/<\/?t?h?i?n?k?$/);
      expect(parseCitations(answer, 1).length).toBeLessThanOrEqual(1);
    }
    expect(splitThinking('<think>\nLet me look').open).toBe(true);
    expect(splitThinking('<think>\nLet me look')).toMatchObject({ answer: '', thinking: 'Let me look' });
  });

  it('holds a cut tag back only while streaming: a finished text keeps its last "<"', () => {
    expect(splitThinking('x is smaller than y: x <').answer).toBe('x is smaller than y: x ');
    expect(splitThinking('x is smaller than y: x <', { final: true }).answer).toBe('x is smaller than y: x <');
  });

  it('treats a block that never closed (the answer ran out of tokens) as thinking only', () => {
    expect(splitThinking('<think>\nFirst I will read passage 1 and then', { final: true })).toEqual({ answer: '', thinking: 'First I will read passage 1 and then', open: true });
  });

  it('takes out several blocks, wherever they are', () => {
    const out = splitThinking('Etna is in Sicily [1]. <think>check [2]</think>It erupted in 2021 [2].', { final: true });
    expect(out.answer).toBe('Etna is in Sicily [1]. It erupted in 2021 [2].');
    expect(out.thinking).toBe('check [2]');
  });

  it('keeps markup in the thinking as text for the page to escape (it is never rendered as HTML)', () => {
    const out = splitThinking('<think><img src=x onerror=alert(1)></think>Fine.', { final: true });
    expect(out).toEqual({ answer: 'Fine.', thinking: '<img src=x onerror=alert(1)>', open: false });
  });
});
