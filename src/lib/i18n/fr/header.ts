import type { header as en } from '../en/header';

export const header: Record<keyof typeof en, string> = {
  'header.models': 'Modèles',
  'header.settings': 'Paramètres',
};
