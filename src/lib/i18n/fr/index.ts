/** The French catalog: every area's file, in one chunk that loads only when the interface is in French. */
import type { Catalog } from '../catalog';
import { app } from './app';
import { badge } from './badge';
import { chat } from './chat';
import { common } from './common';
import { errors, errorTitles } from './errors';
import { failures } from './failures';
import { firstRun } from './firstRun';
import { header } from './header';
import { helpers } from './helpers';
import { library } from './library';
import { models } from './models';
import { progress } from './progress';
import { pwa } from './pwa';
import { reasons } from './reasons';
import { security } from './security';
import { settings } from './settings';
import { storage } from './storage';
import { units } from './units';

export const catalog: Catalog = { ...app, ...badge, ...chat, ...common, ...errors, ...errorTitles, ...failures, ...firstRun, ...header, ...helpers, ...library, ...models, ...pwa, ...security, ...settings, ...storage, ...progress, ...reasons, ...units };
