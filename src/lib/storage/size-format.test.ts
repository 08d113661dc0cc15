import { describe, expect, it } from 'vitest';
import { formatSize, freeBytes } from './size-format';

const FRENCH = ['o', 'Ko', 'Mo', 'Go', 'To'] as const;

describe('formatSize', () => {
  it('says sizes in binary multiples, one decimal below 10', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(-5)).toBe('0 B');
    expect(formatSize(Number.NaN)).toBe('0 B');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(85 * 1024 * 1024)).toBe('85 MB');
    expect(formatSize(10 * 1024 ** 3)).toBe('10 GB');
  });

  it('never says 1024 of a unit: it moves to the next one', () => {
    expect(formatSize(1024 * 1024 - 10)).toBe('1.0 MB');
    expect(formatSize(1023)).toBe('1023 B');
  });

  it('writes numbers and units the way the language does', () => {
    expect(formatSize(1.25 * 1024 * 1024, 'de')).toBe('1,3 MB');
    expect(formatSize(1.25 * 1024 * 1024, 'fr', FRENCH)).toBe('1,3 Mo');
    expect(formatSize(3 * 1024 ** 4, 'fr', FRENCH)).toBe('3,0 To');
  });
});

describe('freeBytes', () => {
  it('is the quota less what is used, never negative, null without a quota', () => {
    expect(freeBytes(300, 1000)).toBe(700);
    expect(freeBytes(null, 1000)).toBe(1000);
    expect(freeBytes(2000, 1000)).toBe(0);
    expect(freeBytes(5, null)).toBeNull();
    expect(freeBytes(5, 0)).toBeNull();
  });
});
