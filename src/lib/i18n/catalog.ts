/**
 * The one message catalog: every text of the interface, by key, in every language Hearth ships.
 * English is the source; each other language must give every key (the types say so), so a missing
 * translation is a build error, not a gap on screen. Each area has one file per language: add a key
 * to `en/<area>.ts` and the same key to `de/`, `fr/` and `es/`.
 */
import { app as deApp } from './de/app';
import { badge as deBadge } from './de/badge';
import { chat as deChat } from './de/chat';
import { common as deCommon } from './de/common';
import { errors as deErrors, errorTitles as deErrorTitles } from './de/errors';
import { failures as deFailures } from './de/failures';
import { firstRun as deFirstRun } from './de/firstRun';
import { header as deHeader } from './de/header';
import { helpers as deHelpers } from './de/helpers';
import { library as deLibrary } from './de/library';
import { models as deModels } from './de/models';
import { pwa as dePwa } from './de/pwa';
import { security as deSecurity } from './de/security';
import { settings as deSettings } from './de/settings';
import { storage as deStorage } from './de/storage';
import { progress as deProgress } from './de/progress';
import { reasons as deReasons } from './de/reasons';
import { units as deUnits } from './de/units';
import { app as enApp } from './en/app';
import { badge as enBadge } from './en/badge';
import { chat as enChat } from './en/chat';
import { common as enCommon } from './en/common';
import { errors as enErrors, errorTitles as enErrorTitles } from './en/errors';
import { failures as enFailures } from './en/failures';
import { firstRun as enFirstRun } from './en/firstRun';
import { header as enHeader } from './en/header';
import { helpers as enHelpers } from './en/helpers';
import { library as enLibrary } from './en/library';
import { models as enModels } from './en/models';
import { pwa as enPwa } from './en/pwa';
import { security as enSecurity } from './en/security';
import { settings as enSettings } from './en/settings';
import { storage as enStorage } from './en/storage';
import { progress as enProgress } from './en/progress';
import { reasons as enReasons } from './en/reasons';
import { units as enUnits } from './en/units';
import { app as esApp } from './es/app';
import { badge as esBadge } from './es/badge';
import { chat as esChat } from './es/chat';
import { common as esCommon } from './es/common';
import { errors as esErrors, errorTitles as esErrorTitles } from './es/errors';
import { failures as esFailures } from './es/failures';
import { firstRun as esFirstRun } from './es/firstRun';
import { header as esHeader } from './es/header';
import { helpers as esHelpers } from './es/helpers';
import { library as esLibrary } from './es/library';
import { models as esModels } from './es/models';
import { pwa as esPwa } from './es/pwa';
import { security as esSecurity } from './es/security';
import { settings as esSettings } from './es/settings';
import { storage as esStorage } from './es/storage';
import { progress as esProgress } from './es/progress';
import { reasons as esReasons } from './es/reasons';
import { units as esUnits } from './es/units';
import { app as frApp } from './fr/app';
import { badge as frBadge } from './fr/badge';
import { chat as frChat } from './fr/chat';
import { common as frCommon } from './fr/common';
import { errors as frErrors, errorTitles as frErrorTitles } from './fr/errors';
import { failures as frFailures } from './fr/failures';
import { firstRun as frFirstRun } from './fr/firstRun';
import { header as frHeader } from './fr/header';
import { helpers as frHelpers } from './fr/helpers';
import { library as frLibrary } from './fr/library';
import { models as frModels } from './fr/models';
import { pwa as frPwa } from './fr/pwa';
import { security as frSecurity } from './fr/security';
import { settings as frSettings } from './fr/settings';
import { storage as frStorage } from './fr/storage';
import { progress as frProgress } from './fr/progress';
import { reasons as frReasons } from './fr/reasons';
import { units as frUnits } from './fr/units';
import type { Locale } from './locales';

const en = { ...enApp, ...enBadge, ...enChat, ...enCommon, ...enErrors, ...enErrorTitles, ...enFailures, ...enFirstRun, ...enHeader, ...enHelpers, ...enLibrary, ...enModels, ...enPwa, ...enSecurity, ...enSettings, ...enStorage, ...enProgress, ...enReasons, ...enUnits };

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deApp, ...deBadge, ...deChat, ...deCommon, ...deErrors, ...deErrorTitles, ...deFailures, ...deFirstRun, ...deHeader, ...deHelpers, ...deLibrary, ...deModels, ...dePwa, ...deSecurity, ...deSettings, ...deStorage, ...deProgress, ...deReasons, ...deUnits },
  fr: { ...frApp, ...frBadge, ...frChat, ...frCommon, ...frErrors, ...frErrorTitles, ...frFailures, ...frFirstRun, ...frHeader, ...frHelpers, ...frLibrary, ...frModels, ...frPwa, ...frSecurity, ...frSettings, ...frStorage, ...frProgress, ...frReasons, ...frUnits },
  es: { ...esApp, ...esBadge, ...esChat, ...esCommon, ...esErrors, ...esErrorTitles, ...esFailures, ...esFirstRun, ...esHeader, ...esHelpers, ...esLibrary, ...esModels, ...esPwa, ...esSecurity, ...esSettings, ...esStorage, ...esProgress, ...esReasons, ...esUnits },
};
