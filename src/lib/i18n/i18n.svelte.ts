/**
 * The interface language: chosen from the browser's languages, or set in Settings (kept in
 * localStorage, so it is there before anything loads). English is always there; another language's
 * catalog is loaded before the app is drawn in it (`load`, awaited by main.ts) or switched to
 * (`choose`). `t` reads the reactive locale, so text in a component changes at once on a switch.
 */
import { ENGLISH, LOADERS, type Catalog, type MessageKey } from './catalog';
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
  /** The language asked for (Settings, else the browser's). */
  wanted = $derived<Locale>(this.choice ?? this.browser);
  catalogs = $state.raw<Partial<Record<Locale, Catalog>>>({ en: ENGLISH });
  /** The language shown: the one asked for once its catalog is here (English until then, or if it cannot load). */
  locale = $derived<Locale>(this.catalogs[this.wanted] ? this.wanted : 'en');

  /** Loads the catalog of `locale` (default: the one asked for). Never throws: a catalog that cannot load leaves English. */
  async load(locale: Locale = this.wanted): Promise<void> {
    if (locale === 'en' || this.catalogs[locale]) return;
    try {
      const catalog = await LOADERS[locale]();
      this.catalogs = { ...this.catalogs, [locale]: catalog };
    } catch (error) {
      console.warn(`[i18n] the ${locale} catalog could not be loaded; showing English`, error);
    }
  }

  async choose(locale: Locale | null): Promise<void> {
    await this.load(locale ?? this.browser);
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
  return fillMessage((i18n.catalogs[i18n.locale] ?? ENGLISH)[key], vars);
}

/** The current language and its `t`, for the pure functions that put facts into words (translate.ts). */
export function words(): Words {
  return { locale: i18n.locale, t };
}
