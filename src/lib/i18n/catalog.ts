/**
 * The one message catalog: every text of the interface, by key, in every language Hearth ships.
 * English is the source; each other language must give every key (the types say so), so a missing
 * translation is a build error, not a gap on screen. Each area has one file per language: add a key
 * to `en/<area>.ts` and the same key to `de/`, `fr/` and `es/`.
 */
import { common as deCommon } from './de/common';
import { common as enCommon } from './en/common';
import { common as esCommon } from './es/common';
import { common as frCommon } from './fr/common';
import { security as deSecurity } from './de/security';
import { security as enSecurity } from './en/security';
import { security as esSecurity } from './es/security';
import { security as frSecurity } from './fr/security';
import type { Locale } from './locales';

const en = { ...enCommon, ...enSecurity };

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deCommon, ...deSecurity },
  fr: { ...frCommon, ...frSecurity },
  es: { ...esCommon, ...esSecurity },
};
