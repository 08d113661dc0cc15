/**
 * Putting things into words without the reactive state: a `Words` is a language and its `t`. Code
 * that turns structured facts (a recommendation's reason, a progress phase, a size) into a sentence
 * takes a `Words`, so it is a pure function that unit tests call in any language; components pass
 * the current one (`words()` in i18n.svelte.ts).
 */
import { ENGLISH, type Catalog, type MessageKey } from './catalog';
import { fillMessage, type MessageVars } from './format';
import type { Locale } from './locales';

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export interface Words {
  locale: Locale;
  t: Translate;
}

/** The words of one language from its catalog, fixed (code outside components; tests: all-catalogs.ts). */
export function wordsOf(locale: Locale, catalog: Catalog): Words {
  return { locale, t: (key, vars) => fillMessage(catalog[key], vars) };
}

export const ENGLISH_WORDS: Words = wordsOf('en', ENGLISH);
