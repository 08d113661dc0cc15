import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatLanguages, formatSpeed } from './format';

describe('formatBytes', () => {
  it('uses one decimal below ten units and none above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatBytes(85 * 1024 * 1024)).toBe('85 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
  });
  it('never prints NaN or negative sizes', () => {
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(-5)).toBe('0 B');
  });
});

describe('formatDuration', () => {
  it('rounds up and shows at most two units', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(130)).toBe('2 min 10 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

it('formatSpeed appends /s', () => {
  expect(formatSpeed(2048)).toBe('2.0 KB/s');
});

describe('formatLanguages', () => {
  it('names a few languages, counts many, and reads no list as English', () => {
    expect(formatLanguages(undefined)).toBe('English');
    expect(formatLanguages(['en', 'de'])).toBe('English, German');
    expect(formatLanguages(['en', 'ar', 'zh', 'fr', 'de', 'ja', 'ko', 'es'])).toBe('8 languages');
  });
});
