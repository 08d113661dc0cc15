import type { units as en } from '../en/units';

export const units: Record<keyof typeof en, string> = {
  'units.b': 'B',
  'units.kb': 'KB',
  'units.mb': 'MB',
  'units.gb': 'GB',
  'units.tb': 'TB',
  'units.perSecond': '{size}/s',
  'units.s': '{n} s',
  'units.min': '{n} Min.',
  'units.h': '{n} Std.',
  'units.pair': '{big} {small}',
  'units.unknown': '—',
};
