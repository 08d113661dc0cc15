import { describe, expect, it } from 'vitest';
import { statsLine } from './answer-stats';

describe('statsLine', () => {
  it('gives length, first-token time and speed', () => {
    expect(statsLine({ completionTokens: 58, firstTokenMs: 812.4, tokensPerSecond: 21.34 })).toBe('58 tokens · first token 812 ms · 21.3 tokens/s');
  });

  it('says how much of the prompt was read when the engine kept the rest from the answer before', () => {
    expect(statsLine({ completionTokens: 40, firstTokenMs: 2100, tokensPerSecond: 9, promptTokens: 1460, reusedTokens: 820 })).toBe(
      '40 tokens · first token 2,100 ms (read 640 new prompt tokens, 820 kept from before) · 9.0 tokens/s',
    );
    expect(statsLine({ completionTokens: 40, firstTokenMs: 2100, tokensPerSecond: 9, promptTokens: 1460, reusedTokens: 0 })).toBe('40 tokens · first token 2,100 ms · 9.0 tokens/s');
  });
});
