/**
 * The one message catalog: every text of the interface, by key, in every language Hearth ships.
 * English is the source; each other language must give every key (the types say so), so a missing
 * translation is a build error, not a gap on screen. Each area has one file per language: add a key
 * to `en/<area>.ts` and the same key to `de/`, `fr/` and `es/`.
 */
import { common as deCommon } from './de/common';
import { pwa as dePwa } from './de/pwa';
import { common as enCommon } from './en/common';
import { pwa as enPwa } from './en/pwa';
import { common as esCommon } from './es/common';
import { pwa as esPwa } from './es/pwa';
import { common as frCommon } from './fr/common';
import { pwa as frPwa } from './fr/pwa';
import type { Locale } from './locales';

const en = { ...enCommon, ...enPwa };

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deCommon, ...dePwa },
  fr: { ...frCommon, ...frPwa },
  es: { ...esCommon, ...esPwa },
};
