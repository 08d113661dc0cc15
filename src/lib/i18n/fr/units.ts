import type { units as en } from '../en/units';

export const units: Record<keyof typeof en, string> = {
  'units.b': 'o',
  'units.kb': 'Ko',
  'units.mb': 'Mo',
  'units.gb': 'Go',
  'units.tb': 'To',
  'units.perSecond': '{size}/s',
  'units.s': '{n} s',
  'units.min': '{n} min',
  'units.h': '{n} h',
  'units.pair': '{big} {small}',
  'units.unknown': '—',
};
