import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk';
import { surroundings } from './surroundings';

describe('surroundings', () => {
  it('rebuilds the text around a chunk from its overlapping neighbours', () => {
    const text = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} says something.`).join(' ');
    const chunks = chunkText(text, { targetChars: 400, overlapChars: 80 });
    const middle = chunks[2];
    if (!middle) throw new Error('expected at least three chunks');
    const { before, after } = surroundings(chunks, middle);
    expect(text.slice(middle.start - before.length, middle.start)).toBe(before);
    expect(text.slice(middle.end, middle.end + after.length)).toBe(after);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(surroundings([middle], middle)).toEqual({ before: '', after: '' });
  });
});
