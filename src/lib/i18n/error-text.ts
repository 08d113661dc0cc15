/**
 * An error's message in the reader's language. The code throws English (ERROR_CODES); an error that
 * carries its code's standard message is shown in the current language, while one whose message was
 * written for the occasion (naming a file, a model, a limit) keeps that message as it is.
 */
import { ERROR_CODES, isErrorCode } from '../errors';
import { t } from './i18n.svelte';

export function errorText(error: { code: string; message: string }): string {
  if (!isErrorCode(error.code)) return error.message;
  return error.message === ERROR_CODES[error.code] || !error.message ? t(`errors.${error.code}`) : error.message;
}
