/** Units of sizes, speeds and durations, the one way every area writes them (i18n/units.ts). */
export const units = {
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
} as const;
