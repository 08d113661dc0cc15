import { describe, expect, it } from 'vitest';
import { shouldRerank } from './rerank-policy';

describe('shouldRerank', () => {
  it('follows an explicit setting and decides by device strength on auto', () => {
    const phone = { deviceMemoryGB: 4, hardwareConcurrency: 8 };
    const laptop = { deviceMemoryGB: 8, hardwareConcurrency: 12 };
    expect(shouldRerank('auto', phone)).toBe(false);
    expect(shouldRerank('auto', laptop)).toBe(true);
    expect(shouldRerank('auto', { deviceMemoryGB: null, hardwareConcurrency: 16 })).toBe(false);
    expect(shouldRerank('on', phone)).toBe(true);
    expect(shouldRerank('off', laptop)).toBe(false);
  });
});
