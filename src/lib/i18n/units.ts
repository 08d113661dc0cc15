/**
 * Sizes, speeds and durations in the reader's language, the one way Hearth writes them: "1.2 MB",
 * "1,2 Mo", "850 KB/s", "2 min 5 s", "2 Min. 5 s". The unit names come from the catalog (units area).
 */
import { formatSize, type SizeUnits } from '../storage/size-format';
import type { Words } from './translate';

export function sizeUnits(w: Words): SizeUnits {
  return [w.t('units.b'), w.t('units.kb'), w.t('units.mb'), w.t('units.gb'), w.t('units.tb')];
}

/** Binary multiples, one decimal below 10: "1.2 MB", "85 MB", "1,5 Go". */
export function sizeIn(w: Words, bytes: number): string {
  return formatSize(bytes, w.locale, sizeUnits(w));
}

/** A size of `megabytes` (a catalog's download or memory figure). */
export function megabytesIn(w: Words, megabytes: number): string {
  return sizeIn(w, megabytes * 1024 * 1024);
}

export function speedIn(w: Words, bytesPerSecond: number): string {
  return w.t('units.perSecond', { size: sizeIn(w, bytesPerSecond) });
}

/** Rounded up to whole seconds; at most two units ("1 h 5 min", "2 min 10 s", "8 s"). */
export function durationIn(w: Words, seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return w.t('units.unknown');
  const s = Math.ceil(seconds);
  if (s < 60) return w.t('units.s', { n: s });
  const minutes = Math.floor(s / 60);
  const pair = (big: string, small: string) => w.t('units.pair', { big, small });
  if (minutes < 60) return s % 60 ? pair(w.t('units.min', { n: minutes }), w.t('units.s', { n: s % 60 })) : w.t('units.min', { n: minutes });
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? pair(w.t('units.h', { n: hours }), w.t('units.min', { n: minutes % 60 })) : w.t('units.h', { n: hours });
}
