/**
 * Every error's message, by its code. English is ERROR_CODES itself (src/lib/errors.ts), the text the
 * code throws and logs, so the two cannot drift apart; the other languages translate it code by code.
 */
import { ERROR_CODES } from '../../errors';

type Codes = typeof ERROR_CODES;
type ErrorMessages = { readonly [C in keyof Codes as `errors.${C}`]: Codes[C] };

export const errors = Object.fromEntries(Object.entries(ERROR_CODES).map(([code, text]) => [`errors.${code}`, text])) as ErrorMessages;

/** Titles shown above some errors. */
export const errorTitles = {
  'errors.title.offline': 'Not saved for offline use',
  'errors.title.startup': 'Hearth could not start',
  'errors.startup.builtInCatalog': 'Use the built-in catalog',
  'errors.startup.openSettings': 'Open settings',
} as const;
