/**
 * Numbers in a language ("8.5", "8,5", "12 345"). For the interface's own languages the digits are
 * written here, as CLDR writes them (number-format.test.ts compares with Intl.NumberFormat): the
 * first `Intl.NumberFormat` of a page loads the number data of ICU, 37 ms measured in headless
 * Chromium here, 83 ms of one start-up task under Lighthouse's 4× CPU slowdown. Any other language,
 * and numbers written with an exponent, go through Intl (one formatter per language, precision and
 * grouping).
 */

interface Separators {
  decimal: string;
  group: string;
  /** Digits the integer part needs before it is grouped at all (Spanish writes 1234 but 12.345). */
  minIntegerDigits: number;
}

const OWN: Readonly<Record<string, Separators>> = {
  en: { decimal: '.', group: ',', minIntegerDigits: 4 },
  'en-US': { decimal: '.', group: ',', minIntegerDigits: 4 },
  de: { decimal: ',', group: '.', minIntegerDigits: 4 },
  fr: { decimal: ',', group: '\u202f', minIntegerDigits: 4 },
  es: { decimal: ',', group: '.', minIntegerDigits: 5 },
};

const formats = new Map<string, Intl.NumberFormat>();

function intl(value: number, locale: string, min: number, max: number, grouping: boolean): string {
  const key = `${locale}|${min}|${max}|${grouping}`;
  let format = formats.get(key);
  if (!format) {
    // 'auto' is the language's own rule (as toLocaleString), where `true` would group 1234 in Spanish too.
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: grouping ? 'auto' : false });
    formats.set(key, format);
  }
  return format.format(value);
}

/**
 * The integer and fraction digits of |value| rounded to `digits` decimals, half away from zero, on
 * its shortest decimal form (as ICU rounds: 1.005 → 1.01, where toFixed gives 1.00); null when that
 * form has an exponent.
 */
function rounded(abs: number, digits: number): { int: string; frac: string } | null {
  const text = String(abs);
  if (text.includes('e')) return null;
  const [int = '0', frac = ''] = text.split('.');
  if (frac.length <= digits) return { int, frac: frac.padEnd(digits, '0') };
  let kept = int + frac.slice(0, digits);
  if (frac.charCodeAt(digits) >= 53 /* "5" */) kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const cut = kept.length - digits;
  return { int: kept.slice(0, cut) || '0', frac: kept.slice(cut) };
}

function grouped(int: string, own: Separators): string {
  if (int.length < own.minIntegerDigits) return int;
  let out = '';
  for (let end = int.length; end > 0; end -= 3) out = int.slice(Math.max(0, end - 3), end) + (out ? own.group + out : '');
  return out;
}

/** `value` with between `min` and `max` decimals (trailing zeros beyond `min` dropped). */
function written(value: number, locale: string, min: number, max: number, grouping: boolean): string {
  const own = OWN[locale];
  const parts = own && Number.isFinite(value) ? rounded(Math.abs(value), max) : null;
  if (!own || !parts) return intl(value, locale, min, max, grouping);
  let frac = parts.frac;
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  const int = grouping ? grouped(parts.int, own) : parts.int;
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${int}${frac ? own.decimal + frac : ''}`;
}

/** A number with exactly `digits` decimals, as the language writes it. */
export function fixedDigits(value: number, digits: number, locale: string, grouping = true): string {
  return written(value, locale, digits, digits, grouping);
}

/** A number as `value.toLocaleString(locale)` writes it: grouped, up to three decimals. */
export function localeNumber(value: number, locale: string): string {
  return written(value, locale, 0, 3, true);
}
