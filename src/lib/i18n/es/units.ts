import type { units as en } from '../en/units';

export const units: Record<keyof typeof en, string> = {
  'units.b': 'B',
  'units.kb': 'KB',
  'units.mb': 'MB',
  'units.gb': 'GB',
  'units.tb': 'TB',
  'units.perSecond': '{size}/s',
  'units.s': '{n} s',
  'units.min': '{n} min',
  'units.h': '{n} h',
  'units.pair': '{big} {small}',
  'units.unknown': '—',
};
