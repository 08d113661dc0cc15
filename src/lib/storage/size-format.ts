/**
 * Sizes as people read them, in the interface language: "1.2 MB", "1,2 MB", "1,2 Mo" (French names
 * the byte "octet"). Binary multiples under their familiar short names; one decimal below 10.
 */
import { fixedDigits } from '../i18n/number-format';

/** Unit names from the smallest: byte, kilobyte, megabyte, gigabyte, terabyte. */
export type SizeUnits = readonly [string, string, string, string, string];

export const ENGLISH_UNITS: SizeUnits = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatSize(bytes: number, locale = 'en', units: SizeUnits = ENGLISH_UNITS): string {
  const number = (value: number, digits: number) => fixedDigits(value, digits, locale, false);
  if (!Number.isFinite(bytes) || bytes <= 0) return `${number(0, 0)} ${units[0]}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // 1023.96 KB would round to "1024 KB": say "1 MB" instead.
  if (unit < units.length - 1 && value >= 1023.5) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${number(value, digits)} ${units[unit]}`;
}

/** Room left: the quota less what is used, never below 0; null when the browser gives no quota. */
export function freeBytes(usage: number | null, quota: number | null): number | null {
  if (quota === null || quota <= 0) return null;
  return Math.max(0, quota - (usage ?? 0));
}

