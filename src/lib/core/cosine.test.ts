import { describe, expect, it } from 'vitest';
import { cosine } from './cosine';

describe('cosine', () => {
  it('is 1 for the same direction, 0 for orthogonal, -1 for opposite vectors', () => {
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 5])).toBe(0);
    expect(cosine(new Float32Array([1, -1]), [-1, 1])).toBeCloseTo(-1, 6);
  });
});
