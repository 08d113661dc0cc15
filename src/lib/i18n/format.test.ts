import { describe, expect, it } from 'vitest';
import { CATALOGS } from './all-catalogs';
import { fillMessage } from './format';
import { localeFor, LOCALES } from './locales';

describe('messages', () => {
  it('fills placeholders and leaves an unknown one as written', () => {
    expect(fillMessage('{name} is {size} MB', { name: 'Qwen3', size: 420 })).toBe('Qwen3 is 420 MB');
    expect(fillMessage('{name} and {other}', { name: 'a' })).toBe('a and {other}');
  });

  it('picks the first preferred language Hearth has, by its primary subtag, else English', () => {
    expect(localeFor(['ja-JP', 'de-AT', 'fr'])).toBe('de');
    expect(localeFor(['pt-BR'])).toBe('en');
    expect(localeFor([])).toBe('en');
  });

  it('every language gives every key, none empty, with the same placeholders as English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
    for (const locale of LOCALES) {
      for (const [key, english] of Object.entries(CATALOGS.en)) {
        const text = CATALOGS[locale][key as keyof typeof CATALOGS.en];
        expect(text, `${locale} ${key}`).toBeTruthy();
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english));
      }
    }
  });
});
