import type { common as en } from '../en/common';

export const common: Record<keyof typeof en, string> = {
  'common.close': 'Schließen',
  'common.cancel': 'Abbrechen',
  'common.dismiss': 'Ausblenden',
  'common.retry': 'Erneut versuchen',
  'common.language': 'Sprache',
};
