import type { common as en } from '../en/common';

export const common: Record<keyof typeof en, string> = {
  'common.close': 'Fermer',
  'common.cancel': 'Annuler',
  'common.dismiss': 'Masquer',
  'common.retry': 'Réessayer',
  'common.language': 'Langue',
};
