import type { common as en } from '../en/common';

export const common: Record<keyof typeof en, string> = {
  'common.close': 'Cerrar',
  'common.cancel': 'Cancelar',
  'common.dismiss': 'Descartar',
  'common.retry': 'Reintentar',
  'common.language': 'Idioma',
};
