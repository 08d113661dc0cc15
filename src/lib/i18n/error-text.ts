/** An error's message in the current interface language (error-words.ts says how). */
import { words } from './i18n.svelte';
import { errorTextIn } from './error-words';

export function errorText(error: { code: string; message: string }): string {
  return errorTextIn(words(), error);
}
