/**
 * An error's message in a given language (pure; error-text.ts gives the current one). The code
 * throws English (ERROR_CODES); an error that carries its code's standard message is shown in the
 * reader's language, while one whose message was written for the occasion keeps that message.
 */
import { ERROR_CODES, isErrorCode } from '../errors';
import type { Words } from './translate';

export function errorTextIn(w: Words, error: { code: string; message: string }): string {
  if (!isErrorCode(error.code)) return error.message;
  return error.message === ERROR_CODES[error.code] || !error.message ? w.t(`errors.${error.code}`) : error.message;
}
