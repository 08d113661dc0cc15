import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from '../core/analyzer';
import { analyzeChatText } from './chat-analyzer';

/** Many distinct stemmable words: "running" forms built from letters, more than a small cache holds. */
function distinctWords(count: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let w = '';
    for (let n = i + 26 * 26; n > 0; n = Math.floor(n / 26)) w += letters[n % 26];
    words.push(`${w}ing`, `${w}ies`, `${w}ational`);
  }
  return words.join(' ');
}

describe('the chat analyzer', () => {
  it('gives the index analyzer’s terms, also once its small cache has been cleared many times', () => {
    const text = distinctWords(6000);
    const tiny = createAnalyzer({ stemCacheLimit: 10 });
    expect(analyzeChatText(text)).toEqual(analyze(text));
    expect(tiny(text)).toEqual(analyze(text));
    // A second pass goes through a cache that no longer holds the first words.
    expect(tiny(text)).toEqual(analyze(text));
    expect(analyzeChatText('Shield volcanoes are built from fluid lava flows')).toEqual(['shield', 'volcano', 'built', 'fluid', 'lava', 'flow']);
  });
});
