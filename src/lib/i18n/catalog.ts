/**
 * The one message catalog: every text of the interface, by key, in every language Hearth ships.
 * English is the source; each other language must give every key (the types say so), so a missing
 * translation is a build error, not a gap on screen. Each area has one file per language: add a key
 * to `en/<area>.ts` and the same key to `de/`, `fr/` and `es/`.
 */
import { common as deCommon } from './de/common';
import { failures as deFailures } from './de/failures';
import { firstRun as deFirstRun } from './de/firstRun';
import { pwa as dePwa } from './de/pwa';
import { storage as deStorage } from './de/storage';
import { common as enCommon } from './en/common';
import { failures as enFailures } from './en/failures';
import { firstRun as enFirstRun } from './en/firstRun';
import { pwa as enPwa } from './en/pwa';
import { storage as enStorage } from './en/storage';
import { common as esCommon } from './es/common';
import { failures as esFailures } from './es/failures';
import { firstRun as esFirstRun } from './es/firstRun';
import { pwa as esPwa } from './es/pwa';
import { storage as esStorage } from './es/storage';
import { common as frCommon } from './fr/common';
import { failures as frFailures } from './fr/failures';
import { firstRun as frFirstRun } from './fr/firstRun';
import { pwa as frPwa } from './fr/pwa';
import { storage as frStorage } from './fr/storage';
import type { Locale } from './locales';

const en = { ...enCommon, ...enFailures, ...enFirstRun, ...enPwa, ...enStorage };

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deCommon, ...deFailures, ...deFirstRun, ...dePwa, ...deStorage },
  fr: { ...frCommon, ...frFailures, ...frFirstRun, ...frPwa, ...frStorage },
  es: { ...esCommon, ...esFailures, ...esFirstRun, ...esPwa, ...esStorage },
};
