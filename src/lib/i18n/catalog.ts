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
import { models as deModels } from './de/models';
import { models as enModels } from './en/models';
import { models as esModels } from './es/models';
import { models as frModels } from './fr/models';
import { helpers as deHelpers } from './de/helpers';
import { helpers as enHelpers } from './en/helpers';
import { helpers as esHelpers } from './es/helpers';
import { helpers as frHelpers } from './fr/helpers';
import { badge as deBadge } from './de/badge';
import { badge as enBadge } from './en/badge';
import { badge as esBadge } from './es/badge';
import { badge as frBadge } from './fr/badge';
import { header as deHeader } from './de/header';
import { header as enHeader } from './en/header';
import { header as esHeader } from './es/header';
import { header as frHeader } from './fr/header';
import { settings as deSettings } from './de/settings';
import { settings as enSettings } from './en/settings';
import { settings as esSettings } from './es/settings';
import { settings as frSettings } from './fr/settings';
import { errors as deErrors, errorTitles as deErrorTitles } from './de/errors';
import { errors as enErrors, errorTitles as enErrorTitles } from './en/errors';
import { errors as esErrors, errorTitles as esErrorTitles } from './es/errors';
import { errors as frErrors, errorTitles as frErrorTitles } from './fr/errors';
import type { Locale } from './locales';

const en = { ...enCommon, ...enModels, ...enHelpers, ...enBadge, ...enHeader, ...enSettings, ...enErrors, ...enErrorTitles };

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deCommon, ...deModels, ...deHelpers, ...deBadge, ...deHeader, ...deSettings, ...deErrors, ...deErrorTitles },
  fr: { ...frCommon, ...frModels, ...frHelpers, ...frBadge, ...frHeader, ...frSettings, ...frErrors, ...frErrorTitles },
  es: { ...esCommon, ...esModels, ...esHelpers, ...esBadge, ...esHeader, ...esSettings, ...esErrors, ...esErrorTitles },
};
