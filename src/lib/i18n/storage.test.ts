import { describe, expect, it } from 'vitest';
import { storage as de } from './de/storage';
import { storage as en } from './en/storage';
import { storage as es } from './es/storage';
import { storage as fr } from './fr/storage';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe('the storage area of the catalog', () => {
  for (const [locale, catalog] of Object.entries({ de, fr, es })) {
    it(`${locale}: every message has the English one's placeholders, and is translated`, () => {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(placeholders(catalog[key]), `${locale} ${key}`).toEqual(placeholders(en[key]));
        expect(catalog[key].trim(), `${locale} ${key}`).not.toBe('');
      }
      // Whole sentences differ from English (unit names and short words may not).
      const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => catalog[k] === en[k] && en[k].includes(' '));
      expect(same, locale).toEqual([]);
    });
  }
});
