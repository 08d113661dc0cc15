import { describe, expect, it } from 'vitest';
import { DONT_KNOW } from '../core/prompt';
import { isDontKnow } from './dont-know';

describe("the model's don't-know sentence", () => {
  it('is recognised as written, and as small models vary it', () => {
    expect(isDontKnow(DONT_KNOW)).toBe(true);
    expect(isDontKnow('I don’t know. The documents don’t say.')).toBe(true);
    expect(isDontKnow("I don't know [1].")).toBe(true);
    expect(isDontKnow('The documents don\'t say anything about the museum.')).toBe(true);
  });

  it('is not confused with an answer that merely contains the words', () => {
    expect(isDontKnow('The pump must be primed before use [1]. I don\'t know the exact pressure.')).toBe(false);
    expect(isDontKnow('')).toBe(false);
    expect(isDontKnow(`I don't know. ${'The manual then explains a lot of other things at length. '.repeat(3)}`)).toBe(false);
  });
});
