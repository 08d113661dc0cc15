/**
 * The interface language: chosen from the browser's languages, or set in Settings (kept in
 * localStorage, so it is there before anything loads). `t` reads the reactive locale, so text in a
 * component changes at once when the language is switched.
 */
import { CATALOGS, type MessageKey } from './catalog';
import { fillMessage, type MessageVars } from './format';
import { isLocale, localeFor, type Locale } from './locales';
import type { Words } from './translate';

const KEY = 'hearth.locale';

function storedChoice(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  return localeFor(globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en']);
}

export class I18nState {
  /** The language set in Settings, or null to follow the browser. */
  choice = $state<Locale | null>(storedChoice());
  readonly browser: Locale = browserLocale();
  locale = $derived<Locale>(this.choice ?? this.browser);

  choose(locale: Locale | null): void {
    this.choice = locale;
    try {
      if (locale) localStorage.setItem(KEY, locale);
      else localStorage.removeItem(KEY);
    } catch {
      // private mode without storage: the choice lasts for this visit
    }
    document.documentElement.lang = this.locale;
  }
}

export const i18n = new I18nState();

/** The text for `key` in the current language, with `{placeholders}` filled from `vars`. */
export function t(key: MessageKey, vars?: MessageVars): string {
  return fillMessage(CATALOGS[i18n.locale][key], vars);
}

/** The current language and its `t`, for the pure functions that put facts into words (translate.ts). */
export function words(): Words {
  return { locale: i18n.locale, t };
}
