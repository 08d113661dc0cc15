import { describe, expect, it } from 'vitest';
import { mappingGrowth } from './mappings';

describe('mappingGrowth', () => {
  it('ranks mappings by the growth of their resident memory, matched by start address', () => {
    const before = [
      { start: 'a', sizeBytes: 100, rssBytes: 50, file: '' },
      { start: 'b', sizeBytes: 100, rssBytes: 10, file: '' },
    ];
    const after = [
      { start: 'a', sizeBytes: 100, rssBytes: 55, file: '' },
      { start: 'b', sizeBytes: 200, rssBytes: 90, file: '' },
      { start: 'c', sizeBytes: 10, rssBytes: 7, file: 'lib.so' },
    ];
    expect(mappingGrowth(before, after).map((m) => [m.start, m.grewBytes])).toEqual([
      ['b', 80],
      ['c', 7],
      ['a', 5],
    ]);
  });
});
