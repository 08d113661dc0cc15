/** What the Storage panel says, from the message catalog: sizes in the interface language, counts with their plural. */
import type { MessageKey } from '../../lib/i18n/catalog';
import { i18n, t } from '../../lib/i18n/i18n.svelte';

export { size } from '../../lib/i18n/say';

/** The 'one' or the 'other' message for `count`, as the language's plural rules choose. */
export function counted(count: number, one: MessageKey, other: MessageKey): string {
  const form = new Intl.PluralRules(i18n.locale).select(count);
  return t(form === 'one' ? one : other, { count });
}

/** A list of names in the language's own way ("a, b and c"). */
export function names(list: readonly string[]): string {
  return new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(list);
}
