/**
 * The one message catalog: every text of the interface, by key, in every language Hearth ships.
 * English is the source and is always loaded; each other language must give every key (the types
 * say so), so a missing translation is a build error, not a gap on screen, and loads as its own chunk
 * only when the interface is in that language (`de/index.ts`, `fr/index.ts`, `es/index.ts`). Each
 * area has one file per language: add a key to `en/<area>.ts` and the same key to `de/`, `fr/` and
 * `es/`.
 */
import { app } from './en/app';
import { badge } from './en/badge';
import { chat } from './en/chat';
import { common } from './en/common';
import { errors, errorTitles } from './en/errors';
import { failures } from './en/failures';
import { firstRun } from './en/firstRun';
import { header } from './en/header';
import { helpers } from './en/helpers';
import { library } from './en/library';
import { models } from './en/models';
import { progress } from './en/progress';
import { pwa } from './en/pwa';
import { reasons } from './en/reasons';
import { security } from './en/security';
import { settings } from './en/settings';
import { storage } from './en/storage';
import { units } from './en/units';
import type { Locale } from './locales';

export const ENGLISH = { ...app, ...badge, ...chat, ...common, ...errors, ...errorTitles, ...failures, ...firstRun, ...header, ...helpers, ...library, ...models, ...pwa, ...security, ...settings, ...storage, ...progress, ...reasons, ...units };

export type MessageKey = keyof typeof ENGLISH;
export type Catalog = Readonly<Record<MessageKey, string>>;

/** The other languages' catalogs, each loaded on first use. */
export const LOADERS: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<Catalog>>> = {
  de: () => import('./de/index').then((m) => m.catalog),
  fr: () => import('./fr/index').then((m) => m.catalog),
  es: () => import('./es/index').then((m) => m.catalog),
};
