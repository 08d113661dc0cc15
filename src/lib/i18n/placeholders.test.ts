import { describe, expect, it } from 'vitest';
import { CATALOGS } from './all-catalogs';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe('every translation', () => {
  for (const [locale, catalog] of Object.entries(CATALOGS)) {
    it(`${locale}: has every key, non-empty, with the same {placeholders} as English`, () => {
      const wrong = Object.entries(CATALOGS.en).filter(([key, english]) => {
        const text = catalog[key as keyof typeof catalog];
        return !text?.trim() || placeholders(text).join() !== placeholders(english).join();
      });
      expect(wrong.map(([key]) => key)).toEqual([]);
    });
  }
});
