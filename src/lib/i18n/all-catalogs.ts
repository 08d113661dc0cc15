/** Every language's catalog at once, for the tests that compare them (the app loads them one by one). */
import { ENGLISH, type Catalog } from './catalog';
import { catalog as de } from './de/index';
import { catalog as es } from './es/index';
import { catalog as fr } from './fr/index';
import type { Locale } from './locales';
import { wordsOf, type Words } from './translate';

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en: ENGLISH, de, fr, es };

/** The words of one language, fixed (tests). */
export function wordsFor(locale: Locale): Words {
  return wordsOf(locale, CATALOGS[locale]);
}
