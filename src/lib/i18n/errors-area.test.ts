import { expect, it } from 'vitest';
import { ERROR_CODES } from '../errors';
import { CATALOGS } from './all-catalogs';
import { errors } from './en/errors';
import { LOCALES } from './locales';

it('the English error messages are ERROR_CODES itself, and every language translates every code', () => {
  const codes = Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[];
  expect(Object.keys(errors)).toHaveLength(codes.length);
  for (const code of codes) {
    expect(errors[`errors.${code}`]).toBe(ERROR_CODES[code]);
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      expect(CATALOGS[locale][`errors.${code}`], `${locale} ${code}`).not.toBe(ERROR_CODES[code]);
    }
  }
});
