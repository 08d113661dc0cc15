/**
 * Putting things into words without the reactive state: a `Words` is a language and its `t`. Code
 * that turns structured facts (a recommendation's reason, a progress phase, a size) into a sentence
 * takes a `Words`, so it is a pure function that unit tests call in any language; components pass
 * the current one (`words()` in i18n.svelte.ts).
 */
import { CATALOGS, type MessageKey } from './catalog';
import { fillMessage, type MessageVars } from './format';
import type { Locale } from './locales';

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export interface Words {
  locale: Locale;
  t: Translate;
}

/** The words of one language, fixed (tests, or code outside components). */
export function wordsFor(locale: Locale): Words {
  return { locale, t: (key, vars) => fillMessage(CATALOGS[locale][key], vars) };
}
