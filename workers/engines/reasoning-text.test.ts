import { describe, expect, it } from 'vitest';
import { splitThinking } from '../../src/lib/chat/thinking';
import { ReasoningText } from './reasoning-text';

describe('ReasoningText', () => {
  it('puts the tags back around the thinking llama.cpp streams apart, so the page splits it as it does web-llm’s', () => {
    const tags = new ReasoningText();
    // The chunks of a llama.cpp chat stream for a model that thought (delta.reasoning_content, then delta.content).
    const chunks: [string | null, string | null][] = [[null, null], ['The user', null], [' asks about tides.', null], [null, 'At dawn'], [null, ' [1].']];
    const text = chunks.map(([reasoning, content]) => tags.piece(reasoning, content)).join('');
    expect(text).toBe('<think>The user asks about tides.</think>At dawn [1].');
    expect(splitThinking(text, { final: true })).toEqual({ answer: 'At dawn [1].', thinking: 'The user asks about tides.', open: false });
  });

  it('passes an answer without thinking through unchanged', () => {
    const tags = new ReasoningText();
    expect(['At', ' dawn.'].map((c) => tags.piece(undefined, c)).join('')).toBe('At dawn.');
  });
});
