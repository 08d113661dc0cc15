import { describe, expect, it } from 'vitest';
import { fixedDigits, localeNumber } from './number-format';

/** Values a page writes (sizes, rates, memory, counts) and the edges of rounding and grouping. */
function values(): number[] {
  const list = [0, -0, 0.5, 1.5, 2.5, 1.005, 1.045, 0.05, 0.95, 9.995, 99.95, 999.95, 999.5, 1000, 1234, 12345, 123456.789, 1234567.891, 1e15, 0.0001, 1e-7, 1e21, -1.25, -0.04, -1234.5, NaN, Infinity, -Infinity];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 3000; i++) list.push(Math.round(random() * 10 ** (1 + (i % 8))) / 10 ** (i % 5));
  for (let i = 0; i < 1000; i++) list.push(random() * 10 ** (i % 7));
  return list;
}

describe('numbers in the interface languages', () => {
  for (const locale of ['en', 'en-US', 'de', 'fr', 'es']) {
    it(`${locale}: written as Intl.NumberFormat writes them, at every precision, grouped or not`, () => {
      for (const value of values()) {
        for (const digits of [0, 1, 2, 3]) {
          for (const grouping of [true, false]) {
            const want = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping ? 'auto' : false }).format(value);
            expect(fixedDigits(value, digits, locale, grouping), `${value} ${digits} ${grouping}`).toBe(want);
          }
        }
        expect(localeNumber(value, locale), String(value)).toBe(value.toLocaleString(locale));
      }
    });
  }

  it('another language is written by Intl', () => {
    expect(fixedDigits(1234567.5, 1, 'hi')).toBe(new Intl.NumberFormat('hi', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(1234567.5));
    expect(localeNumber(1234567, 'en-IN')).toBe('12,34,567');
  });
});
