/**
 * The one message catalog: every text of the interface, by key, in every language Hearth ships.
 * English is the source; each other language must give every key (the types say so), so a missing
 * translation is a build error, not a gap on screen. Each area has one file per language: add a key
 * to `en/<area>.ts` and the same key to `de/`, `fr/` and `es/`.
 */
import { app as deApp } from './de/app';
import { app as enApp } from './en/app';
import { app as esApp } from './es/app';
import { app as frApp } from './fr/app';
import { chat as deChat } from './de/chat';
import { chat as enChat } from './en/chat';
import { chat as esChat } from './es/chat';
import { chat as frChat } from './fr/chat';
import { library as deLibrary } from './de/library';
import { library as enLibrary } from './en/library';
import { library as esLibrary } from './es/library';
import { library as frLibrary } from './fr/library';
import { common as deCommon } from './de/common';
import { common as enCommon } from './en/common';
import { common as esCommon } from './es/common';
import { common as frCommon } from './fr/common';
import type { Locale } from './locales';

const en = { ...enCommon, ...enApp, ...enChat, ...enLibrary };

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deCommon, ...deApp, ...deChat, ...deLibrary },
  fr: { ...frCommon, ...frApp, ...frChat, ...frLibrary },
  es: { ...esCommon, ...esApp, ...esChat, ...esLibrary },
};
