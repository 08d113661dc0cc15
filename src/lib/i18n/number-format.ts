/**
 * Numbers with a fixed count of decimals in a language ("8.5", "8,5"). Making an `Intl.NumberFormat`
 * is costly (a first screen made dozens), so there is one per language, precision and grouping.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function fixedDigits(value: number, digits: number, locale: string, grouping = true): string {
  const key = `${locale}|${digits}|${grouping}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping });
    formats.set(key, format);
  }
  return format.format(value);
}
